import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize/normalize-text.js';
import { featureConfigSchema } from './feature-config.js';
import { FeatureExtractor } from './feature-extractor.js';

const extract = (text: string, config = {}): Map<string, number> => new FeatureExtractor(featureConfigSchema.parse(config)).extract(normalizeText(text));

describe('FeatureExtractor', () => {
  it('gives English customer-service terms the features of their Chinese wording', () => {
    const english = extract('I want to file a complaint');
    const chinese = extract('我要投诉');
    expect(english.has('w:投诉')).toBe(true);
    expect(chinese.has('w:投诉')).toBe(true);
    expect(english.has('c:投诉')).toBe(true);
    expect(extract('I want to file a complaint', { crossLingual: false }).has('w:投诉')).toBe(false);
  });

  it('reads any long number as one mark, so that its digits cannot outvote the words', () => {
    const a = extract('订单20261122900012到哪了');
    const b = extract('订单20250101000077到哪了');
    expect(a).toEqual(b);
    expect(a.has('c:单#')).toBe(true);
    expect([...a.keys()].some((k) => /\d/.test(k))).toBe(false);
    // Short numbers (amounts, dates, quantities) keep their digits.
    expect(extract('扣了88元').has('c:88')).toBe(true);
  });

  it('adds the detected emotion as a feature, and none for a calm message', () => {
    expect(extract('你们这什么破服务，气死我了！！！').has('e:anger')).toBe(true);
    const calm = extract('我想查一下订单');
    expect([...calm.keys()].some((k) => k.startsWith('e:'))).toBe(false);
    expect(extract('你们这什么破服务，气死我了！！！', { emotion: false }).has('e:anger')).toBe(false);
  });

  it('reads a model saved before these features existed with them switched on (defaults)', () => {
    const config = featureConfigSchema.parse({ wordNgrams: 2, charNgramMin: 1, charNgramMax: 3, pinyin: true, weights: { word: 1, char: 1, pinyin: 1, user: 1 }, minDf: 1 });
    expect(config.crossLingual).toBe(true);
    expect(config.emotion).toBe(true);
    expect(config.weights.emotion).toBe(1);
  });
});

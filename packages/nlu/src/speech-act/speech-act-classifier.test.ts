import { describe, expect, it } from 'vitest';
import { InvalidTrainingDataError } from '../errors/nlu-error.js';
import { normalizeText } from '../normalize/normalize-text.js';
import { SpeechActClassifier } from './speech-act-classifier.js';
import { shippedSpeechActExamples, splitSpeechActs } from './speech-act-corpus.js';

// Trained on the train part only, so the held-out part and the sentences below (none in the corpus) are unseen.
const { train, test } = splitSpeechActs(shippedSpeechActExamples(), { holdOut: 0.2, seed: 42 });
const classifier = SpeechActClassifier.train(train, { seed: 42 });

const clearCases = [
  ['退了货以后运费谁来出', 'question'],
  ['拆开试了一下还能无理由退不', 'question'],
  ['你们晚上几点以后就没人工了', 'question'],
  ['跨行转一万块收多少手续费', 'question'],
  ['挂失补办一张卡要多少天', 'question'],
  ['投诉了以后一般几天有结果', 'question'],
  ['办居住证得准备哪些东西', 'question'],
  ['套餐外的流量怎么算钱', 'question'],
  ['麻烦帮我把这单退了', 'request'],
  ['我要退这个订单', 'request'],
  ['我买的书一个礼拜了还没送到', 'request'],
  ['我的银行卡找不到了', 'request'],
  ['我前天转给我哥的钱他说没收到', 'request'],
  ['看看我的快递现在在哪', 'request'],
  ['我这个月流量还剩多少', 'request'],
  ['能不能帮我把套餐换成便宜的', 'request'],
  // The topic first and the subject dropped: still a want, not a question about the topic.
  ['羽绒服想退货', 'request'],
  ['车贷想提前结清', 'request'],
  ['护照想加急办理', 'request'],
  ['这件毛衣想换个码', 'request'],
] as const;

describe('the speech-act classifier', () => {
  it.each(clearCases)('reads "%s" as a %s', (text, act) => {
    const result = classifier.classify(text);
    expect(result.label).toBe(act);
    expect(result.confidence).toBeGreaterThan(0.5);
  });

  it('is checked on sentences its corpus does not hold', () => {
    const corpus = new Set(shippedSpeechActExamples().map((e) => normalizeText(e.text)));
    expect(clearCases.filter(([text]) => corpus.has(normalizeText(text)))).toEqual([]);
  });

  it('gets at least 85 % of the held-out fifth of its corpus right (a coin would get about half)', () => {
    const right = test.filter((e) => classifier.classify(e.text).label === e.act).length;
    expect(test.length).toBeGreaterThanOrEqual(100);
    expect(right / test.length).toBeGreaterThanOrEqual(0.85);
  });

  it('gives the probability of the label it chose, never below one half', () => {
    for (const text of ['你好', '谢谢', '嗯', '???', 'asdf']) {
      const { confidence } = classifier.classify(text);
      expect(confidence).toBeGreaterThanOrEqual(0.5);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });

  it('has no evidence either way for empty text', () => {
    expect(classifier.classify('')).toEqual({ label: 'question', confidence: 0.5 });
  });

  it('classifies identically after a JSON round trip', () => {
    const restored = SpeechActClassifier.fromJSON(JSON.parse(JSON.stringify(classifier.toJSON())));
    for (const text of ['能退吗', '帮我退了', '我的订单到哪了', '周末有人工吗']) expect(restored.classify(text)).toEqual(classifier.classify(text));
  });

  it('trains the same classifier twice from the same data and seed', () => {
    expect(SpeechActClassifier.train(train, { seed: 42 }).toJSON()).toEqual(classifier.toJSON());
  });

  it('refuses training data with only one label', () => {
    expect(() => SpeechActClassifier.train([{ text: '能退吗', act: 'question' }, { text: '运费谁出', act: 'question' }])).toThrow(InvalidTrainingDataError);
  });
});

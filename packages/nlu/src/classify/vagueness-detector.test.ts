import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize/normalize-text.js';
import { customerServiceFixture } from '../test-support/customer-service-fixture.js';
import { VaguenessDetector } from './vagueness-detector.js';

const utterances = customerServiceFixture.intents.flatMap((i) => i.utterances);

describe('telling vague requests from specific ones', () => {
  const detector = VaguenessDetector.train(utterances, { topics: ['发票', '地址', '快递', '退款', '会员'] });

  it('finds a message that only names its topic vague', () => {
    for (const text of ['发票的问题', '关于地址', '快递那边的事']) expect(detector.isVague(normalizeText(text)), text).toBe(true);
  });

  it('finds a message that says what is wanted specific', () => {
    for (const text of ['发票抬头写错了', '我想换个收货地址', '我的快递到哪了', '怎么申请退款']) expect(detector.isVague(normalizeText(text)), text).toBe(false);
  });

  it('learns a tenant\'s own vague examples', () => {
    const without = VaguenessDetector.train(utterances, { topics: [] });
    const withOwn = VaguenessDetector.train(utterances, { topics: [], vagueExamples: ['账号那块', '账号那块有点事', '账号那块想问'] });
    expect(withOwn.vagueness(normalizeText('账号那块'))).toBeGreaterThan(without.vagueness(normalizeText('账号那块')));
    expect(withOwn.isVague(normalizeText('账号那块'))).toBe(true);
  });

  it('tells a message about the tenant\'s business from one about anything else', () => {
    for (const text of ['发票那块有点事', '快递出了点状况', '有点问题']) expect(detector.staysOnTopic(normalizeText(text)), text).toBe(true);
    for (const text of ['后天天气好不好', '电影有点问题']) expect(detector.staysOnTopic(normalizeText(text)), text).toBe(false);
  });

  it('decides the same after a JSON round trip', () => {
    const restored = VaguenessDetector.fromJSON(JSON.parse(JSON.stringify(detector.toJSON())));
    for (const text of ['发票的问题', '我要退款']) expect(restored.vagueness(normalizeText(text))).toBe(detector.vagueness(normalizeText(text)));
    expect(restored.staysOnTopic(normalizeText('发票那块有点事'))).toBe(true);
  });
});

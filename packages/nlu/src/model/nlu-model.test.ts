import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidTrainingDataError, UnsupportedModelFormatError } from '../errors/nlu-error.js';
import { customerServiceFixture } from '../test-support/customer-service-fixture.js';
import { NluModel } from './nlu-model.js';

const now = new Date('2026-03-01T10:00:00+08:00');

describe('a tenant NLU model', () => {
  const model = NluModel.train(customerServiceFixture, { seed: 3 });

  it('parses a customer message into intent, candidates and FAQ hits', () => {
    const result = model.parse('請問多久發貨？', { now });
    expect(result.normalized).toBe('请问多久发货');
    expect(result.intent?.name).toBe('shipping_status');
    expect(result.outOfScope).toBe(false);
    expect(result.faq[0]?.id).toBe('faq-shipping-time');
    expect(result.candidates[0]?.name).toBe('shipping_status');
  });

  it('names the intent each FAQ hit\'s own wording reads as, so two readings of a message can be checked against each other', () => {
    const hit = model.parse('什么时候发货啊', { now }).faq.find((f) => f.id === 'faq-shipping-time');
    expect(hit?.intent).toBe('shipping_status');
    expect(model.parse('发票怎么开', { now }).faq.find((f) => f.id === 'faq-invoice')?.intent).toBe('invoice');
    const reloaded = NluModel.load(JSON.stringify(model.toJSON()));
    expect(reloaded.parse('什么时候发货啊', { now }).faq.find((f) => f.id === 'faq-shipping-time')?.intent).toBe('shipping_status');
  });

  it('tells a question about how things work from a request about the customer\'s own case', () => {
    expect(model.parse('退货的运费是谁出？').act).toMatchObject({ label: 'question' });
    expect(model.parse('我昨天买的那件帮我退了').act).toMatchObject({ label: 'request' });
    expect(model.parse('我的快递到哪了').act.confidence).toBeGreaterThan(0.5);
  });

  it('recognises the refund intent from a homophone typo ("退宽")', () => {
    expect(model.parse('我要退宽').intent?.name).toBe('refund');
  });

  it('abstains on chit-chat that matches no intent', () => {
    const result = model.parse('今天天气不错');
    expect(result.outOfScope).toBe(true);
    expect(result.intent).toBeNull();
  });

  it('uses tenant words as whole features', () => {
    expect(model.toJSON().intents?.vectorizer.vocabulary).toContain('u:畅享会员');
  });

  it('gives identical parses after a save/load round trip through a JSON string', () => {
    const restored = NluModel.load(JSON.stringify(model.toJSON()));
    for (const text of ['我要退款', '快递到哪了', '发票抬头错了', '今天天气不错', '畅享会员有什么权益']) {
      expect(restored.parse(text, { now })).toEqual(model.parse(text, { now }));
    }
  });

  it('trains the same model twice from the same data and seed', () => {
    const again = NluModel.train(customerServiceFixture, { seed: 3 });
    expect(again.toJSON()).toEqual(model.toJSON());
  });

  it('never crashes on odd strings', () => {
    for (const text of ['', '   ', '\u0000\u0000', '\uD800', '😡😡😡', '退款'.repeat(50_000), '!!!???', 'a'.repeat(100_000)]) {
      const result = model.parse(text);
      expect(typeof result.outOfScope).toBe('boolean');
    }
    expect(model.parse('').outOfScope).toBe(true);
  });

  it('reads emotion and risk with the trained classifier, not the lexicons alone', () => {
    expect(model.parse('真是谢谢你们啊，让我白跑三趟').emotion.label).toBe('anger');
    expect(model.parse('这事我跟你们没完').risk.level).toBe('high');
    expect(model.parse('活着没意思了').risk.reasons).toContain('self_harm');
  });

  it('rejects a non-string message with a typed error', () => {
    expect(() => model.parse(null as unknown as string)).toThrow(InvalidInputError);
  });
});

describe('vague requests', () => {
  const model = NluModel.train(customerServiceFixture, { seed: 3 });

  it('flags a message that only names its topic as ambiguous, with two to four candidates led by the topic\'s intent', () => {
    const result = model.parse('发票的事');
    expect(result.ambiguous).toBe(true);
    expect(result.candidates.length).toBeGreaterThanOrEqual(2);
    expect(result.candidates.length).toBeLessThanOrEqual(4);
    expect(result.candidates[0]?.name).toBe('invoice');
  });

  it('leaves clear requests unambiguous', () => {
    for (const text of ['我要退款', '发票抬头写错了', '修改收货地址', '我的快递到哪了']) expect(model.parse(text).ambiguous, text).toBe(false);
  });

  it('learns the tenant\'s own vague examples', () => {
    const taught = NluModel.train({ ...customerServiceFixture, vague: ['畅享会员咋样', '极光套餐咋样', '畅享会员咋样啊'] }, { seed: 3 });
    expect(model.parse('畅享会员咋样了').ambiguous).toBe(false);
    expect(taught.parse('畅享会员咋样了').ambiguous).toBe(true);
  });

  it('does not flag them when trained without the detector', () => {
    const plain = NluModel.train(customerServiceFixture, { seed: 3, vagueness: false });
    expect(plain.parse('发票的事').ambiguous).toBe(false);
    expect(plain.toJSON().vagueness).toBeUndefined();
  });

  it('keeps the flag through a save/load round trip', () => {
    expect(NluModel.load(JSON.stringify(model.toJSON())).parse('发票的事')).toEqual(model.parse('发票的事'));
  });

  it('never flags out-of-scope text: "今天天气怎么样" is not torn between the tenant\'s tasks', () => {
    const chitChat = ['今天天气怎么样', '明天会下雨吗', '给我讲个笑话', '帮我订一张机票', '推荐一部好看的电影', '附近有什么好吃的', '帮我写篇作文', '股票明天会涨吗'];
    const withOos = NluModel.train(
      { ...customerServiceFixture, intents: [...customerServiceFixture.intents, { name: 'oos', utterances: chitChat }] },
      { seed: 3, outOfScopeIntent: 'oos' },
    );
    for (const text of ['后天天气好不好', '讲个笑话听听', '帮我订火车票']) {
      const result = withOos.parse(text);
      expect(result.outOfScope, text).toBe(true);
      expect(result.ambiguous, text).toBe(false);
    }
  });
});

describe('vague requests learnt from what several intents share', () => {
  // "不想要了" opens both a refund and a return in this tenant's own utterances.
  const shared: Record<string, string[]> = {
    refund: ['不想要了能退款吗', '东西不想要了退钱', '不想要了钱怎么退', '没收到货不想要了退款'],
    return_goods: ['不想要了怎么退货', '收到了不想要了退回去', '衣服不想要了要退货', '不想要了可以退货吗'],
  };
  const data = { ...customerServiceFixture, intents: customerServiceFixture.intents.map((i) => ({ ...i, utterances: [...i.utterances, ...(shared[i.name] ?? [])] })) };
  const model = NluModel.train(data, { seed: 3 });

  it('flags a message that says only what two intents share, with both as candidates', () => {
    const result = model.parse('不想要了');
    expect(result.ambiguous).toBe(true);
    expect(result.candidates.slice(0, 2).map((c) => c.name).sort()).toEqual(['refund', 'return_goods']);
    expect(NluModel.train(data, { seed: 3, vagueness: { fragments: false } }).parse('不想要了').ambiguous).toBe(false);
  });

  it('still reads the full requests those intents are said with', () => {
    for (const text of ['我要退款', '我想退货', '不想要了可以退货吗']) expect(model.parse(text).ambiguous, text).toBe(false);
  });

  it('keeps the topics\' intents through a save/load round trip', () => {
    expect(model.toJSON().topicIntents).toBeDefined();
    expect(NluModel.load(JSON.stringify(model.toJSON())).parse('退货地址的事')).toEqual(model.parse('退货地址的事'));
  });
});

describe('vague requests the classifier cannot place', () => {
  const chitChat = ['今天天气怎么样', '明天会下雨吗', '给我讲个笑话', '帮我订一张机票', '推荐一部好看的电影', '附近有什么好吃的', '帮我写篇作文', '股票明天会涨吗'];
  const data = { ...customerServiceFixture, intents: [...customerServiceFixture.intents, { name: 'oos', utterances: chitChat }] };
  const withOos = NluModel.train(data, { seed: 3, outOfScopeIntent: 'oos' });
  const plain = NluModel.train(data, { seed: 3, outOfScopeIntent: 'oos', vagueness: false });

  it('asks about a message on the tenant\'s topics that the classifier abstains on, instead of calling it out of scope', () => {
    for (const text of ['发票那块有点事', '关于快递的事情', '出了点状况']) {
      expect(plain.parse(text).outOfScope, text).toBe(true);
      const result = withOos.parse(text);
      expect(result.ambiguous, text).toBe(true);
      expect(result.outOfScope, text).toBe(false);
      expect(result.candidates.length, text).toBeGreaterThanOrEqual(2);
    }
    expect(withOos.parse('发票那块有点事').candidates[0]?.name).toBe('invoice');
  });

  it('keeps the rescue through a save/load round trip', () => {
    expect(NluModel.load(JSON.stringify(withOos.toJSON())).parse('关于快递的事情')).toEqual(withOos.parse('关于快递的事情'));
  });
});

describe('loading and training errors', () => {
  it('rejects an unknown model version with a typed error', () => {
    const json = { ...NluModel.train(customerServiceFixture).toJSON(), version: 2 };
    expect(() => NluModel.load(json)).toThrow(UnsupportedModelFormatError);
  });

  it('rejects something that is not a model', () => {
    expect(() => NluModel.load('{"hello":1}')).toThrow(UnsupportedModelFormatError);
    expect(() => NluModel.load('not json')).toThrow(UnsupportedModelFormatError);
  });

  it('rejects malformed training data', () => {
    expect(() => NluModel.train({ intents: [{ name: '', utterances: [] }] })).toThrow(InvalidTrainingDataError);
  });

  it('answers FAQs even with no intents at all', () => {
    const faqOnly = NluModel.train({ intents: [], faqs: customerServiceFixture.faqs });
    const result = faqOnly.parse('发票怎么开');
    expect(result.intent).toBeNull();
    expect(result.faq[0]?.id).toBe('faq-invoice');
  });
});

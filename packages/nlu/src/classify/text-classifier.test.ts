import { describe, expect, it } from 'vitest';
import { customerServiceFixture } from '../test-support/customer-service-fixture.js';
import { TextClassifier, type LabeledText } from './text-classifier.js';

const examples: LabeledText[] = customerServiceFixture.intents.flatMap((i) => i.utterances.map((text) => ({ text, label: i.name })));

describe('intent classifier on a toy customer-service task', () => {
  const classifier = TextClassifier.train(examples, { training: { seed: 7 } });

  it.each([
    ['我的钱什么时候退回来', 'refund'],
    ['这件衣服我要退货', 'return_goods'],
    ['快递怎么还没到', 'shipping_status'],
    ['收货地址写错了能改吗', 'change_address'],
    ['帮我开一张发票', 'invoice'],
    ['给我转人工客服', 'human_agent'],
  ])('classifies unseen "%s" as %s', (text, intent) => {
    const result = classifier.classify(text);
    expect(result.candidates[0]?.name).toBe(intent);
    expect(result.outOfScope).toBe(false);
  });

  it('understands Traditional Chinese and full-width input it was not trained on', () => {
    expect(classifier.classify('請問怎麼開發票？').top?.name).toBe('invoice');
  });

  it('matches a homophone typo through pinyin ("退宽" for 退款)', () => {
    expect(classifier.classify('退宽').candidates[0]?.name).toBe('refund');
  });

  it('abstains on nonsense it has no features for', () => {
    const result = classifier.classify('zxqv blorp');
    expect(result.outOfScope).toBe(true);
    expect(result.top).toBeNull();
  });

  it('returns calibrated confidences that sum to at most one, best first', () => {
    const { candidates } = classifier.classify('我要退款', classifier.labels.length);
    expect(candidates).toHaveLength(classifier.labels.length);
    const sum = candidates.reduce((a, c) => a + c.confidence, 0);
    expect(sum).toBeCloseTo(1, 5);
    for (let i = 1; i < candidates.length; i++) expect(candidates[i - 1]!.confidence).toBeGreaterThanOrEqual(candidates[i]!.confidence);
  });

  it('flags a message that mixes two intents equally as ambiguous', () => {
    // Regression alone: on four texts, naive Bayes favours the class with the shorter examples,
    // which is a property of the scorer; this test is about the margin rule.
    const twoWay = TextClassifier.train(
      [
        { text: '退款', label: 'refund' },
        { text: '申请退款', label: 'refund' },
        { text: '发票', label: 'invoice' },
        { text: '开发票', label: 'invoice' },
      ],
      { crossValidationFolds: 0, naiveBayes: false },
    );
    expect(twoWay.classify('退款 发票').ambiguous).toBe(true);
    expect(twoWay.classify('申请退款').ambiguous).toBe(false);
  });

  it('treats an explicit out-of-scope class as "none of these"', () => {
    const withOos = TextClassifier.train(
      [...examples, { text: '今天天气怎么样', label: 'oos' }, { text: '讲个笑话', label: 'oos' }, { text: '你喜欢什么电影', label: 'oos' }],
      { outOfScopeLabel: 'oos', crossValidationFolds: 0 },
    );
    const result = withOos.classify('今天天气好吗');
    expect(result.outOfScope).toBe(true);
    expect(result.candidates.map((c) => c.name)).not.toContain('oos');
  });

  it('abstains more with a stricter threshold, without retraining', () => {
    const strict = classifier.withDecision({ threshold: 1 });
    expect(classifier.classify('钱什么时候退给我').outOfScope).toBe(false);
    expect(strict.classify('钱什么时候退给我').outOfScope).toBe(true);
    expect(strict.classify('钱什么时候退给我').candidates[0]?.name).toBe('refund');
  });

  const chitChat = ['今天天气怎么样', '讲个笑话', '你喜欢什么电影', '你是机器人吗', '推荐一首歌', '明天会下雨吗'].map((text) => ({ text, label: 'oos' }));
  const scoped = TextClassifier.train([...examples, ...chitChat], { training: { seed: 7 }, outOfScopeLabel: 'oos' });

  it('keeps a message torn between two intents: the threshold is compared with the best three together', () => {
    const torn = scoped.classify('退货还是退款');
    const [first, second, third] = torn.candidates;
    expect(torn.support).toBeCloseTo(first!.confidence + second!.confidence + third!.confidence, 10);
    expect(second!.confidence).toBeGreaterThan(0.2);
    // A threshold above the best intent alone but below the best three still answers, with the best intent.
    const between = scoped.withDecision({ threshold: (first!.confidence + torn.support) / 2 }).classify('退货还是退款');
    expect(between.outOfScope).toBe(false);
    expect(between.top?.name).toBe(first!.name);
  });

  it('compares the threshold with the best intent alone in a model saved before the leading three counted', () => {
    const { leadingLabels, ...old } = scoped.toJSON();
    expect(leadingLabels).toBe(3);
    const restored = TextClassifier.fromJSON(old);
    const result = restored.classify('退货还是退款');
    expect(result.support).toBe(result.candidates[0]?.confidence);
  });

  it('without an out-of-scope class, compares the threshold with the best label alone', () => {
    const twoLabels = TextClassifier.train(
      [
        { text: '退款', label: 'refund' },
        { text: '申请退款', label: 'refund' },
        { text: '发票', label: 'invoice' },
        { text: '开发票', label: 'invoice' },
      ],
      { crossValidationFolds: 0 },
    );
    expect(twoLabels.toJSON().leadingLabels).toBe(1);
  });

  it('loads a model saved before naive Bayes was blended in, and scores it by regression alone', () => {
    const blended = TextClassifier.train(examples, { training: { seed: 7 }, naiveBayes: { weight: 0.1 } });
    const json = blended.toJSON();
    expect(json.naiveBayes).toBeDefined();
    const { naiveBayes: _nb, naiveBayesWeight: _w, ...older } = json;
    const restored = TextClassifier.fromJSON(older);
    const regressionOnly = TextClassifier.train(examples, { training: { seed: 7 }, naiveBayes: false });
    expect(restored.classify('快递没到，我要退货').candidates).not.toEqual(blended.classify('快递没到，我要退货').candidates);
    expect(restored.classify('快递没到，我要退货').candidates.map((c) => c.name)).toEqual(regressionOnly.classify('快递没到，我要退货').candidates.map((c) => c.name));
  });

  it('round-trips through JSON with the naive Bayes part', () => {
    const blended = TextClassifier.train(examples, { training: { seed: 7 }, naiveBayes: { weight: 0.1 } });
    const restored = TextClassifier.fromJSON(JSON.parse(JSON.stringify(blended.toJSON())));
    expect(restored.toJSON().naiveBayesWeight).toBe(0.1);
    for (const text of ['快递没到，我要退货', '開發票', '转人工']) expect(restored.classify(text)).toEqual(blended.classify(text));
  });

  it('is deterministic given a seed, and depends on the seed', () => {
    const a = TextClassifier.train(examples, { training: { seed: 1 } }).toJSON();
    const b = TextClassifier.train(examples, { training: { seed: 1 } }).toJSON();
    const c = TextClassifier.train(examples, { training: { seed: 2 } }).toJSON();
    expect(a).toEqual(b);
    expect(a.model.weights).not.toEqual(c.model.weights);
  });
});

describe('calibration on a large training set', () => {
  it('is still calibrated above 5,000 examples (by cross-validating a sample)', () => {
    // 5,600 examples: each intent's keyword in varied filler, plus chit-chat as the explicit out-of-scope class.
    const keywords: Record<string, string[]> = { refund: ['退款', '退钱'], invoice: ['发票', '开票'], shipping: ['快递', '物流'], oos: ['天气', '笑话', '电影', '唱歌'] };
    const fillers = ['请问', '我想问', '麻烦', '那个', '你好', '亲', '帮我看看', '急', '在吗', '问下'];
    const tails = ['怎么办', '可以吗', '多久', '呢', '啊', '吧', '怎么弄', '行不行', '要多久', '谢谢'];
    const large: LabeledText[] = [];
    let n = 0;
    for (const [label, words] of Object.entries(keywords)) {
      for (let i = 0; i < 1400; i++, n++) large.push({ text: `${fillers[n % 10]}${words[i % words.length]}${tails[(n * 7) % 10]}${i % 13}`, label });
    }
    const classifier = TextClassifier.train(large, { outOfScopeLabel: 'oos', naiveBayes: false, training: { epochs: 3 } });
    expect(large.length).toBeGreaterThan(5000);
    // Uncalibrated models keep temperature 1 and threshold 0; held-out scores fit both.
    expect(classifier.toJSON().temperature).not.toBe(1);
  });
});

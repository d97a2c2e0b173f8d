import { describe, expect, it } from 'vitest';
import { InvalidTrainingDataError } from '../errors/nlu-error.js';
import { AffectClassifier } from './affect-classifier.js';
import type { AffectExample } from './affect-example.js';
import { bundledAffectExamples } from './bundled-affect-examples.js';
import { sharedAffectClassifier } from './shared-affect-classifier.js';

// Sentences below are not in the training data: they test what the classifier learned, not what it memorised.
describe('the shipped emotion and risk classifier', () => {
  const affect = sharedAffectClassifier();

  it('reads sarcastic thanks as anger, not satisfaction', () => {
    expect(affect.read('真是谢谢你们啊，让我白跑三趟').emotion.label).toBe('anger');
  });

  it('reads threats the risk lexicon has no phrase for as high risk', () => {
    for (const text of ['明天我就去你们总部门口拉横幅', '这事我跟你们没完']) {
      const { risk } = affect.read(text);
      expect(risk.level).toBe('high');
      expect(risk.reasons).toEqual(['escalation_threat']);
    }
  });

  it('reads threats of kinds the first training batch lacked: dares, in-person scenes, the press, veiled harm, English', () => {
    for (const text of [
      '你们是不是想让我去电视台说道说道？',
      '不退钱我就天天去你们营业厅门口坐着',
      '录音我会交给报纸的记者',
      '再这么说话，小心我让你好看',
      'If this is not fixed today I will report you to the regulator',
    ]) {
      expect(affect.read(text).risk.level, text).toBe('high');
    }
  });

  it('reads despair in words no lexicon phrase has as a crisis', () => {
    for (const text of ['我真的不想再撑下去了', '欠的债这辈子还不完，准备做个了断', "I can't go on anymore, I just want to end it all"]) {
      const reading = affect.read(text);
      expect(reading.crisis, text).toBe(true);
      expect(reading.risk.reasons[0]).toBe('self_harm');
    }
  });

  it('leaves questions about complaint routes and the police without high risk', () => {
    for (const text of ['请问12315投诉大概多久会有人联系', '身份证丢了要先去派出所报案吗', '你们门口贴的那个活动海报还有效吗']) {
      expect(affect.read(text).risk.level, text).not.toBe('high');
    }
  });

  it('keeps the lexicon reason when the lexicon names the threat', () => {
    expect(affect.read('再不退钱我就去法院起诉你们').risk).toEqual({ level: 'high', reasons: ['legal_threat'] });
  });

  it('reads a calm question about how to complain as neutral and without risk', () => {
    const reading = affect.read('请问投诉的话要怎么操作');
    expect(reading.emotion.label).toBe('neutral');
    expect(reading.risk.level).toBe('none');
  });

  it('reads despair as a crisis: high risk, self_harm first', () => {
    const reading = affect.read('活着没意思了');
    expect(reading.crisis).toBe(true);
    expect(reading.risk.level).toBe('high');
    expect(reading.risk.reasons[0]).toBe('self_harm');
  });

  it('treats any self-harm phrase the lexicon knows as a crisis, whatever the classifiers say', () => {
    const reading = affect.read('快递丢了三次，账号也被封了，我真想轻生');
    expect(reading.crisis).toBe(true);
    expect(reading.risk).toMatchObject({ level: 'high', reasons: ['self_harm'] });
  });

  it('does not read an ordinary complaint as a crisis', () => {
    const reading = affect.read('快递慢死了，气得我想把手机摔了');
    expect(reading.crisis).toBe(false);
    expect(reading.risk.reasons).not.toContain('self_harm');
  });

  it('reports a demand for redress as medium, naming the lexicon reason or else grievance', () => {
    const reading = affect.read('你们把我的话费扣错了，必须给我退回来，再赔偿我的损失');
    expect(reading.risk.level).toBe('medium');
    expect(reading.risk.reasons.length).toBeGreaterThan(0);
  });

  it('gives the lexicon cues only when the lexicon agrees with the label', () => {
    const agree = affect.read('什么垃圾服务，气死我了');
    expect(agree.emotion.label).toBe('anger');
    expect(agree.emotion.cues).toContain('垃圾');
  });

  it('escalates a third angry message in a row, counting the conversation so far', () => {
    const angry = ['你们这什么破服务，气死我了', '到现在还没人理我，太过分了'];
    const now = '我真的受不了了，你们到底管不管';
    expect(affect.read(now, angry).risk.reasons).toContain('repeated_escalation');
    expect(affect.read(now, angry).risk.level).toBe('high');
    expect(affect.read(now, ['你好', '我想问个问题']).risk.reasons).not.toContain('repeated_escalation');
  });

  it('scores an emotion no lexicon word expresses below the dialogue\'s bars, and a sworn one at full strength', () => {
    const sarcastic = affect.read('真是谢谢你们啊，让我白跑三趟').emotion;
    expect(sarcastic.score).toBeLessThan(0.5);
    expect(affect.read('你们这群骗子，垃圾公司，气死我了').emotion.score).toBeGreaterThan(0.85);
  });

  it('leaves short answers to the bot without emotion or risk', () => {
    for (const text of ['算了', '不用了', '第二个', '邮寄到家', '上个月', 'E202611250001']) {
      const reading = affect.read(text);
      expect(reading.risk.level).toBe('none');
      expect(reading.emotion.label === 'neutral' || reading.emotion.score < 0.5).toBe(true);
    }
  });

  it('scores every risk class, summing to one', () => {
    const scores = affect.riskScores('我要投诉你们');
    expect(scores.none + scores.low + scores.high + scores.crisis).toBeCloseTo(1, 5);
  });

  it('never throws on odd strings', () => {
    for (const text of ['', '\u0000', '\uD800', '😡😡😡', '？？？！！！', 'a'.repeat(5000)]) {
      expect(['anger', 'anxiety', 'neutral', 'satisfied']).toContain(affect.read(text).emotion.label);
    }
  });
});

describe('training the affect classifier', () => {
  const small: AffectExample[] = bundledAffectExamples().filter((_, i) => i % 3 === 0);

  it('is deterministic for a seed', () => {
    const a = AffectClassifier.train(small, { seed: 7 });
    const b = AffectClassifier.train(small, { seed: 7 });
    for (const text of ['快递怎么还没到，急死了', '谢谢你们，服务很好', '我要找律师告你们']) expect(a.read(text)).toEqual(b.read(text));
  });

  it('lets a lower high-risk threshold flag more messages, never fewer', () => {
    const strict = AffectClassifier.train(small, { highRisk: { candidate: 0.9, unmarked: 0.9 } });
    const lenient = AffectClassifier.train(small, { highRisk: { candidate: 0.05, unmarked: 0.05 } });
    const texts = bundledAffectExamples().filter((_, i) => i % 3 === 1).map((e) => e.text);
    const high = (c: AffectClassifier): number => texts.filter((t) => c.read(t).risk.level === 'high').length;
    expect(high(lenient)).toBeGreaterThan(high(strict));
  });

  it('rejects empty training data with a typed error', () => {
    expect(() => AffectClassifier.train([])).toThrow(InvalidTrainingDataError);
  });

  it('reads every message identically after a JSON round trip, history and thresholds included', () => {
    const trained = AffectClassifier.train(small, { seed: 3, highRisk: { candidate: 0.25 }, unmarkedEmotionThreshold: 0.55 });
    const restored = AffectClassifier.fromJSON(JSON.parse(JSON.stringify(trained.toJSON())));
    const texts = bundledAffectExamples().map((e) => e.text);
    for (const text of texts) expect(restored.read(text, texts.slice(0, 3)), text).toEqual(trained.read(text, texts.slice(0, 3)));
    expect(restored.toJSON()).toEqual(trained.toJSON());
  });

  it('reads a message the same the second time, from memory, and a caller changing a reading changes nothing', () => {
    const shared = sharedAffectClassifier();
    const fresh = AffectClassifier.fromJSON(shared.toJSON());
    const history = ['你们这什么破服务', '气死我了，到底管不管', '快递三天没动了'];
    for (const text of ['我要投诉你们', ...history]) {
      const first = shared.read(text, history);
      first.emotion.cues.push('changed by a caller');
      expect(shared.read(text, history), text).toEqual(fresh.read(text, history));
      expect(shared.emotion(text), text).toEqual(fresh.emotion(text));
    }
  });

  // The test suite loads the shared classifier from a disk copy (test-support/disk-shipped-classifier-store.ts): it must be the one training makes.
  it('shares the classifier training on the bundled examples makes, bit for bit', () => {
    expect(sharedAffectClassifier().toJSON()).toEqual(AffectClassifier.train(bundledAffectExamples()).toJSON());
  });
});

import { describe, expect, it } from 'vitest';
import { detectRisk } from './detect-risk.js';

describe('high risk', () => {
  it.each([
    ['再不处理我就打12315投诉你们', 'regulator_complaint'],
    ['我会去消协投诉', 'regulator_complaint'],
    ['我要向银保监反映', 'regulator_complaint'],
    ['我要去微博曝光你们', 'media_exposure'],
    ['我要发抖音让大家看看', 'media_exposure'],
    ['我已经找律师了', 'legal_threat'],
    ['再这样我就报警', 'legal_threat'],
    ['我要告你们', 'legal_threat'],
    ['我真的不想活了', 'self_harm'],
    ['这是我第三次打电话了', 'repeated_escalation'],
    ['已经催了三次了', 'repeated_escalation'],
    ['说了多少遍了！', 'repeated_escalation'],
    ['If this is not fixed I will sue you', 'legal_threat'],
    ['I just want to end my life', 'self_harm'],
  ])('%s → high (%s)', (text, reason) => {
    const risk = detectRisk(text);
    expect(risk.level).toBe('high');
    expect(risk.reasons).toContain(reason);
  });

  it('escalates the third angry message in a row', () => {
    const history = ['怎么回事，垃圾服务', '骗子！'];
    expect(detectRisk('垃圾', history)).toEqual({ level: 'high', reasons: ['repeated_escalation', 'strong_anger'] });
  });

  it('reads Traditional characters', () => {
    expect(detectRisk('我要去微博曝光你們').level).toBe('high');
  });
});

describe('medium risk', () => {
  it('flags strong anger on its own', () => {
    expect(detectRisk('太垃圾了，骗子！！！')).toEqual({ level: 'medium', reasons: ['strong_anger'] });
  });

  it('flags a plain intention to complain', () => {
    expect(detectRisk('我要投诉')).toEqual({ level: 'medium', reasons: ['complaint_intent'] });
    expect(detectRisk('I want to file a complaint')).toEqual({ level: 'medium', reasons: ['complaint_intent'] });
  });

  it('treats asking about a regulator as medium: the customer is weighing it', () => {
    expect(detectRisk('12315是什么')).toEqual({ level: 'medium', reasons: ['regulator_complaint'] });
    expect(detectRisk('消协电话多少')).toEqual({ level: 'medium', reasons: ['regulator_complaint'] });
    expect(detectRisk('卡丢了需要报警吗')).toEqual({ level: 'medium', reasons: ['legal_threat'] });
  });
});

describe('look-alikes that are not risks', () => {
  it.each([
    '我不会投诉的',
    "I won't sue you, just fix it",
    'this issue happened in court street',
    'my name is Sue',
    '请转告你们主任，这事必须解决',
    '爸妈的手机话费怎么查',
    '只要退款我就不投诉了',
    '不用报警，没事',
    '你们微博店铺在哪',
    '这是我第三次买你们家东西',
    '密码12345',
    '你好，查一下订单',
    '怎么还没发货',
  ])('%s → none', (text) => {
    expect(detectRisk(text)).toEqual({ level: 'none', reasons: [] });
  });

  it('does not escalate a calm message after angry ones', () => {
    expect(detectRisk('好的，我再等等', ['垃圾', '骗子']).level).toBe('none');
  });

  it('counts self-harm even when phrased with a negation', () => {
    expect(detectRisk('我不会自杀的，但是真的活不下去了').level).toBe('high');
  });
});

import { describe, expect, it } from 'vitest';
import { askedAnswerType, statesAnswerType } from './question-answer-type.js';

describe('question answer type', () => {
  it('reads what kind of fact a question asks for', () => {
    expect(askedAnswerType('白金卡年费多少钱')).toBe('amount');
    expect(askedAnswerType('退款多久到账')).toBe('duration');
    expect(askedAnswerType('一年能免费换几次')).toBe('count');
    expect(askedAnswerType('拆了包装还能退吗')).toBe('yesno');
    expect(askedAnswerType('在哪里办')).toBeNull();
  });

  it('tells whether a passage states such a fact', () => {
    expect(statesAnswerType('白金卡年费3600元，首年免年费。', 'amount')).toBe(true);
    expect(statesAnswerType('白金卡可在网点申请。', 'amount')).toBe(false);
    expect(statesAnswerType('退款在3个工作日内原路退回。', 'duration')).toBe(true);
    expect(statesAnswerType('退款原路退回。', 'duration')).toBe(false);
    expect(statesAnswerType('每年可免费补卡两次。', 'count')).toBe(true);
  });
});

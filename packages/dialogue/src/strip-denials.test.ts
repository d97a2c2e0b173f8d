import { describe, expect, it } from 'vitest';
import { stripDenials } from './strip-denials.js';

describe('stripDenials', () => {
  it('drops the clause a message denies when it affirms another', () => {
    expect(stripDenials('不要129的，要99的那个')).not.toContain('129');
    expect(stripDenials('卡没丢，是卡坏了')).not.toContain('丢');
    expect(stripDenials('是昨天转的，不是前天')).not.toContain('前天');
  });

  it('keeps a denial that is itself the answer, or a "没" inside a description', () => {
    expect(stripDenials('不想要了')).toBe('不想要了');
    expect(stripDenials('不要了')).toBe('不要了');
    expect(stripDenials('我要取消的是还没付款的那单')).toBe('我要取消的是还没付款的那单');
  });
});

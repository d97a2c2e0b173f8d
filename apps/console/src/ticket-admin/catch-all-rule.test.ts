import { describe, expect, it } from 'vitest';
import { isCatchAll } from './catch-all-rule.js';

describe('isCatchAll', () => {
  it('is true when no condition is set (blank keywords and tiers count as none)', () => {
    expect(isCatchAll({})).toBe(true);
    expect(isCatchAll({ categoryKeys: [], keywords: ['  ', ''], customerTiers: [' '] })).toBe(true);
  });

  it('is false as soon as any one condition is set', () => {
    expect(isCatchAll({ categoryKeys: ['refund_delay'] })).toBe(false);
    expect(isCatchAll({ keywords: ['投诉'] })).toBe(false);
    expect(isCatchAll({ customerTiers: ['VIP'] })).toBe(false);
  });
});

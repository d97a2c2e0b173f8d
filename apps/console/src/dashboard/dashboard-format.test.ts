import { describe, expect, it } from 'vitest';
import { formatRate, formatSeconds, funnelOf } from './dashboard-format.js';

describe('dashboard formats', () => {
  it('shows rates as percentages and nothing measured as a dash', () => {
    expect(formatRate(0.4567, 'zh-CN')).toBe('45.7%');
    expect(formatRate(null, 'en')).toBe('—');
  });

  it('shows durations in the two largest units, in either language', () => {
    expect(formatSeconds(45, 'zh-CN')).toBe('45秒');
    expect(formatSeconds(192, 'zh-CN')).toBe('3分12秒');
    expect(formatSeconds(7500, 'en')).toBe('2h 5m');
    expect(formatSeconds(null, 'en')).toBe('—');
  });

  it('keeps the funnel in step order with shares of the first step', () => {
    expect(funnelOf([{ stepId: 'ask', reached: 200 }, { stepId: 'verify', reached: 150 }, { stepId: 'done', reached: 0 }]).map((s) => s.share)).toEqual([1, 0.75, 0]);
  });
});

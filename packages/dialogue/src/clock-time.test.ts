import { describe, expect, it } from 'vitest';
import { readClockTime } from './clock-time.js';

describe('readClockTime', () => {
  it('reads clock times in digits and in Chinese numerals', () => {
    expect(readClockTime('10点那个')).toBe(600);
    expect(readClockTime('上午九点那场')).toBe(540);
    expect(readClockTime('9:30的')).toBe(570);
  });

  it('moves afternoon times, and 1–6 o’clock without a period word, to the afternoon', () => {
    expect(readClockTime('下午两点的')).toBe(840);
    expect(readClockTime('三点半的')).toBe(930);
  });

  it('finds no time where there is none', () => {
    expect(readClockTime('下午那个')).toBeUndefined();
    expect(readClockTime('等一下')).toBeUndefined();
  });
});

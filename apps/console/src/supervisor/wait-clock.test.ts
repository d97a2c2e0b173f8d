import { describe, expect, it } from 'vitest';
import { formatWait, waitLevel, waitSecondsAt } from './wait-clock.js';

describe('the longest wait keeps ticking between fetches', () => {
  it('adds the whole seconds passed since the overview was loaded', () => {
    expect(waitSecondsAt(40, 1_000, 1_999)).toBe(40);
    expect(waitSecondsAt(40, 1_000, 6_500)).toBe(45);
  });

  it('never goes backwards when the browser clock jumps back', () => {
    expect(waitSecondsAt(40, 10_000, 4_000)).toBe(40);
    expect(waitSecondsAt(-3, 0, 0)).toBe(0);
  });
});

describe('formatting a wait', () => {
  it('reads as minutes and seconds under an hour', () => {
    expect(formatWait(0)).toBe('0:00');
    expect(formatWait(9)).toBe('0:09');
    expect(formatWait(65)).toBe('1:05');
    expect(formatWait(3599)).toBe('59:59');
  });

  it('adds the hours above an hour', () => {
    expect(formatWait(3600)).toBe('1:00:00');
    expect(formatWait(3725.9)).toBe('1:02:05');
  });

  it('colours a wait by how long it is', () => {
    expect(waitLevel(59)).toBe('ok');
    expect(waitLevel(60)).toBe('long');
    expect(waitLevel(180)).toBe('late');
  });
});

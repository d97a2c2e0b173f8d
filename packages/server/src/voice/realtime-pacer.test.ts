import { describe, expect, it } from 'vitest';
import { RealtimePacer } from './realtime-pacer.js';

describe('RealtimePacer', () => {
  it('holds everything until resumed, then sends 40 ms frames with only the lead ahead of the clock', () => {
    const clock = 0;
    const sent: { bytes: number; last: boolean }[] = [];
    const pacer = new RealtimePacer((frame, last) => sent.push({ bytes: frame.length, last }), { leadMs: 200, now: () => clock });
    pacer.push(Buffer.alloc(1280 * 20 + 100));
    expect(sent).toHaveLength(0);
    pacer.resume();
    // 200 ms of lead is 5 frames of 40 ms, and one more goes at the moment the lead is exactly reached.
    expect(sent.length).toBe(6);
    expect(sent.every((s) => s.bytes === 1280 && !s.last)).toBe(true);
    pacer.cancel();
  });

  it('flushes the remainder as the last frame on end', async () => {
    const sent: { bytes: number; last: boolean }[] = [];
    const pacer = new RealtimePacer((frame, last) => sent.push({ bytes: frame.length, last }), { leadMs: 10_000 });
    pacer.resume();
    pacer.push(Buffer.alloc(1280 * 2 + 100));
    await pacer.end();
    expect(sent).toEqual([
      { bytes: 1280, last: false },
      { bytes: 1280, last: false },
      { bytes: 100, last: true },
    ]);
    expect(pacer.sentSeconds).toBeCloseTo((1280 * 2 + 100) / 32_000, 5);
  });

  it('ends with an empty last frame when nothing is left over', async () => {
    const sent: { bytes: number; last: boolean }[] = [];
    const pacer = new RealtimePacer((frame, last) => sent.push({ bytes: frame.length, last }));
    pacer.resume();
    pacer.push(Buffer.alloc(1280));
    await pacer.end();
    expect(sent.at(-1)).toEqual({ bytes: 0, last: true });
  });
});

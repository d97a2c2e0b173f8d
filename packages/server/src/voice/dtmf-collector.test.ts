import { describe, expect, it } from 'vitest';
import { DtmfCollector, type DtmfEntry } from './dtmf-collector.js';

function collector() {
  const entries: DtmfEntry[] = [];
  const timers: (() => void)[] = [];
  const dtmf = new DtmfCollector((e) => entries.push(e), 3000, {
    set: ((fn: () => void) => timers.push(fn)) as unknown as typeof setTimeout,
    clear: (() => undefined) as unknown as typeof clearTimeout,
  });
  return { dtmf, entries, fireLastTimer: () => timers.at(-1)?.() };
}

describe('DTMF collection', () => {
  it('ends a code with #', () => {
    const { dtmf, entries } = collector();
    for (const key of '482913#') dtmf.press(key);
    expect(entries).toEqual([{ digits: '482913', endedBy: 'pound' }]);
  });

  it('clears with * and ends on the inter-digit pause', () => {
    const { dtmf, entries, fireLastTimer } = collector();
    for (const key of '12*34') dtmf.press(key);
    fireLastTimer();
    expect(entries).toEqual([{ digits: '34', endedBy: 'timeout' }]);
  });

  it('refuses what is not a keypad key and ignores an empty entry', () => {
    const { dtmf, entries } = collector();
    expect(dtmf.press('x')).toBe(false);
    expect(dtmf.press('12')).toBe(false);
    dtmf.press('#');
    expect(entries).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { detectBottlenecks, detectionWindows, type RateCell } from './bottleneck-detector.js';

const DAY = '2026-12-06';
const DAY_MS = 86_400_000;
const dayBefore = (n: number) => new Date(Date.parse(`${DAY}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);

/** 35 days of one subject: `before` events/trials a day for the 4 weeks, `now` for the last 7 days. */
function series(kind: RateCell['kind'], subjectKey: string, before: [number, number], now: [number, number]): RateCell[] {
  return Array.from({ length: 35 }, (_, n) => {
    const [events, trials] = n < 7 ? now : before;
    return { day: dayBefore(n), kind, subjectKey, events, trials };
  });
}

// A pseudo-random but fixed number stream, so the noise test is the same on every run.
function lcg(seed: number) {
  let s = seed;
  return () => ((s = (s * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32);
}

describe('bottleneck detection on hand-made rollups', () => {
  it('compares the week ending the day with the 4 weeks before it', () => {
    expect(detectionWindows(DAY)).toEqual({ currentFrom: '2026-11-30', baselineFrom: '2026-11-02', baselineTo: '2026-11-29' });
  });

  it('flags a clear rise of a step failure rate against its own baseline: 38 % vs 12 %', () => {
    const cells = [
      ...series('step_failure', 'finance.password_reset/otp', [6, 50], [19, 50]),
      ...series('step_failure', 'finance.card_loss/card', [3, 40], [3, 40]),
    ];
    const found = detectBottlenecks(cells, DAY);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'step_failure', subjectKey: 'finance.password_reset/otp', comparison: 'baseline', events: 133, trials: 350, referenceEvents: 168, referenceTrials: 1400 });
    expect(found[0]!.rate).toBeCloseTo(0.38, 10);
    expect(found[0]!.referenceRate).toBeCloseTo(0.12, 10);
    expect(found[0]!.qValue).toBeLessThan(1e-6);
  });

  it('flags nothing in pure noise: 40 subjects of each kind drawn from one rate per kind, before and after (10 seeds)', () => {
    const runsWithFindings = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((seed) => {
      const random = lcg(seed);
      const cells: RateCell[] = [];
      for (const kind of ['step_failure', 'step_abandon', 'intent_fallback', 'faq_unhelpful'] as const) {
        // Binomial noise only: no subject differs from its past or from its peers in truth.
        const p = 0.05 + 0.3 * random();
        for (let s = 0; s < 40; s++) {
          for (let n = 0; n < 35; n++) {
            const trials = 5 + Math.floor(random() * 30);
            let events = 0;
            for (let i = 0; i < trials; i++) if (random() < p) events++;
            cells.push({ day: dayBefore(n), kind, subjectKey: `${kind}-${s}`, events, trials });
          }
        }
      }
      return detectBottlenecks(cells, DAY).length > 0;
    });
    // At a 1 % false discovery rate under the global null, a run has any finding with probability ≤ 1 %.
    expect(runsWithFindings).toEqual([]);
  });

  it('does not flag a rise on too few trials, or a rise below 5 points however many trials', () => {
    const small = series('faq_unhelpful', 'faq-1', [1, 10], [3, 4]);
    const tiny = series('intent_fallback', 'order_status', [800, 10_000], [900, 10_000]);
    expect(detectBottlenecks([...small, ...tiny], DAY)).toEqual([]);
  });

  it('flags a subject far above its peers even when it was always so', () => {
    const peers = ['a', 'b', 'c', 'd'].flatMap((k) => series('faq_unhelpful', `faq-${k}`, [2, 20], [2, 20]));
    const bad = series('faq_unhelpful', 'faq-bad', [10, 20], [10, 20]);
    const found = detectBottlenecks([...peers, ...bad], DAY);
    expect(found.map((f) => [f.subjectKey, f.comparison])).toEqual([['faq-bad', 'peers']]);
    expect(found[0]!.rate).toBeCloseTo(0.5, 10);
    expect(found[0]!.referenceRate).toBeCloseTo(0.1, 10);
  });

  it('ignores days outside the 5 weeks', () => {
    const old = Array.from({ length: 7 }, (_, n) => ({ day: dayBefore(40 + n), kind: 'step_abandon' as const, subjectKey: 'x/y', events: 50, trials: 50 }));
    expect(detectBottlenecks([...old, ...series('step_abandon', 'x/y', [5, 50], [5, 50])], DAY)).toEqual([]);
  });
});

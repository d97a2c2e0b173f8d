import { benjaminiHochberg, twoProportionIncrease } from './proportion-tests.js';

export const FINDING_KINDS = ['step_failure', 'step_abandon', 'intent_fallback', 'faq_unhelpful'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** One day's count for one subject: e.g. a step entered 40 times (trials), failing 9 times (events). */
export interface RateCell {
  day: string;
  kind: FindingKind;
  subjectKey: string;
  events: number;
  trials: number;
}

export interface DetectedChange {
  kind: FindingKind;
  subjectKey: string;
  /** `baseline`: against the subject's own previous 4 weeks; `peers`: against the other subjects of its kind this week. */
  comparison: 'baseline' | 'peers';
  events: number;
  trials: number;
  rate: number;
  referenceEvents: number;
  referenceTrials: number;
  referenceRate: number;
  pValue: number;
  /** Benjamini–Hochberg adjusted over every test of the run. */
  qValue: number;
}

/**
 * The rules of evidence, fixed before looking at any tenant's data: a week against the 4 weeks
 * before it (or against the week's peers); at least 30 trials on both sides and 5 events now (the
 * normal approximation of the z-test needs them); a rise of at least 5 points; one-sided pooled
 * two-proportion z-test; Benjamini–Hochberg false discovery rate 1 % across all tests of the run
 * (a tenant runs ~300 tests a day: at 5 % a tenant with no real change would still get a spurious
 * finding about every 20 days; at 1 % about every 100).
 */
export const DETECTION_RULES = { currentDays: 7, baselineDays: 28, minTrials: 30, minEvents: 5, minRise: 0.05, fdr: 0.01, minPeers: 3 } as const;

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The windows a run for `day` compares: [currentFrom, day] against [baselineFrom, baselineTo]. */
export function detectionWindows(day: string): { currentFrom: string; baselineFrom: string; baselineTo: string } {
  const currentFrom = addDays(day, -(DETECTION_RULES.currentDays - 1));
  return { currentFrom, baselineTo: addDays(currentFrom, -1), baselineFrom: addDays(currentFrom, -DETECTION_RULES.baselineDays) };
}

/**
 * Finds the statistically clear rises in a tenant's failure, abandonment, fallback and 没帮助
 * rates for the week ending `day` (see DETECTION_RULES). Pure: the job feeds it rollup cells.
 * @example detectBottlenecks(cells, '2026-12-06') // [{ kind: 'step_failure', subjectKey: 'finance.identity/verify', comparison: 'baseline', rate: 0.38, referenceRate: 0.12, … }]
 */
export function detectBottlenecks(cells: readonly RateCell[], day: string): DetectedChange[] {
  const { currentFrom, baselineFrom, baselineTo } = detectionWindows(day);
  const sums = new Map<string, { kind: FindingKind; subjectKey: string; now: { e: number; n: number }; before: { e: number; n: number } }>();
  for (const c of cells) {
    const window = c.day >= currentFrom && c.day <= day ? 'now' : c.day >= baselineFrom && c.day <= baselineTo ? 'before' : null;
    if (!window) continue;
    const key = `${c.kind}\u0000${c.subjectKey}`;
    let s = sums.get(key);
    if (!s) sums.set(key, (s = { kind: c.kind, subjectKey: c.subjectKey, now: { e: 0, n: 0 }, before: { e: 0, n: 0 } }));
    s[window].e += c.events;
    s[window].n += c.trials;
  }
  const kindTotals = new Map<FindingKind, { e: number; n: number; subjects: number }>();
  for (const s of sums.values()) {
    const t = kindTotals.get(s.kind) ?? { e: 0, n: 0, subjects: 0 };
    t.e += s.now.e;
    t.n += s.now.n;
    if (s.now.n > 0) t.subjects++;
    kindTotals.set(s.kind, t);
  }
  const { minTrials, minEvents, minRise, fdr, minPeers } = DETECTION_RULES;
  const tests: Omit<DetectedChange, 'qValue'>[] = [];
  const test = (s: { kind: FindingKind; subjectKey: string; now: { e: number; n: number } }, comparison: DetectedChange['comparison'], ref: { e: number; n: number }) => {
    // Every eligible comparison counts towards the multiple-testing correction, flagged or not.
    if (s.now.n < minTrials || ref.n < minTrials || s.now.e < minEvents) return;
    const t = twoProportionIncrease(s.now.e, s.now.n, ref.e, ref.n);
    tests.push({ kind: s.kind, subjectKey: s.subjectKey, comparison, events: s.now.e, trials: s.now.n, rate: t.rate, referenceEvents: ref.e, referenceTrials: ref.n, referenceRate: t.referenceRate, pValue: t.pValue });
  };
  for (const s of sums.values()) {
    test(s, 'baseline', s.before);
    const total = kindTotals.get(s.kind)!;
    if (total.subjects - 1 >= minPeers) test(s, 'peers', { e: total.e - s.now.e, n: total.n - s.now.n });
  }
  const q = benjaminiHochberg(tests.map((t) => t.pValue));
  return tests
    .map((t, i) => ({ ...t, qValue: q[i]! }))
    .filter((t) => t.qValue <= fdr && t.rate - t.referenceRate >= minRise)
    .sort((a, b) => a.qValue - b.qValue);
}

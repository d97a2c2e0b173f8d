import type { CustomerSignal } from './customer-signal.js';
import type { BilingualText, RecommendationEntry } from './recommendation-catalogue.js';
import { RECORD_RULES } from './record-rules.js';

/** The arms of the experiment: everything we know about the customer, or only what the tenant's customers ask most. */
export const RECOMMENDATION_STRATEGIES = ['personalised', 'popular'] as const;
export type RecommendationStrategy = (typeof RECOMMENDATION_STRATEGIES)[number];

export type ReasonSource = 'record' | 'recent' | 'page' | 'popular';

export interface ScoringInput {
  catalogue: readonly RecommendationEntry[];
  strategy: RecommendationStrategy;
  signals: readonly CustomerSignal[];
  /** The customer's own recent questions (bot turns' intents), newest first or in any order. */
  recentIntents: readonly { intent: string; at: Date }[];
  /** How often the tenant's customers asked each intent lately. */
  popularity: ReadonlyMap<string, number>;
  /** The page the widget is on (path and title), or null. */
  page: string | null;
  /** The service the tenant's NLU reads in the page's title (page-intent-reader.ts), or null. */
  pageIntent?: string | null;
  /** Intents not to offer (the task just completed). */
  exclude: ReadonlySet<string>;
  now: Date;
  limit: number;
}

export interface ScoredRecommendation {
  entry: RecommendationEntry;
  score: number;
  /** Each part of the score, largest first; the first one is the reason the widget shows. */
  reasons: { source: ReasonSource; points: number; text: BilingualText }[];
}

const DAY_MS = 86_400_000;
// The weights of the four parts, set once by judgement (see README): records dominate, a page hint
// beats your own old questions, and popularity only breaks ties among the personal ones.
export const SCORE_WEIGHTS = { recordCap: 2, recentPerAsk: 0.5, recentCap: 0.8, page: 1.5, popular: 0.3 } as const;
/** Half-life of a signal's and of a question's pull. An ongoing state keeps at least RECORD_FLOOR of it. */
const HALF_LIFE_DAYS = 7;
const RECORD_FLOOR = 0.4;

const decay = (at: Date, now: Date): number => 0.5 ** (Math.max(0, now.getTime() - at.getTime()) / DAY_MS / HALF_LIFE_DAYS);

/**
 * Scores every catalogue entry for one customer: rules from their records (each matching signal's
 * rule weight × recency, capped), their own recent questions (recency-decayed), the page they are on
 * (its words, or the service the tenant's NLU reads in its title), and the tenant's popularity (count ÷ the most asked). The popular-only arm uses the
 * popularity term alone. Pure and deterministic: ties keep catalogue order.
 * @example scoreRecommendations({ catalogue, strategy: 'personalised', signals: [{ kind: 'order_shipped', ref: '2026…', at }], … })[0].entry.intent // 'logistics_delay'
 */
export function scoreRecommendations(input: ScoringInput): ScoredRecommendation[] {
  const maxPopular = Math.max(0, ...input.popularity.values());
  const page = input.page?.toLowerCase() ?? '';
  const personalised = input.strategy === 'personalised';
  const scored = input.catalogue
    .filter((entry) => !input.exclude.has(entry.intent))
    .map((entry, order) => {
      const reasons: ScoredRecommendation['reasons'] = [];
      if (personalised) {
        let record = 0;
        let best: { points: number; text: BilingualText } | null = null;
        for (const signal of input.signals) {
          for (const rule of RECORD_RULES[signal.kind]) {
            if (rule.intent !== entry.intent) continue;
            const points = rule.weight * Math.max(RECORD_FLOOR, decay(signal.at, input.now));
            record += points;
            if (!best || points > best.points) best = { points, text: rule.reason(signal.ref) };
          }
        }
        if (best) reasons.push({ source: 'record', points: Math.min(SCORE_WEIGHTS.recordCap, record), text: best.text });
        const asks = input.recentIntents.filter((r) => r.intent === entry.intent);
        if (asks.length > 0) {
          const points = Math.min(SCORE_WEIGHTS.recentCap, asks.reduce((sum, r) => sum + SCORE_WEIGHTS.recentPerAsk * decay(r.at, input.now), 0));
          reasons.push({ source: 'recent', points, text: { zh: '您最近问过', en: 'You asked about this recently' } });
        }
        if ((page && entry.pageWords.some((word) => page.includes(word))) || (input.pageIntent && input.pageIntent === entry.intent)) {
          reasons.push({ source: 'page', points: SCORE_WEIGHTS.page, text: { zh: '与当前页面相关', en: 'Related to this page' } });
        }
      }
      const count = input.popularity.get(entry.intent) ?? 0;
      if (count > 0 && maxPopular > 0) reasons.push({ source: 'popular', points: (SCORE_WEIGHTS.popular * count) / maxPopular, text: { zh: '大家都在办', en: 'Popular right now' } });
      reasons.sort((a, b) => b.points - a.points);
      return { entry, score: reasons.reduce((sum, r) => sum + r.points, 0), reasons, order };
    });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, input.limit).map(({ entry, score, reasons }) => ({ entry, score, reasons }));
}

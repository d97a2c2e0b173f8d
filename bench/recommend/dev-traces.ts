/**
 * Per-customer traces of 猜你想办 on the DEV population only (never the frozen one): what each
 * simulated customer's records, questions and page offered, which chips each arm showed, and where
 * the latent need landed. Runs the production scorer directly (no database: the bench proper goes
 * through the service) and gives every customer BOTH arms, so the comparison is paired; CTR is the
 * click model's exact expectation, not a draw, so a change to the scorer moves it without noise.
 *
 * It also measures two ceilings no honest product can pass:
 * - `oracle`: the need first (when there is one) — the click model's own maximum;
 * - `learned`: the best ranking given only what the product can observe (signals of verified
 *   customers, their past questions, the page), learnt by counting needs over 400,000 extra
 *   simulated customers with other seeds — i.e. a recommender fitted to this very simulator.
 *
 *   npx tsx bench/recommend/dev-traces.ts [--show 20] [--industry ecommerce]
 */
import { parseArgs } from 'node:util';
import { NluModel } from '@zhida/nlu';
import { loadTemplate } from '@zhida/templates';
import { botConfigFromTemplate } from '../../packages/server/src/bot/bot-config.js';
import { nluTrainingInput } from '../../packages/server/src/nlu/nlu-training-input.js';
import { PageIntentReader } from '../../packages/server/src/recommendations/page-intent-reader.js';
import { RECORD_RULES } from '../../packages/server/src/recommendations/record-rules.js';
import { catalogueFor } from '../../packages/server/src/recommendations/recommendation-catalogue.js';
import { scoreRecommendations, type RecommendationStrategy } from '../../packages/server/src/recommendations/recommendation-scorer.js';
import { seededRandom } from '../tickets/simulation/arrival-curve.js';
import { INDUSTRIES, simulateClick, simulatePopulation, type Industry, type SimulatedCustomer } from './simulated-customers.js';
import populations from './populations.json' with { type: 'json' };

const { values: args } = parseArgs({ options: { show: { type: 'string', default: '0' }, industry: { type: 'string' } } });
const DAY_MS = 86_400_000;
const now = new Date();

// The click model of simulated-customers.ts restated to take its expectation; `checkAgainstDraws` below
// compares it with simulateClick itself so the two cannot drift apart unnoticed.
const EXAMINE = [1, 0.8, 0.6, 0.45];
const expectedClick = (shown: readonly string[], need: string | null): number =>
  1 - shown.reduce((none, intent, i) => none * (1 - (EXAMINE[i] ?? 0.25) * (intent === need ? 0.9 : 0.02)), 1);

type Arm = RecommendationStrategy | 'oracle' | 'learned';
const ARMS: Arm[] = ['personalised', 'popular', 'learned', 'oracle'];

interface Tally {
  ctr: number;
  needShown: number;
  needFirst: number;
  n: number;
}

const observed = (c: SimulatedCustomer): string[] => {
  const signals = c.verified ? [...new Set(c.signals.map((s) => s.kind))].sort().join('+') || 'none' : 'anon';
  const asked = [...new Set(c.pastIntents.map((p) => p.intent))].sort().join('+') || '-';
  // Most specific first; each key backs off to a coarser one when it was seen too rarely.
  return [`${signals}|${asked}|${c.page ?? '-'}`, `${signals}|${c.page ?? '-'}`, `${signals}|${asked}`, signals];
};

/** P(need | what the product can observe), counted over many customers of the same simulator. */
function learnNeeds(industry: Industry): (c: SimulatedCustomer) => Map<string, number> {
  const table = new Map<string, Map<string, number>>();
  for (let s = 0; s < 20; s++) {
    for (const c of simulatePopulation(industry, 20_000, seededRandom(900_000 + s * 7919 + INDUSTRIES.indexOf(industry)))) {
      if (!c.need) continue;
      for (const key of observed(c)) {
        const counts = table.get(key) ?? new Map<string, number>();
        counts.set(c.need, (counts.get(c.need) ?? 0) + 1);
        table.set(key, counts);
      }
    }
  }
  return (c) => {
    for (const key of observed(c)) {
      const counts = table.get(key);
      if (counts && [...counts.values()].reduce((a, b) => a + b, 0) >= 30) return counts;
    }
    return new Map();
  };
}

const totals = new Map<string, Record<Arm, Tally>>();
const tally = (key: string): Record<Arm, Tally> => {
  let t = totals.get(key);
  if (!t) totals.set(key, (t = Object.fromEntries(ARMS.map((a) => [a, { ctr: 0, needShown: 0, needFirst: 0, n: 0 }])) as Record<Arm, Tally>));
  return t;
};
let shown = 0;
/** Where the needs come from: how many a record rule or a past question could have pointed at. */
const evidence = { withNeed: 0, verifiedWithNeed: 0, recordBacked: 0, asked: 0, onNeedPage: 0 };
let drawn = 0;
let expected = 0;

for (const [index, industry] of INDUSTRIES.entries()) {
  if (args.industry && args.industry !== industry) continue;
  const { seed, customersPerIndustry } = populations.dev;
  const customers = simulatePopulation(industry, customersPerIndustry, seededRandom(seed * 31 + index));
  const config = botConfigFromTemplate(await loadTemplate(industry));
  const catalogue = catalogueFor(industry, new Set(config.flows.map((f) => f.intent).filter((i): i is string => !!i)));
  // The tenant's popularity as the service counts it: every stored past question of the tenant (all within 30 days).
  const popularity = new Map<string, number>();
  for (const c of customers) for (const p of c.pastIntents) popularity.set(p.intent, (popularity.get(p.intent) ?? 0) + 1);
  const learned = learnNeeds(industry);
  // The tenant's NLU as the service has it (trained from the template's bot config, no FAQs), reading page titles.
  const model = NluModel.train(nluTrainingInput(config, []).data);
  const pages = new PageIntentReader({ get: () => Promise.resolve({ model }) });
  const drawRandom = seededRandom(7);
  for (const c of customers) {
    const pageIntent = await pages.read({ tenantId: industry }, c.page);
    const lists = {} as Record<Arm, string[]>;
    for (const strategy of ['personalised', 'popular'] as const) {
      lists[strategy] = scoreRecommendations({
        catalogue,
        strategy,
        signals: c.verified ? c.signals.map((s) => ({ kind: s.kind, ref: 'r', at: new Date(now.getTime() - s.daysAgo * DAY_MS) })) : [],
        recentIntents: strategy === 'personalised' ? c.pastIntents.map((p) => ({ intent: p.intent, at: new Date(now.getTime() - p.daysAgo * DAY_MS) })) : [],
        popularity,
        page: strategy === 'personalised' ? c.page : null,
        pageIntent: strategy === 'personalised' ? pageIntent : null,
        exclude: new Set(),
        now,
        limit: 4,
      }).map((s) => s.entry.intent);
    }
    const posterior = learned(c);
    lists.learned = catalogue
      .map((e) => e.intent)
      .sort((a, b) => (posterior.get(b) ?? 0) - (posterior.get(a) ?? 0) || (popularity.get(b) ?? 0) - (popularity.get(a) ?? 0))
      .slice(0, 4);
    lists.oracle = c.need ? [c.need, ...lists.popular.filter((i) => i !== c.need)].slice(0, 4) : lists.popular;
    if (c.need) {
      evidence.withNeed++;
      if (c.verified) evidence.verifiedWithNeed++;
      if (c.verified && c.signals.some((sig) => RECORD_RULES[sig.kind].some((r) => r.intent === c.need))) evidence.recordBacked++;
      if (c.pastIntents.some((p) => p.intent === c.need)) evidence.asked++;
      if (c.page && pageIntent === c.need) evidence.onNeedPage++;
    }
    const group = c.verified ? (c.signals.length > 0 ? 'verified, with records' : 'verified, no records') : 'anonymous';
    for (const key of ['all', industry, group]) {
      const t = tally(key);
      for (const arm of ARMS) {
        t[arm].n++;
        t[arm].ctr += expectedClick(lists[arm], c.need);
        if (c.need && lists[arm].includes(c.need)) t[arm].needShown++;
        if (c.need && lists[arm][0] === c.need) t[arm].needFirst++;
      }
    }
    for (let d = 0; d < 20; d++) drawn += simulateClick(c, lists.personalised, drawRandom) === null ? 0 : 1;
    expected += 20 * expectedClick(lists.personalised, c.need);
    if (shown < Number(args.show) && c.need && lists.personalised[0] !== c.need) {
      shown++;
      console.log(
        `${c.id} ${c.verified ? 'verified' : 'anon'} need=${c.need} signals=[${c.signals.map((s) => `${s.kind}@${s.daysAgo}d`).join(',')}] asked=[${c.pastIntents.map((p) => p.intent).join(',')}] page=${c.page ?? '-'}\n  personalised ${lists.personalised.join(' ')}\n  popular      ${lists.popular.join(' ')}\n  learned      ${lists.learned.join(' ')}`,
      );
    }
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
console.log(
  `\n${evidence.withNeed} customers with a need (of ${[...totals.values()][0]?.popular.n ?? 0}); ${evidence.verifiedWithNeed} verified. A record rule of their own records names it for ${evidence.recordBacked} (${pct(evidence.recordBacked / evidence.withNeed)}); they asked it before: ${evidence.asked} (${pct(evidence.asked / evidence.withNeed)}); the NLU reads it in their page title: ${evidence.onNeedPage} (${pct(evidence.onNeedPage / evidence.withNeed)})`,
);
console.log(`\nexpected clicks ${expected.toFixed(0)} vs drawn ${drawn} (the restated click model against simulateClick)`);
console.log('| dev, expected over both arms | n | personalised CTR | popular CTR | lift | learned-from-simulator CTR (lift) | oracle CTR (lift) | need shown pers./pop./learned | need first pers./pop./learned |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [key, t] of totals) {
  const ctr = (a: Arm) => t[a].ctr / t[a].n;
  const lift = (a: Arm) => pct(ctr(a) / ctr('popular') - 1);
  console.log(
    `| ${key} | ${t.popular.n} | ${pct(ctr('personalised'))} | ${pct(ctr('popular'))} | ${lift('personalised')} | ${pct(ctr('learned'))} (${lift('learned')}) | ${pct(ctr('oracle'))} (${lift('oracle')}) | ${pct(t.personalised.needShown / t.personalised.n)} / ${pct(t.popular.needShown / t.popular.n)} / ${pct(t.learned.needShown / t.learned.n)} | ${pct(t.personalised.needFirst / t.personalised.n)} / ${pct(t.popular.needFirst / t.popular.n)} / ${pct(t.learned.needFirst / t.learned.n)} |`,
  );
}

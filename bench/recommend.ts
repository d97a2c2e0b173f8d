/**
 * bench:recommend — 猜你想办, personalised against popular-only, through the real recommendation
 * service (scorer, experiment assignment by hashed subject, impressions and clicks in the database)
 * on PGlite. Simulated customers (recommend/simulated-customers.ts: records, past questions, pages,
 * a latent need; a cascade click model that sees only the list and the need) visit once each; the
 * tenant's default 50/50 experiment splits them. Reports CTR per arm with 95 % Wilson intervals,
 * the difference (Newcombe) and the lift (log risk ratio interval), for the dev and the frozen
 * population (seeds in recommend/populations.json, committed before the first run).
 *
 *   npm run bench:recommend [-- --no-write]
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadTemplate } from '@zhida/templates';
import { botConfigFromTemplate } from '../packages/server/src/bot/bot-config.js';
import { TenantScope } from '../packages/server/src/db/tenant-scope.js';
import { buildApp } from '../packages/server/src/app/build-app.js';
import { differenceInterval, liftInterval, wilsonInterval } from '../packages/server/src/recommendations/ctr-interval.js';
import { CustomerHistory } from '../packages/server/src/recommendations/customer-history.js';
import type { CustomerSignal, CustomerSignalSource, SignalSubject } from '../packages/server/src/recommendations/customer-signal.js';
import { PageIntentReader } from '../packages/server/src/recommendations/page-intent-reader.js';
import { PopularIntents } from '../packages/server/src/recommendations/popular-intents.js';
import { RecommendationService } from '../packages/server/src/recommendations/recommendation-service.js';
import { testConfig } from '../packages/server/src/test-support/test-app.js';
import { writeResults } from './report/write-results.js';
import { INDUSTRIES, simulateClick, simulatePopulation, type Industry, type SimulatedCustomer } from './recommend/simulated-customers.js';
import { seededRandom } from './tickets/simulation/arrival-curve.js';

const { values: args } = parseArgs({ options: { 'no-write': { type: 'boolean', default: false } } });
const here = path.dirname(fileURLToPath(import.meta.url));
const populations = JSON.parse(readFileSync(path.join(here, 'recommend', 'populations.json'), 'utf8')) as Record<'dev' | 'frozen', { seed: number; customersPerIndustry: number }>;
const DAY_MS = 86_400_000;
const log = (line: string) => console.error(line);

/** The simulated enterprise behind the connectors' port: each verified customer's records as signals. */
class SimulatedEnterprise implements CustomerSignalSource {
  readonly records = new Map<string, CustomerSignal[]>();
  signals(subject: SignalSubject): Promise<CustomerSignal[]> {
    return Promise.resolve(subject.customerIds.flatMap((id) => this.records.get(`${subject.tenantId}:${id}`) ?? []));
  }
}

interface ArmCount {
  exposures: number;
  clicks: number;
  needShown: number;
}

const app = await buildApp(testConfig('pglite'));
await app.ready();
const db = app.zhida.database.db;
const enterprise = new SimulatedEnterprise();
const service = new RecommendationService(db, {
  botConfigs: app.zhida.botConfigs,
  experiments: app.zhida.recommendations.experiments,
  history: new CustomerHistory(db),
  popular: new PopularIntents(db),
  signals: enterprise,
  pages: new PageIntentReader(app.zhida.brains),
});
const started = Date.now();

async function runPopulation(name: 'dev' | 'frozen'): Promise<Map<string, Record<string, ArmCount>>> {
  const { seed, customersPerIndustry } = populations[name];
  const byIndustry = new Map<string, Record<string, ArmCount>>();
  for (const [index, industry] of INDUSTRIES.entries()) {
    const random = seededRandom(seed * 31 + index);
    const customers = simulatePopulation(industry, customersPerIndustry, random);
    const tenantId = randomUUID();
    await app.zhida.tenants.create({ id: tenantId, slug: `rec-${name}-${industry}`, name: `${industry} (${name})`, industry });
    const template = await loadTemplate(industry);
    await TenantScope.asTenant(tenantId, async () => {
      await app.zhida.botConfigs.put({ tenantId }, botConfigFromTemplate(template));
      // The tenant's first model, trained before any visitor (the service reads page titles with it and waits at most 300 ms).
      await app.zhida.brains.get({ tenantId });
    });
    const visitors = await seedCustomers(tenantId, customers);
    const counts: Record<string, ArmCount> = {};
    for (const [i, customer] of customers.entries()) {
      const visitorId = visitors[i]!;
      await TenantScope.asTenant(tenantId, async () => {
        const list = await service.recommend({ tenantId }, visitorId, { moment: 'welcome', conversationId: null, page: customer.page, locale: 'zh-CN', limit: 4 });
        const arm = (counts[list.strategy] ??= { exposures: 0, clicks: 0, needShown: 0 });
        arm.exposures++;
        if (customer.need && list.items.some((it) => it.intent === customer.need)) arm.needShown++;
        const clicked = simulateClick(customer, list.items.map((it) => it.intent), random);
        if (clicked !== null && list.impressionId) {
          await service.click({ tenantId }, visitorId, list.impressionId, list.items[clicked]!.id);
          arm.clicks++;
        }
      });
    }
    // The database's own count of the experiment (impressions and clicks as the API reports them) must agree with ours.
    const [experiment] = await TenantScope.asTenant(tenantId, () => app.zhida.recommendations.experiments.list({ tenantId }));
    for (const v of experiment!.variants) {
      const ours = counts[v.strategy] ?? { exposures: 0, clicks: 0 };
      if (ours.exposures !== v.exposures || ours.clicks !== v.clicks) throw new Error(`${industry}/${v.key}: bench counted ${ours.exposures}/${ours.clicks}, the API ${v.exposures}/${v.clicks}`);
    }
    byIndustry.set(industry, counts);
    log(`${name} ${industry}: ${JSON.stringify(counts)}`);
  }
  return byIndustry;
}

/** Visitors (verified ones under their customer id), their records, and their past questions as the bot's stored turns. */
async function seedCustomers(tenantId: string, customers: SimulatedCustomer[]): Promise<string[]> {
  const now = Date.now();
  const ids: string[] = [];
  await TenantScope.asTenant(tenantId, async () => {
    for (const c of customers) {
      const visitorId = randomUUID();
      ids.push(visitorId);
      await db.insertInto('visitors').values({ id: visitorId, tenant_id: tenantId, external_id: c.verified ? c.id : null, name: null, verified: c.verified, token_hash: randomUUID() }).execute();
      if (c.verified) enterprise.records.set(`${tenantId}:${c.id}`, c.signals.map((s) => ({ kind: s.kind, ref: `${c.id.slice(-4)}${s.kind.length}`, at: new Date(now - s.daysAgo * DAY_MS) })));
      if (c.pastIntents.length === 0) continue;
      const conversationId = randomUUID();
      const first = new Date(now - Math.max(...c.pastIntents.map((p) => p.daysAgo)) * DAY_MS);
      await db.insertInto('conversations').values({ id: conversationId, tenant_id: tenantId, visitor_id: visitorId, status: 'closed', last_seq: c.pastIntents.length, created_at: first, updated_at: first }).execute();
      await db
        .insertInto('messages')
        .values(
          c.pastIntents.map((p, seq) => ({
            id: randomUUID(),
            tenant_id: tenantId,
            conversation_id: conversationId,
            seq: seq + 1,
            sender_type: 'bot' as const,
            text: '…',
            quick_replies: '[]',
            meta: JSON.stringify({ kind: 'answered', record: { intent: p.intent, confidence: 0.9, emotion: null, flowId: null, step: null, outcome: 'answered', faqId: null } }),
            created_at: new Date(now - p.daysAgo * DAY_MS),
          })),
        )
        .execute();
    }
  });
  return ids;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
function row(label: string, counts: Record<string, ArmCount>): string {
  const p = counts.personalised ?? { exposures: 0, clicks: 0, needShown: 0 };
  const c = counts.popular ?? { exposures: 0, clicks: 0, needShown: 0 };
  const wp = wilsonInterval(p.clicks, p.exposures);
  const wc = wilsonInterval(c.clicks, c.exposures);
  const d = differenceInterval(p.clicks, p.exposures, c.clicks, c.exposures);
  const lift = liftInterval(p.clicks, p.exposures, c.clicks, c.exposures);
  return `| ${label} | ${p.clicks}/${p.exposures} = ${pct(p.clicks / p.exposures)} (${pct(wp.low)}–${pct(wp.high)}) | ${c.clicks}/${c.exposures} = ${pct(c.clicks / c.exposures)} (${pct(wc.low)}–${pct(wc.high)}) | ${(100 * (p.clicks / p.exposures - c.clicks / c.exposures)).toFixed(1)} pp (${(100 * d.low).toFixed(1)} to ${(100 * d.high).toFixed(1)}) | ${lift ? `${pct(lift.lift)} (${pct(lift.low)} to ${pct(lift.high)})` : '—'} | ${pct(p.needShown / p.exposures)} / ${pct(c.needShown / c.exposures)} |`;
}
function total(byIndustry: Map<string, Record<string, ArmCount>>): Record<string, ArmCount> {
  const sum: Record<string, ArmCount> = {};
  for (const counts of byIndustry.values()) {
    for (const [arm, c] of Object.entries(counts)) {
      const s = (sum[arm] ??= { exposures: 0, clicks: 0, needShown: 0 });
      s.exposures += c.exposures;
      s.clicks += c.clicks;
      s.needShown += c.needShown;
    }
  }
  return sum;
}

const results = { dev: await runPopulation('dev'), frozen: await runPopulation('frozen') };
await app.close();
const header = '| population | personalised CTR (95 % Wilson) | popular-only CTR (95 % Wilson) | difference (Newcombe 95 %) | lift (95 %) | need among shown (pers. / pop.) |\n|---|---|---|---|---|---|';
const lines: string[] = [];
for (const name of ['frozen', 'dev'] as const) {
  lines.push(row(`**${name}, all**`, total(results[name])));
  for (const industry of INDUSTRIES as Industry[]) lines.push(row(`${name}, ${industry}`, results[name].get(industry)!));
}
const frozenTotal = total(results.frozen);
const frozenLift = liftInterval(frozenTotal.personalised!.clicks, frozenTotal.personalised!.exposures, frozenTotal.popular!.clicks, frozenTotal.popular!.exposures);
const report = `# bench:recommend — 猜你想办, personalised vs popular-only

Command: \`npm run bench:recommend\` · ${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0]!.toFixed(1)} · PGlite in-process · ${((Date.now() - started) / 1000).toFixed(0)} s

**Frozen population: personalised lifts CTR by ${frozenLift ? `${pct(frozenLift.lift)} (95 % ${pct(frozenLift.low)} to ${pct(frozenLift.high)})` : '—'}** — the plan's target is +40 %.

${header}
${lines.join('\n')}

## Method
- **Through the real service.** Each simulated customer is a visitor row (verified customers under their customer id) in one tenant per industry (the template's bot config), with their past questions stored as the bot's turns in a conversation. \`RecommendationService.recommend\` picks the arm from the tenant's default experiment (50/50, assignment by the hashed customer/visitor id), scores with the production scorer (records from the simulated enterprise behind the \`CustomerSignalSource\` port, the customer's recent questions, the page — its words and, since 2026-12-07, its title read by the tenant's trained NLU —, the tenant's popularity counted from the stored turns) and stores the impression; a click goes through \`RecommendationService.click\`. The per-arm counts are checked against the experiment API's own counts. One welcome list of 4 per customer.
- **Customers** (\`bench/recommend/simulated-customers.ts\`): per industry, situations with their own frequencies (a parcel in transit, a credit-card bill due, an application waiting for materials, low data …), each showing as record signals and making needs likely through the simulator's own affinity table; a background of record-less needs (35 % weight); 25 % of visitors want nothing; 70 % are signed in and verified (the rest are anonymous: no records, no history); half have 1–3 past questions drawn from their affinities; 40 % of those with a need are on a page where it arises (paths of a typical site, only some using words the recommender knows).
- **Click model — it does not peek at the scorer**: a cascade over the shown chips in order; a chip is examined with probability 1, 0.8, 0.6, 0.45 by position; the needed service is clicked with 0.9 when examined, any other with 0.02 (curiosity); the first click ends the visit. It sees only the list and the latent need; \`record-rules.ts\` and the scorer's weights are not imported by the simulator.
- **Populations**: seeds in \`bench/recommend/populations.json\`, committed with the simulator before the first run; \`frozen\` is never used to tune (the scorer's weights were set before this bench existed and not changed after). CTR = lists clicked ÷ lists shown; intervals: Wilson (arms), Newcombe hybrid score (difference), log risk ratio (lift). Customers are independent here, so list-level intervals are honest; in production one visitor may see several lists (see the experiment API's per-visitor counts).
- "need among shown": share of lists containing the customer's latent need — the ceiling the click model works under.
`;
writeResults('recommend.md', report, { noWrite: args['no-write'], log });

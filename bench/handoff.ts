/**
 * Handoff benchmark (issue #14): visitors asking for a human against TWO app nodes on one
 * PostgreSQL schema and one Redis (Socket.IO adapter), with simulated agents on the `/agent` socket.
 * Writes results/handoff.md.
 *
 *   npm run bench:handoff                              # 300 visitors over 10 minutes, 20 agents
 *   npm run bench:handoff -- --minutes 2 --no-write    # compressed: arrivals and handling times scaled by minutes/10
 *
 * PostgreSQL at DATABASE_URL (default 127.0.0.1:5432/test), Redis at REDIS_URL (default 127.0.0.1:6379);
 * everything happens in a fresh schema `bench_handoff_<random>` made by the app's migrations and dropped at the end.
 *
 * Both nodes are `buildApp` instances in this process, each listening on its own port and running its
 * own handoff offer loop; visitors and agents alternate between them, so offers, accepts and the
 * visitor's status cross nodes. Clients call the HTTP API through `inject` (with a client address per
 * visitor/agent: per-IP limits) and hold real Socket.IO connections. Metric definitions:
 * bench/handoff/handoff-metrics.ts (unit-tested), repeated in the report.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { TenantScope } from '../packages/server/src/db/tenant-scope.js';
import { handoffDatabase } from '../packages/server/src/handoff/handoff-schema.js';
import { buildApp, type ZhidaApp } from '../packages/server/src/app/build-app.js';
import { identityHash } from '../packages/server/src/widget/identity-verifier.js';
import { TenantProvisioner } from '../packages/server/src/tenancy/tenant-provisioner.js';
import { testConfig } from '../packages/server/src/test-support/test-app.js';
import { measureAssistQuality } from './handoff/assist-quality.js';
import { BenchNode } from './handoff/bench-node.js';
import { agentShares, askToOfferLatencies, doubleAssignments, etaErrors, INVERSION_GRACE_MS, notifyLatencies, overCapacityOffers, priorityInversions, quantile } from './handoff/handoff-metrics.js';
import type { AgentRecord, RequestRecord, RunEvent, RunLog } from './handoff/handoff-run-log.js';
import { SimulatedAgent } from './handoff/simulated-agent.js';
import { SimulatedVisitor, type VisitorIdentity } from './handoff/simulated-visitor.js';
import { seededRandom } from './tickets/simulation/arrival-curve.js';
import { writeResults } from './report/write-results.js';
import { dropSchema } from './report/drop-schema.js';

const { values: args } = parseArgs({
  options: {
    visitors: { type: 'string', default: '300' },
    minutes: { type: 'string', default: '10' },
    'drain-minutes': { type: 'string', default: '' },
    'offer-timeout': { type: 'string', default: '20' },
    'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'redis-url': { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    seed: { type: 'string', default: '14' },
    'no-write': { type: 'boolean', default: false },
    out: { type: 'string', default: 'handoff.md' },
    /** Also write the run log (requests as stored, every client event) as JSON here, to look into a figure. */
    dump: { type: 'string', default: '' },
  },
});

const VISITORS = Number(args.visitors);
const MINUTES = Number(args.minutes);
/** Handling times shrink with the run so the queue looks the same at any compression. */
const SCALE = MINUTES / 10;
const DRAIN_MS = (args['drain-minutes'] ? Number(args['drain-minutes']) : Math.max(1, 4 * SCALE)) * 60_000;
const OFFER_TIMEOUT_S = Number(args['offer-timeout']);
const PASSWORD = 'bench password 14';
const TENANT = 'bench-handoff';
const BARS = { notifyP99Ms: 1000 };
/** Share of visitors who are signed-in customers of the shop (the widget passes their HMAC-signed user id): priority 2 unless risk or anger ranks them higher. */
const VERIFIED_SHARE = 0.25;

const random = seededRandom(Number(args.seed));
const lognormal = (median: number, sigma: number, min: number, max: number) => {
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.min(max, Math.max(min, median * Math.exp(sigma * z)));
};
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The chat groups of the bench shop: the default desk, and two that need a skill (plus English for English visitors). */
const CHAT_GROUPS = [
  { name: '客服部', skills: [] as string[], intents: ['order_status', 'cancel_order', 'product_inquiry', 'coupon_issue', 'invoice_request', 'human_agent'], isDefault: true },
  { name: '售后服务部', skills: ['售后'], intents: ['return_request', 'refund_status', 'exchange_request', 'complaint'], isDefault: false },
  { name: '物流部', skills: ['物流'], intents: ['logistics_delay', 'modify_address'], isDefault: false },
];

/** 20 agents: mixed skills and capacities; a few decline a lot, one is slow, some leave or step away mid-run. */
const ROSTER: { name: string; groups: string[]; skills: string[]; maxChats: number; decline?: number; ignore?: number; offlineAt?: number; backAt?: number; awayAt?: [number, number] }[] = [
  { name: '王芳', groups: ['客服部'], skills: [], maxChats: 4 },
  { name: '李强', groups: ['客服部'], skills: [], maxChats: 5, offlineAt: 0.35 },
  { name: '张丽', groups: ['客服部'], skills: ['English'], maxChats: 3 },
  { name: '刘伟', groups: ['客服部', '售后服务部'], skills: ['售后'], maxChats: 4 },
  { name: '陈静', groups: ['客服部'], skills: [], maxChats: 3, decline: 0.3 },
  { name: '杨洋', groups: ['客服部'], skills: ['English'], maxChats: 4 },
  { name: '赵敏', groups: ['售后服务部'], skills: ['售后'], maxChats: 5 },
  { name: '黄磊', groups: ['售后服务部'], skills: ['售后', 'English'], maxChats: 3 },
  { name: '周婷', groups: ['售后服务部', '客服部'], skills: ['售后'], maxChats: 4, ignore: 0.1 },
  { name: '吴凯', groups: ['售后服务部'], skills: ['售后'], maxChats: 2, offlineAt: 0.5, backAt: 0.75 },
  { name: '徐娜', groups: ['物流部'], skills: ['物流'], maxChats: 5 },
  { name: '孙浩', groups: ['物流部', '客服部'], skills: ['物流'], maxChats: 4 },
  { name: '马丽', groups: ['物流部'], skills: ['物流'], maxChats: 3 },
  { name: '朱军', groups: ['物流部', '售后服务部'], skills: ['物流', '售后'], maxChats: 4 },
  { name: '胡敏', groups: ['客服部'], skills: [], maxChats: 2 },
  { name: '郭涛', groups: ['客服部', '物流部'], skills: ['物流'], maxChats: 5, decline: 0.25 },
  { name: '何雪', groups: ['客服部'], skills: ['English'], maxChats: 3, offlineAt: 0.6 },
  { name: '高翔', groups: ['客服部', '售后服务部'], skills: ['售后'], maxChats: 3 },
  { name: '林琳', groups: ['客服部'], skills: [], maxChats: 4, awayAt: [0.4, 0.55] },
  { name: '罗斌', groups: ['客服部'], skills: [], maxChats: 5 },
];

/** What visitors write to reach a human (the bot decides reason, priority and group from it). */
const ASKS: { share: number; locale: 'zh-CN' | 'en'; texts: string[][] }[] = [
  { share: 52, locale: 'zh-CN', texts: [['转人工'], ['人工客服'], ['我要找人工'], ['帮我转接人工服务'], ['有真人客服吗', '转人工']] },
  { share: 14, locale: 'zh-CN', texts: [['我要退货', '转人工'], ['退款一直没到账', '转人工'], ['我要换货', '转人工']] },
  { share: 10, locale: 'zh-CN', texts: [['快递怎么还没到', '转人工'], ['物流三天没更新了', '转人工']] },
  { share: 12, locale: 'zh-CN', texts: [['什么垃圾服务，问题拖了一个月都没解决，太过分了', '转人工'], ['你们客服态度太差了，我要投诉', '转人工']] },
  { share: 4, locale: 'zh-CN', texts: [['再不处理我就去12315投诉', '转人工']] },
  { share: 8, locale: 'en', texts: [['I want to talk to a human agent', '转人工'], ['human agent please', '转人工']] },
];

const schema = `bench_handoff_${randomBytes(5).toString('hex')}`;
const config = testConfig('postgres', { databaseUrl: args['database-url'], databaseSchema: schema, redisUrl: args['redis-url'] });
const loadAtStart = os.loadavg();
const wallStarted = performance.now();
const nodes: BenchNode[] = [];
let exitCode = 0;

try {
  log(`schema ${schema}; ${VISITORS} visitors over ${MINUTES} min; load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`);
  for (const name of ['node A', 'node B']) {
    const app = await buildApp(config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    startHandoffLoops(app);
    nodes.push(new BenchNode(name, app, `http://127.0.0.1:${port}`));
  }
  const report = await run();
  const wallS = (performance.now() - wallStarted) / 1000;
  const loadAtEnd = os.loadavg();
  const header = [
    '# Handoff (issue #14): visitors asking for a human, two app nodes, simulated agents',
    '',
    `Generated by \`npm run bench:handoff${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    '',
    `- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}.`,
    `- Load average (1/5/15 min) at start ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')}, at end ${loadAtEnd.map((l) => l.toFixed(2)).join(' / ')}: the machine is shared with other engineers' builds and tests${loadAtStart[0]! > os.cpus().length ? ' and was **heavily loaded** (load above the core count), so every time below includes waiting for a core' : ''}.`,
    `- Backend: ${await serverVersion(nodes[0]!.app)} and Redis (${args['redis-url'].replace(/\/\/.*@/, '//')}) on the same machine; fresh schema \`${schema}\` made by the app's migrations and dropped afterwards. Two \`buildApp\` nodes in one process, each listening on its own port with its own offer loop, sharing the database and the Socket.IO Redis adapter.`,
    `- Whole run: ${wallS.toFixed(0)} s wall.`,
    '',
  ];
  const text = [...header, ...report].join('\n');
  writeResults(args.out, text, { noWrite: args['no-write'], log });
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  for (const node of nodes) await node.app.close().catch(() => undefined);
  await dropSchema(args['database-url'], schema);
}
process.exit(exitCode);

/** The handoff offer loop (offer expiry, the presence sweep, catch-up dispatch) runs on every node after it listens, as in main.ts. */
function startHandoffLoops(app: ZhidaApp): void {
  app.zhida.handoff.loop.start();
}

async function run(): Promise<string[]> {
  const nodeA = nodes[0]!;
  const db = handoffDatabase(nodeA.app.zhida.database.db);
  const tenant = await new TenantProvisioner(nodeA.app.zhida).create({
    slug: TENANT,
    name: '智答优选商城',
    template: 'ecommerce',
    users: [
      { email: 'admin@bench-handoff.test', name: '管理员', role: 'admin', password: PASSWORD },
      ...ROSTER.map((r, i) => ({ email: `agent${i + 1}@bench-handoff.test`, name: r.name, role: 'agent' as const, password: PASSWORD })),
    ],
  });
  const tenantId = tenant.id;
  const as = <T>(fn: () => Promise<T>) => TenantScope.asTenant(tenantId, fn);

  // Chats are taken around the clock in the bench (the default calendar closes at night), with the roster's groups and skills.
  const users = await as(() => db.selectFrom('users').select(['id', 'email']).where('tenant_id', '=', tenantId).execute());
  const groupIds = await as(async () => {
    const allDay = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [['00:00', '24:00']]]));
    await db.updateTable('business_calendars').set({ weekly_hours: JSON.stringify(allDay), follow_china_holidays: false }).where('tenant_id', '=', tenantId).execute();
    await db.updateTable('agent_groups').set({ handles_chat: false }).where('tenant_id', '=', tenantId).execute();
    const groups = new Map((await db.selectFrom('agent_groups').select(['id', 'name']).where('tenant_id', '=', tenantId).execute()).map((g) => [g.name, g.id]));
    for (const g of CHAT_GROUPS) {
      await db
        .updateTable('agent_groups')
        .set({ handles_chat: true, chat_skills: JSON.stringify(g.skills), chat_intents: JSON.stringify(g.intents), is_chat_default: g.isDefault, offer_timeout_seconds: OFFER_TIMEOUT_S, calendar_id: null })
        .where('id', '=', groups.get(g.name)!)
        .execute();
    }
    const agentIds = ROSTER.map((_, i) => users.find((u) => u.email === `agent${i + 1}@bench-handoff.test`)!.id);
    await db
      .insertInto('agent_group_members')
      .values(ROSTER.flatMap((r, i) => r.groups.map((name) => ({ tenant_id: tenantId, group_id: groups.get(name)!, user_id: agentIds[i]!, is_supervisor: false }))))
      .execute();
    await db
      .insertInto('agent_profiles')
      .values(ROSTER.map((r, i) => ({ tenant_id: tenantId, user_id: agentIds[i]!, presence: 'offline' as const, max_chats: r.maxChats, skills: JSON.stringify(r.skills) })))
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    return groups;
  });
  const groupName = new Map([...groupIds].map(([name, id]) => [id, name]));
  // Signed-in customers: the admin switches identity verification on (optional) in the settings, as a shop
  // would, and the bench plays the shop's backend, signing each customer's user id with the secret shown once.
  const identitySecret = await enableIdentityVerification(nodeA);
  // The first visitor must not wait for the tenant's bot to train.
  await nodeA.app.zhida.brains.catchUp?.();

  const events: RunEvent[] = [];
  const agents = ROSTER.map((r, i) => {
    const behaviour = {
      reactionMs: () => lognormal(2500, 0.6, 800, 12_000),
      handleMs: () => lognormal(150_000 * SCALE, 0.5, 20_000 * SCALE, 600_000 * SCALE),
      declineRate: r.decline ?? 0.03,
      ignoreRate: r.ignore ?? 0.02,
      random,
    };
    return new SimulatedAgent(users.find((u) => u.email === `agent${i + 1}@bench-handoff.test`)!.id, `agent${i + 1}@bench-handoff.test`, nodes[i % 2]!, `10.20.0.${i + 1}`, behaviour, events);
  });
  for (const agent of agents) await agent.signIn(TENANT, PASSWORD);
  log('agents signed in; going online');
  await Promise.all(agents.map((a) => a.setPresence('online')));

  // Capacity as the database sees it, sampled: offered + assigned per agent never above max_chats.
  const maxChats = new Map(agents.map((a, i) => [a.id, ROSTER[i]!.maxChats]));
  const sampled = { samples: 0, overCapacity: 0, worst: '' };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const rows = await as(() =>
        sql<{ agent: string; n: string }>`select coalesce(assigned_to, offered_to) as agent, count(*) as n from handoff_requests
          where tenant_id = ${tenantId} and status in ('offered', 'assigned') group by 1`.execute(db),
      ).catch(() => ({ rows: [] }));
      sampled.samples++;
      for (const row of rows.rows) {
        if (Number(row.n) > (maxChats.get(row.agent) ?? Infinity)) {
          sampled.overCapacity++;
          sampled.worst = `${row.agent}: ${row.n} > ${maxChats.get(row.agent)}`;
        }
      }
      await sleep(250);
    }
  })();

  // Presence changes mid-run.
  const runMs = MINUTES * 60_000;
  const started = Date.now();
  const timers: NodeJS.Timeout[] = [];
  ROSTER.forEach((r, i) => {
    const agent = agents[i]!;
    if (r.offlineAt !== undefined) timers.push(setTimeout(() => void agent.setPresence('offline'), r.offlineAt * runMs));
    if (r.backAt !== undefined) timers.push(setTimeout(() => void agent.setPresence('online'), r.backAt * runMs));
    if (r.awayAt) {
      timers.push(setTimeout(() => void agent.setPresence('away'), r.awayAt[0] * runMs));
      timers.push(setTimeout(() => void agent.setPresence('online'), r.awayAt[1] * runMs));
    }
  });

  // Arrivals: a Poisson process over the run, scaled to land exactly within it.
  const gaps = Array.from({ length: VISITORS }, () => -Math.log(1 - random()));
  const total = gaps.reduce((s, g) => s + g, 0);
  let acc = 0;
  const arrivals = gaps.map((g) => (acc += g) / total * runMs * 0.98);
  const shareSum = ASKS.reduce((s, a) => s + a.share, 0);
  const drawAsk = () => {
    let x = random() * shareSum;
    for (const ask of ASKS) if ((x -= ask.share) < 0) return ask;
    return ASKS[0]!;
  };
  const visitors: SimulatedVisitor[] = [];
  const asked: Promise<void>[] = [];
  for (const [i, at] of arrivals.entries()) {
    const ask = drawAsk();
    const texts = ask.texts[Math.floor(random() * ask.texts.length)]!;
    // One visitor in eight gives up after a while (scaled like handling times).
    const patience = random() < 0.125 ? lognormal(90_000 * SCALE, 0.5, 15_000 * SCALE, 300_000 * SCALE) : null;
    const customerId = random() < VERIFIED_SHARE ? `member-${String(100_000 + i)}` : null;
    const identity: VisitorIdentity | undefined = customerId ? { userId: customerId, userHash: identityHash(identitySecret, customerId), name: `会员${customerId.slice(-4)}` } : undefined;
    const wait = started + at - Date.now();
    if (wait > 0) await sleep(wait);
    const visitor = new SimulatedVisitor(nodes[i % 2]!, `10.30.${i >> 8}.${(i & 255) + 1}`, events);
    visitors.push(visitor);
    asked.push(visitor.ask(TENANT, ask.locale, texts, patience, identity));
    if ((i + 1) % 50 === 0) log(`${i + 1} visitors`);
  }
  await Promise.all(asked);
  log(`all ${VISITORS} visitors asked; draining (at most ${(DRAIN_MS / 60_000).toFixed(1)} min)`);

  const drainUntil = Date.now() + DRAIN_MS;
  while (Date.now() < drainUntil) {
    const open = await as(() => db.selectFrom('handoff_requests').select(sql<string>`count(*)`.as('n')).where('tenant_id', '=', tenantId).where('status', 'in', ['queued', 'offered', 'assigned']).executeTakeFirstOrThrow());
    if (Number(open.n) === 0) break;
    await sleep(1000);
  }
  const runEnd = Date.now();
  for (const timer of timers) clearTimeout(timer);
  sampling = false;
  await sampler;
  for (const agent of agents) agent.stop();
  for (const visitor of visitors) visitor.close();

  const rows = await as(() => db.selectFrom('handoff_requests').selectAll().where('tenant_id', '=', tenantId).execute());
  const requests: RequestRecord[] = rows.map((r) => ({
    id: r.id,
    conversationId: r.conversation_id,
    groupId: r.group_id,
    priority: r.priority,
    requiredSkills: typeof r.required_skills === 'string' ? (JSON.parse(r.required_skills) as string[]) : r.required_skills,
    queuedAt: new Date(r.queued_at).getTime(),
    status: r.status,
    assignedTo: r.assigned_to,
    assignedAt: r.assigned_at ? new Date(r.assigned_at).getTime() : null,
  }));
  const agentRecords: AgentRecord[] = ROSTER.map((r, i) => ({ id: agents[i]!.id, name: r.name, skills: r.skills, groups: r.groups.map((g) => groupIds.get(g)!), maxChats: r.maxChats }));
  const runLog: RunLog = { requests, agents: agentRecords, groups: new Map([...groupName].map(([id, name]) => [id, { name }])), events };
  if (args.dump) writeFileSync(args.dump, JSON.stringify({ rows, agents: agentRecords, events }, null, 1));
  return [
    ...(await describeRun(runLog, { visitors, agents, sampled, runEnd, started, groupName })),
    ...(await assistQuality()),
  ];
}

interface RunContext {
  visitors: SimulatedVisitor[];
  agents: SimulatedAgent[];
  sampled: { samples: number; overCapacity: number; worst: string };
  runEnd: number;
  started: number;
  groupName: Map<string, string>;
}

async function describeRun(runLog: RunLog, ctx: RunContext): Promise<string[]> {
  const latencies = notifyLatencies(runLog).sort((a, b) => a - b);
  const endToEnd = askToOfferLatencies(runLog).sort((a, b) => a - b);
  const overCapacity = overCapacityOffers(runLog);
  const doubles = doubleAssignments(runLog);
  const inversions = priorityInversions(runLog);
  const eta = etaErrors(runLog);
  const absEta = eta.map(Math.abs).sort((a, b) => a - b);
  const shares = agentShares(runLog, ctx.runEnd);
  const count = <T>(xs: T[], key: (x: T) => string) => [...xs.reduce((m, x) => m.set(key(x), (m.get(key(x)) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1]);
  const offers = runLog.events.filter((e) => e.kind === 'offer').length;
  const accepts = runLog.events.filter((e) => e.kind === 'accept');
  const failures = [...ctx.agents.flatMap((a) => a.failures), ...ctx.visitors.flatMap((v) => (v.failure ? [v.failure] : []))];
  const p = (q: number) => quantile(latencies, q).toFixed(0);
  // Wait by priority shows the queue order at work where it matters: when chats had to wait for a free agent.
  const waitsByPriority = [0, 1, 2, 3].map((prio) => [
    prio,
    runLog.requests
      .filter((r) => r.priority === prio && r.assignedAt !== null)
      .map((r) => (r.assignedAt! - r.queuedAt) / 1000)
      .sort((a, b) => a - b),
  ] as const);
  const fmtS = (s: number) => (Number.isFinite(s) ? `${s.toFixed(0)} s` : '—');
  const ok = (good: boolean) => (good ? '**met**' : '**not met**');
  const eligible = shares.filter((s) => s.onlineMinutes * s.agent.maxChats >= 10 * SCALE);
  const rates = eligible.map((s) => s.chatsPerCapacityHour).sort((a, b) => a - b);
  const meanRate = rates.reduce((s, r) => s + r, 0) / Math.max(1, rates.length);
  const cv = Math.sqrt(rates.reduce((s, r) => s + (r - meanRate) ** 2, 0) / Math.max(1, rates.length)) / (meanRate || 1);

  return [
    '## What was run',
    '',
    `- ${ctx.visitors.length} visitors arriving as a Poisson process over ${MINUTES} min${MINUTES === 10 ? '' : ` (**compressed**: handling times and patience scaled by ${SCALE.toFixed(2)})`}, alternating between the two nodes; each opens the widget socket and asks for a human (${ASKS.map((a) => `${a.share} % ${a.locale === 'en' ? 'English' : `“${a.texts[0]![0]}”`}`).join(', ')}; a second message "转人工" when the first did not hand off). One in eight gives up (取消等待) after a log-normal patience (median ${(90 * SCALE).toFixed(0)} s). ${(VERIFIED_SHARE * 100).toFixed(0)} % start the widget as signed-in customers (user id with its HMAC-SHA256 from the identity secret the admin turned on; ${ctx.visitors.filter((v) => v.verified).length} this run), so all four priorities meet in the queue: 0 high risk and 1 anger come from what the bot makes of the words, 2 is a verified customer otherwise, 3 everyone else.`,
    `- ${ROSTER.length} agents on the \`/agent\` socket (half per node): capacities 2–5, skills ${[...new Set(ROSTER.flatMap((r) => r.skills))].join(' / ')} and none; chat groups ${CHAT_GROUPS.map((g) => `${g.name}${g.skills.length ? `（${g.skills.join('、')}）` : '（默认）'}`).join('、')}, offer timeout ${OFFER_TIMEOUT_S} s. An offer is answered after a log-normal pause (median 2.5 s, 0.8–12 s); 3 % declined (two agents 25–30 %), 2 % left to expire (one agent 10 %); a chat is greeted, handled for a log-normal time (median ${(150 * SCALE).toFixed(0)} s) and closed. Mid-run ${ROSTER.filter((r) => r.offlineAt !== undefined).length} agents go offline (one comes back), one steps away for 15 % of the run.`,
    `- Drain: after the last arrival the run waits up to ${(DRAIN_MS / 60_000).toFixed(1)} min for open requests to finish; it ended ${((ctx.runEnd - ctx.started) / 60_000).toFixed(1)} min after the first arrival.`,
    '',
    '## Results',
    '',
    '| measure | value | bar |',
    '|---|---|---|',
    `| handoff → agent notified (\`handoff.offer\` received), p50 / p99 over ${latencies.length} offers | ${p(0.5)} ms / ${p(0.99)} ms | p99 ≤ ${BARS.notifyP99Ms} ms: ${ok(quantile(latencies, 0.99) <= BARS.notifyP99Ms)} |`,
    `| visitor's message → first offer received, end to end with the bot's turn, ${endToEnd.length} requests someone was free for at once: p50 / p99 | ${quantile(endToEnd, 0.5).toFixed(0)} ms / ${quantile(endToEnd, 0.99).toFixed(0)} ms | — |`,
    `| assignments over capacity (offered + assigned > max chats): as the agents' clients counted / in ${ctx.sampled.samples} database samples | ${overCapacity.length} / ${ctx.sampled.overCapacity}${ctx.sampled.worst ? ` (e.g. ${ctx.sampled.worst})` : ''} | 0: ${ok(overCapacity.length === 0 && ctx.sampled.overCapacity === 0)} |`,
    `| double assignments (a request two agents were both given, or the database gave another) | ${doubles.length} | 0: ${ok(doubles.length === 0)} |`,
    `| priority inversions (defined below) | ${inversions.length} | 0: ${ok(inversions.length === 0)} |`,
    `| wait estimate told at enqueue vs the real wait, ${eta.length} chats an agent took: median abs error / p90 abs error (median signed: ${fmtS(quantile([...eta].sort((a, b) => a - b), 0.5))}) | ${fmtS(quantile(absEta, 0.5))} / ${fmtS(quantile(absEta, 0.9))} | — |`,
    `| real wait (queued → an agent took it) by priority, p50 / p90: ${waitsByPriority.map(([prio, waits]) => `P${prio} (${waits.length})`).join(', ')} | ${waitsByPriority.map(([, waits]) => `${fmtS(quantile(waits, 0.5))} / ${fmtS(quantile(waits, 0.9))}`).join('; ')} | — |`,
    `| fairness: chats per capacity-hour online, agents with ≥ ${(10 * SCALE).toFixed(0)} capacity-minutes: min / mean / max, coefficient of variation | ${rates.length ? `${rates[0]!.toFixed(2)} / ${meanRate.toFixed(2)} / ${rates.at(-1)!.toFixed(2)}, ${(cv * 100).toFixed(0)} %` : '—'} | — |`,
    '',
    `Requests by final status: ${count(runLog.requests, (r) => r.status).map(([k, n]) => `${k} ${n}`).join(', ')}; by priority: ${count(runLog.requests, (r) => String(r.priority)).map(([k, n]) => `P${k} ${n}`).join(', ')}; by group: ${count(runLog.requests, (r) => ctx.groupName.get(r.groupId ?? '') ?? 'none').map(([k, n]) => `${k} ${n}`).join(', ')}. Visitors: ${count(ctx.visitors, (v) => v.outcome).map(([k, n]) => `${k} ${n}`).join(', ')}. Offers ${offers}, accepts ${accepts.filter((a) => a.ok).length} (refused ${accepts.filter((a) => !a.ok).length}: ${count(accepts.filter((a) => !a.ok), (a) => a.code ?? '?').map(([k, n]) => `${k} ${n}`).join(', ') || '—'}), declines ${runLog.events.filter((e) => e.kind === 'decline').length}, expiries ${runLog.events.filter((e) => e.kind === 'expire').length}, returned by going offline ${runLog.events.filter((e) => e.kind === 'returned').length}.`,
    failures.length ? `\nClient calls that failed: ${failures.length} (${count(failures, (f) => f).slice(0, 6).map(([k, n]) => `${k} × ${n}`).join('; ')}).` : '\nNo client call failed.',
    inversions.length ? `\nFirst inversions: ${inversions.slice(0, 5).map((i) => `${i.requestId.slice(0, 8)} offered to ${i.agentId.slice(0, 8)} while ${i.jumpedId.slice(0, 8)} waited ${((i.at - i.waitingSince) / 1000).toFixed(1)} s`).join('; ')}.` : '',
    '',
    '### Per agent',
    '',
    '| agent | skills | max chats | online min | chats | chats per capacity-hour |',
    '|---|---|---|---|---|---|',
    ...shares.map((s) => `| ${s.agent.name} | ${s.agent.skills.join('、') || '—'} | ${s.agent.maxChats} | ${s.onlineMinutes.toFixed(1)} | ${s.chats} | ${s.chatsPerCapacityHour.toFixed(2)} |`),
    '',
    '### Definitions',
    '',
    '- **Handoff → agent notified**: for each offer, the time from the moment it became possible to the `handoff.offer` event arriving on the agent\'s socket. Possible = the later of (the request waiting: enqueued, or back after a decline, an expiry or its agent going offline) and (this agent online with a free slot: signed on, or a slot freed by a close, decline, expiry or refused accept). Waiting for a free agent is queueing, not notification, and is not counted here; it is what the wait estimate is about. The request counts as enqueued from the later of its `queued_at` and the first `handoff.changed` (queued) any agent socket received: `queued_at` is stamped when the bot\'s turn began, the bot\'s work is not the queue\'s. The end-to-end row beside it starts at the visitor\'s message instead.',
    '- **Over capacity**: an offer that leaves the agent holding more offered + assigned chats than `max_chats`, counted by replaying what each agent\'s client saw (a slot handed back counts as free from the moment the call was sent); and, independently, the database sampled every 250 ms.',
    `- **Priority inversion**: request R offered to agent A at time t while a request R′ of the same group with strictly higher priority (a lower number: 0 high risk, 1 anger, 2 verified, 3 normal) had been waiting in the queue — queued and on offer to nobody — since at least ${INVERSION_GRACE_MS} ms before t (a dispatch already under way may not have seen it), and A could have taken R′: a member of the group with every skill R′ needs, who had not declined or let expire an offer of R′.`,
    '- **Fairness**: chats an agent accepted ÷ (max chats × hours online). Agents of different groups see different demand, so this is a spread to read with the skills column, not a bar.',
    '- **Wait estimate**: the first `etaSeconds` the visitor was told (socket `handoff.status` or `GET …/handoff` right after asking) minus the real wait from `queued_at` to the first `assigned_at`, for conversations an agent took.',
    '',
  ];
}

/** Identity verification switched on by the tenant's admin through the settings API; returns the HMAC secret (shown once). */
async function enableIdentityVerification(node: BenchNode): Promise<string> {
  const login = await node.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: TENANT, email: 'admin@bench-handoff.test', password: PASSWORD }, remoteAddress: '10.20.1.1' });
  const cookie = login.cookies.find((c) => c.name === 'zhida_session');
  if (login.statusCode !== 200 || !cookie) throw new Error(`admin login: ${login.statusCode} ${login.body}`);
  const res = await node.call('PUT', '/api/v1/settings/widget-security/identity', {
    payload: { mode: 'optional' },
    headers: { cookie: `zhida_session=${cookie.value}`, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken },
    remoteAddress: '10.20.1.1',
  });
  const secret = (res.body as { secret?: string } | null)?.secret;
  if (res.status !== 200 || !secret) throw new Error(`identity verification: ${res.status} ${JSON.stringify(res.body)}`);
  return secret;
}

/** The assist-quality part (hq-context's `measureAssistQuality`): the right FAQ among the top 3 suggestions. */
async function assistQuality(): Promise<string[]> {
  log('assist quality: four template tenants on PGlite');
  const { markdown } = await measureAssistQuality();
  return ['## Assist quality', '', markdown, ''];
}

async function serverVersion(app: ZhidaApp): Promise<string> {
  const { rows } = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(app.zhida.database.db);
  return `PostgreSQL ${rows[0]?.v ?? '?'}`;
}


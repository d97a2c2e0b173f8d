/**
 * What one visitor message costs the server on PGlite, in-process and without sockets:
 * the SQL statements PGlite executes for it (every round trip into the WebAssembly PostgreSQL,
 * `begin`/`commit` and the tenant scope's `set_config` included) and the CPU of the process.
 *
 *   npx tsx bench/chat-statements.ts [--messages 200] [--show] [--data-dir DIR]
 *
 * demo-ecommerce is seeded as `npm start` seeds it (no month of analytics history; its shop is the demo
 * enterprise service in this process, over signed HTTP, whose calls count as the message's CPU) into an on-disk
 * PGlite (`--data-dir`, reused by the next run: seeding and training the model take minutes on a
 * busy box); a widget conversation is warmed up, then `--messages` of bench:chat's questions are
 * sent one after another through the widget route (a new visitor every 50: the per-visitor limit). Statements are counted where they enter PGlite's WebAssembly,
 * so the Kysely plugin of bench/tickets (which sees only Kysely-built statements) would miss the
 * transaction and scope statements that cost as much as the others here. Background work the
 * turn leaves behind (analytics recording, listeners) is awaited before the next message so it is
 * counted with the message that caused it. CPU per message depends less on the box's load than
 * wall time, but it is not free of it: the load average is printed.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../packages/server/src/app/build-app.js';
import { createDatabase } from '../packages/server/src/db/create-database.js';
import { openPglite } from '../packages/server/src/db/open-pglite.js';
import { loadTemplate } from '@zhida/templates';
import { demoTenants, demoUsers, DEMO_PASSWORD } from '../packages/server/src/demo/demo-tenants.js';
import { seedDemoChatDesk } from '../packages/server/src/demo/demo-chat-desk.js';
import { seedDemoDocuments } from '../packages/server/src/demo/demo-documents.js';
import { seedDemoTicketDesk } from '../packages/server/src/demo/demo-tickets.js';
import { TenantProvisioner } from '../packages/server/src/tenancy/tenant-provisioner.js';
import { startDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';
import { testConfig } from '../packages/server/src/test-support/test-app.js';

const { values: args } = parseArgs({
  options: { messages: { type: 'string', default: '200' }, show: { type: 'boolean', default: false }, trace: { type: 'string' }, 'cpu-profile': { type: 'string' }, 'data-dir': { type: 'string', default: join(os.tmpdir(), 'zhida-chat-statements') } },
});
const MESSAGES = Number(args.messages);

const QUESTIONS = ['怎么退货', '运费谁出', '发票怎么开', '我的快递到哪了', '多久能发货', '下单后可以改地址吗', '优惠券怎么用不了', '退款多久到账', '支持货到付款吗', '积分怎么兑换', '怎么修改收货人电话', '会员有什么权益'];

const pglite = await openPglite(args['data-dir']);
const texts = new Map<string, number>();
const millis = new Map<string, number>();
let statements = 0;
let counting = false;
// Counted where every statement enters PGlite's WebAssembly: a Bind message (extended protocol: the app's
// Kysely dialect sends Parse once per text, then Bind, Execute and Sync per run) or a Query message (simple
// protocol). PGlite's own `query` sends its Parse, Bind and the rest in separate calls; each Bind counts once.
const execProtocolStream = pglite.execProtocolStream.bind(pglite);
const preparedTexts = new Map<string, string>();
const statementText = (message: Uint8Array): string | null => {
  const decoder = new TextDecoder();
  const cstring = (at: number) => decoder.decode(message.subarray(at, message.indexOf(0, at)));
  let parsed = '';
  for (let at = 0; at < message.length; ) {
    const kind = String.fromCharCode(message[at]!);
    const length = new DataView(message.buffer, message.byteOffset + at + 1, 4).getInt32(0);
    if (kind === 'Q') return cstring(at + 5);
    if (kind === 'P') {
      const name = cstring(at + 5);
      parsed = cstring(at + 5 + Buffer.byteLength(name) + 1);
      preparedTexts.set(name, parsed);
    }
    if (kind === 'B') {
      const portal = cstring(at + 5);
      return preparedTexts.get(cstring(at + 5 + Buffer.byteLength(portal) + 1)) ?? parsed;
    }
    at += 1 + length;
  }
  return null;
};
pglite.execProtocolStream = (async (message: Uint8Array, options?: unknown) => {
  const text = statementText(message);
  if (!counting) return execProtocolStream(message, options as never);
  if (text !== null) {
    statements++;
    const key = text.replace(/\s+/g, ' ').slice(0, 140);
    texts.set(key, (texts.get(key) ?? 0) + 1);
    // Where a statement comes from: `--trace <text>` prints the stack of its first two executions.
    if (args.trace && key.includes(args.trace) && (texts.get(key) ?? 0) <= 2) console.log(new Error(key).stack);
  }
  const started = performance.now();
  try {
    return await execProtocolStream(message, options as never);
  } finally {
    // PGlite runs a statement synchronously inside its WebAssembly: the time is the statement's CPU (and whatever preempts it).
    if (text !== null) {
      const key = text.replace(/\s+/g, ' ').slice(0, 140);
      millis.set(key, (millis.get(key) ?? 0) + performance.now() - started);
    }
  }
}) as typeof pglite.execProtocolStream;

// The secret key seals tenant secrets in the data directory: the same one on every run.
const enterprise = await startDemoEnterprise();
const config = testConfig('pglite', { dataDir: args['data-dir'], secretKey: Buffer.alloc(32, 7), enterpriseBackend: enterprise.backend });
const database = await createDatabase(config, { pglite });
const app = await buildApp(config, { database });
await app.ready();
const demo = demoTenants.find((t) => t.slug === 'demo-ecommerce')!;
if (!(await app.zhida.tenants.findBySlug(demo.slug))) {
  // As seedDemo does for one tenant (the other three only add memory and start-up time here).
  const tenant = await new TenantProvisioner(app.zhida).create({ slug: demo.slug, name: demo.name, template: demo.template, users: demoUsers.map((u) => ({ ...u, password: DEMO_PASSWORD })) });
  const template = await loadTemplate(demo.template);
  await seedDemoTicketDesk(app.zhida.database.db, tenant.id, template.ticketCategories);
  await seedDemoChatDesk(app.zhida.database.db, app.zhida.users, tenant.id, demo.template, template.cannedReplies, DEMO_PASSWORD);
  await seedDemoDocuments(app.zhida.documents, tenant.id, demo.template, app.log);
}

let visitor = 0;
let conversationId = '';
let headers: Record<string, string> = {};
async function newVisitor(): Promise<void> {
  const start = await app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: demo.slug }, remoteAddress: `127.0.0.${2 + Math.floor(visitor++ / 25)}` });
  if (start.statusCode !== 201 && start.statusCode !== 200) throw new Error(`start: ${start.statusCode} ${start.body}`);
  const started = start.json() as { conversationId: string; visitorToken: string };
  conversationId = started.conversationId;
  headers = { authorization: `Bearer ${started.visitorToken}` };
}

// Lets the listeners the turn started (analytics, channel delivery) finish before the next message.
const settle = () => new Promise((r) => setTimeout(r, 20));
async function send(i: number): Promise<void> {
  if (i % 50 === 0) {
    const was = counting;
    counting = false;
    await newVisitor();
    counting = was;
  }
  const res = await app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${conversationId}/messages`, headers, payload: { text: QUESTIONS[i % QUESTIONS.length], clientMsgId: `m${i}` }, remoteAddress: '127.0.0.2' });
  if (res.statusCode !== 201) throw new Error(`send ${i}: ${res.statusCode} ${res.body}`);
  await settle();
}
// Warm-up: the tenant's model, the first consent gate, caches.
for (let i = 0; i < 5; i++) await send(i);

const load = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
// `--cpu-profile <file>`: a CPU profile of the measured messages only (open in Chrome DevTools or speedscope).
const session = args['cpu-profile'] ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}
counting = true;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 5; i < 5 + MESSAGES; i++) await send(i);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
counting = false;
if (session) writeFileSync(args['cpu-profile']!, JSON.stringify((await session.post('Profiler.stop')).profile));

const cpuMs = (cpu.user + cpu.system) / 1000;
// The 20 ms settle per message is idle time: wall time per message excludes it.
console.log(`load average before: ${load}`);
console.log(`${MESSAGES} messages: ${(statements / MESSAGES).toFixed(2)} statements per message, CPU ${(cpuMs / MESSAGES).toFixed(2)} ms per message (incl. app.inject), wall ${((wall - MESSAGES * 20) / MESSAGES).toFixed(2)} ms per message`);
if (args.show) {
  const inStatements = [...millis.values()].reduce((a, b) => a + b, 0);
  console.log(`in PGlite statements: ${(inStatements / MESSAGES).toFixed(2)} ms per message (wall, includes queueing behind other statements)`);
  console.log('per message: statements, ms');
  for (const [text, n] of [...texts.entries()].sort((a, b) => (millis.get(b[0]) ?? 0) - (millis.get(a[0]) ?? 0))) console.log(`${(n / MESSAGES).toFixed(2).padStart(6)} ${((millis.get(text) ?? 0) / MESSAGES).toFixed(2).padStart(7)}  ${text}`);
}
await app.close();
await database.close();
await enterprise.stop();

import { fileURLToPath } from 'node:url';
import { sharedAffectClassifier, SpeechActClassifier } from '@zhida/nlu';
import { loadConfig } from './config/config.js';
import { DEMO_CHAT_DESKS, DEMO_SUPERVISOR } from './demo/demo-chat-staff.js';
import { DEMO_PASSWORD, demoTenants, demoUsers } from './demo/demo-tenants.js';
import { seedDemo, seedDemoAnalytics, seedDemoSampleTickets } from './demo/demo-seed.js';
import { buildApp } from './app/build-app.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const config = loadConfig(process.env, repoRoot);
const app = await buildApp(config);

// The question/request classifier trains once per process (about a second of CPU): here, not in the first visitor's turn.
SpeechActClassifier.shipped();
// So does the emotion and risk classifier (under a second of CPU).
sharedAffectClassifier();
const seeded = config.seedDemo ? await seedDemo(app.zhida, app.log) : [];
if (config.seedDemo && !config.enterpriseBackend) {
  app.log.warn('demo tenants without an enterprise backend: their orders, accounts and bookings are unavailable (the bot offers a human or a ticket); `npm start` runs the demo enterprise, or set ZHIDA_ENTERPRISE_URL');
}
// The tenants busy a moment ago (a restart after a crash, a rolling upgrade) get their models before this node takes visitors.
await app.zhida.brains.warm({ withinMinutes: 15, limit: 20 }).catch((err: unknown) => app.log.warn({ err }, 'models not warmed before listening'));
await app.listen({ port: config.port, host: config.host });
// Models missing or stale after a crash or an upgrade are trained in the background; old ones serve meanwhile.
void app.zhida.brains.catchUp();
// Durable jobs (the monthly top-question refresh, SLA recomputes, reports) are claimed from the database by whichever node is free.
app.zhida.jobs.start();
app.zhida.slaScheduler.start();
// The handoff queue's clock (offer expiry, presence sweep, catch-up dispatch) runs on every node; rows are claimed under locks.
app.zhida.handoff.loop.start();
app.zhida.calls.ringLoop.start();
// So are webhook deliveries of the transactional outbox (FOR UPDATE SKIP LOCKED, leased).
app.zhida.webhookDeliveries.start();
// The demo desks' sample tickets are filed once their classifiers have trained, without holding up the start.
if (config.seedDemo) void seedDemoSampleTickets(app.zhida, app.log);
// And a month of 数据看板 history, simulated on each demo tenant's own bot (once per tenant).
if (config.seedDemo && config.seedDemoHistory) void seedDemoAnalytics(app.zhida, app.log);

const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const base = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
const lines = [
  '',
  `Zhida 智答 is running (${app.zhida.database.backend}${config.redisUrl ? ' + redis' : ''})`,
  `  Console:   ${base}/console/`,
  `  API docs:  ${base}/docs`,
  ...seeded.map((t) => `  Demo page: ${base}/demo/${t.slug}   (${t.name}, ${t.faqCount} FAQ)`),
  `  SDK page:  ${base}/sdk/example.html?tenant=${seeded[0]?.slug ?? 'demo-ecommerce'}   (@zhida/client without the widget's UI)`,
];
if (seeded.length > 0) {
  lines.push('', `  Demo logins (tenant = ${seeded.map((t) => t.slug).join(' | ')}, password "${DEMO_PASSWORD}"):`);
  for (const u of demoUsers) lines.push(`    ${u.role.padEnd(8)} ${u.email}${u.email.startsWith('agent1') ? '   (takes every kind of chat)' : ''}`);
  lines.push(`    ${DEMO_SUPERVISOR.role.padEnd(8)} ${DEMO_SUPERVISOR.email}`);
  lines.push('  Chat agents (role agent; offline until they sign in and go 在线):');
  for (const t of demoTenants.filter((d) => seeded.some((s) => s.slug === d.slug))) {
    lines.push(`    ${t.slug}: ${DEMO_CHAT_DESKS[t.template].agents.map((a) => `${a.email.split('@')[0]}（${a.name}${a.skills.length ? ' ' + a.skills.join('/') : ''}）`).join(', ')}  @demo.zhida.cn`);
  }
}
console.log(lines.join('\n') + '\n');

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Bounded: close() waits for a model training under way, minutes on a busy box, and a node being replaced
    // must go. What is cut short is safe to cut, as after kill -9 (acknowledged messages are committed; models
    // are trained again by catchUp, jobs re-claimed when their lease ends).
    setTimeout(() => {
      app.log.warn({ signal }, 'still closing after 10 s: exiting');
      process.exit(1);
    }, 10_000).unref();
    void app.close().then(() => process.exit(0));
  });
}

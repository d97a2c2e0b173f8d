/**
 * "Context in under a second", measured in Chromium (issue #14): a visitor's message that hands the
 * conversation to a human → the agent's 工作台 shows the offer card with the bot's summary (bar: p95 ≤ 1 s);
 * and, separately, the agent's 接入 click → the context panel with the summary, what the bot understood and
 * the transcript. Writes results/handoff-browser.md.
 *
 *   npm run bench:handoff-browser                      # 45 handoffs, PGlite (as `npm start` runs by default)
 *   npm run bench:handoff-browser -- --database-url postgres://postgres@127.0.0.1:5432/test
 *   npm run bench:handoff-browser -- --count 9 --no-write
 *
 * Started like the e2e tests: `buildApp` + `seedDemo` in this process beside the demo enterprise (its own HTTP
 * service, as `npm start` runs it), serving the built console
 * (`npm run build` first), demo tenant `demo-ecommerce` with its desk open around the clock. agent1 signs in
 * to the console in Debian's Chromium (playwright-core, /usr/bin/chromium) and goes 在线; visitors talk to
 * the widget's HTTP API from this process with `fetch`. One clock: `Date.now()` in Node just before the
 * visitor's request, and `Date.now()` in the page (a MutationObserver installed before the first visitor)
 * when the card or the panel is complete — the same machine's clock. Alongside, a socket of the same agent
 * held by this process records when the server's `handoff.offer` push arrives, which splits the time into
 * the server's part and the browser's (delivery + React render).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { loadConfig } from '../packages/server/src/config/config.js';
import { buildApp, type ZhidaApp } from '../packages/server/src/app/build-app.js';
import { seedDemo, TenantScope } from '../packages/server/src/index.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';
import { quantile } from './handoff/handoff-metrics.js';
import { writeResults } from './report/write-results.js';
import { dropSchema } from './report/drop-schema.js';
import { HEADLESS_ARGS } from '../e2e/headless-chromium-args.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(here, '..');
const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '45' },
    'database-url': { type: 'string', default: '' },
    'no-write': { type: 'boolean', default: false },
    out: { type: 'string', default: 'handoff-browser.md' },
    /** Writes a V8 CPU profile of the console page over the measured visitors there, and prints its heaviest functions (slows the page: use with --no-write). */
    profile: { type: 'string', default: '' },
  },
});

const COUNT = Number(args.count);
const CHROMIUM = '/usr/bin/chromium';
const TENANT = 'demo-ecommerce';
const PASSWORD = 'zhida-demo';
const ADMIN = 'admin@demo.zhida.cn';
const AGENT = 'agent1@demo.zhida.cn';
const BAR_P95_MS = 1000;
/** The widget allows 30 conversation starts a minute per address; the bench stays under that instead of dodging it. */
const MIN_START_GAP_MS = 2100;
const WAIT_MS = 20_000;

/** Three kinds of handoff trigger, a few wordings each; a kind's later messages are sent only when the earlier ones did not hand off. */
const TRIGGERS: { kind: 'asked' | 'angry' | 'high risk'; texts: string[][] }[] = [
  { kind: 'asked', texts: [['转人工'], ['我要找人工客服'], ['帮我转接真人客服']] },
  { kind: 'angry', texts: [['你们这什么破服务，等了三天都没人管，气死我了', '转人工'], ['太过分了，客服态度这么差，我非常生气', '转人工']] },
  { kind: 'high risk', texts: [['再不处理我就打12315投诉'], ['你们再拖着不退款，我就去消费者协会投诉，还要找媒体曝光']] },
];

interface Sample {
  kind: string;
  text: string;
  conversationId: string;
  /** Node, just before the visitor's message request that handed off. */
  sentAt: number;
  /** Node, when that request's response arrived (the bot's turn done). */
  respondedAt: number;
  /** Node socket of the same agent: the server's `handoff.offer` push. */
  pushedAt: number | null;
  /** CPU time (ms) this process (the app server, and the bench's thin clients) used from the send to the push. */
  serverCpuMs: number | null;
  /** CPU time (ms) of the console's renderer process from the send to the card with its summary. */
  browserCpuMs: number | null;
  /** The same two from the 接入 click to the complete context panel. */
  contextServerCpuMs: number | null;
  contextBrowserCpuMs: number | null;
  /** Page: the offer card first on screen / first complete with the summary text. */
  cardAt: number | null;
  cardWithSummaryAt: number | null;
  summary: string;
  /** Page: the 接入 click, and the context panel complete (summary, understanding, the visitor's words in the transcript). */
  clickedAt: number | null;
  /** Page: the accept request's response (resource timing, on the page's clock). */
  acceptedAt: number | null;
  contextAt: number | null;
  failure: string | null;
}

const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const missing = ['apps/console/dist/index.html'].filter((f) => !existsSync(path.join(REPO_ROOT, f)));
if (missing.length > 0) throw new Error(`The console build is missing (${missing.join(', ')}): run \`npm run build\` first.`);
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium.`);

const dataDir = args['database-url'] ? null : mkdtempSync(path.join(os.tmpdir(), 'zhida-bench-handoff-browser-'));
const schema = `bench_handoff_browser_${randomBytes(5).toString('hex')}`;
const loadAtStart = os.loadavg();
const loadSamples: number[] = [];
let app: ZhidaApp | null = null;
let enterprise: RunningDemoEnterprise | null = null;
let browser: Browser | null = null;
let agentSocket: Socket | null = null;
let exitCode = 0;

try {
  const env: Record<string, string> = args['database-url']
    ? { DATABASE_URL: args['database-url'], DATABASE_SCHEMA: schema, ZHIDA_SECRET_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn' }
    : { ZHIDA_DATA_DIR: dataDir!, LOG_LEVEL: 'warn' };
  enterprise = await startDemoEnterprise();
  app = await buildApp(loadConfig({ ...env, ...enterprise.env }, REPO_ROOT));
  await seedDemo(app.zhida, app.log);
  // Only the shop's bot is trained (the other demo tenants are not visited): the first visitor must not wait for it.
  log('demo seeded; training the shop bot');
  const shop = await app.zhida.tenants.findBySlug(TENANT);
  if (!shop) throw new Error(`no tenant ${TENANT}`);
  await TenantScope.asTenant(shop.id, () => app!.zhida.brains.ensureTraining({ tenantId: shop.id }));
  app.zhida.handoff.loop.start();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const admin = await staffLogin(base, ADMIN);
  const allDay = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((day) => [day, [['00:00', '24:00']]]));
  await staffCall(base, admin, 'PUT', '/business-calendar', { weeklyHours: allDay, followChinaHolidays: false, closures: [] });

  browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 960 }, locale: 'zh-CN' })).newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await consoleSignIn(page, base);
  await installWatcher(page);
  // The renderer's own CPU time (Performance.getMetrics ProcessTime): what the page costs, apart from waiting for a core.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  // The same agent's socket in this process: when the server's push leaves, independent of the page.
  const agent = await staffLogin(base, AGENT);
  const pushes = new Map<string, { at: number; cpuMs: number }>();
  agentSocket = io(`${base}/agent`, { transports: ['websocket'], extraHeaders: { cookie: agent.cookie } });
  agentSocket.on('handoff.offer', (offer: { conversationId: string }) => {
    if (!pushes.has(offer.conversationId)) pushes.set(offer.conversationId, { at: Date.now(), cpuMs: cpuMs() });
  });
  await new Promise<void>((resolve, reject) => {
    agentSocket!.once('connect', () => resolve());
    agentSocket!.once('connect_error', reject);
  });
  const probe: Probe = { page, cdp, pushes };
  // The page's cost of doing nothing (工作台 open, no offer, no chat): the baseline under the CPU figures below.
  const idleFrom = await rendererCpuMs(cdp);
  const idleStarted = Date.now();
  await sleep(5000);
  const idleCpuPerSecond = ((await rendererCpuMs(cdp)) - idleFrom) / ((Date.now() - idleStarted) / 1000);
  log(`idle renderer: ${idleCpuPerSecond.toFixed(0)} ms CPU per second`);

  // The first visitor after start-up pays for loading the shop's model into memory and every first-time code path;
  // measured and reported apart, not mixed into the steady state the bar is about.
  const warmUp = await oneHandoff(base, probe, agent, 'asked', ['转人工']);
  log(`warm-up: ${warmUp.failure ?? `card+summary ${warmUp.cardWithSummaryAt! - warmUp.sentAt} ms`}`);
  if (args.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const samples: Sample[] = [];
  let lastStart = Date.now();
  for (let i = 0; i < COUNT; i++) {
    const trigger = TRIGGERS[i % TRIGGERS.length]!;
    const texts = trigger.texts[Math.floor(i / TRIGGERS.length) % trigger.texts.length]!;
    const gap = lastStart + MIN_START_GAP_MS - Date.now();
    if (gap > 0) await sleep(gap);
    lastStart = Date.now();
    loadSamples.push(os.loadavg()[0]!);
    const sample = await oneHandoff(base, probe, agent, trigger.kind, texts).catch((err: unknown) => {
      // A visitor's failure is a result; the browser gone is the end of the run.
      if (!browser?.isConnected()) throw err;
      return failedSample(trigger.kind, texts, err);
    });
    samples.push(sample);
    log(
      `${String(i + 1).padStart(2)} ${trigger.kind.padEnd(9)} ${sample.failure ?? `card+summary ${sample.cardWithSummaryAt! - sample.sentAt} ms (push ${sample.pushedAt === null ? '?' : sample.pushedAt - sample.sentAt} ms; CPU server ${sample.serverCpuMs?.toFixed(0)} ms, page ${sample.browserCpuMs?.toFixed(0)} ms), 接入 → context ${sample.contextAt! - sample.clickedAt!} ms`}`,
    );
  }
  if (args.profile) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(args.profile, JSON.stringify(profile));
    console.log(heaviestFunctions(profile, samples.length));
  }
  const text = report(samples, warmUp, idleCpuPerSecond, pageErrors, args['database-url'] ? `PostgreSQL (${await serverVersion()}, fresh schema \`${schema}\`)` : 'PGlite in a fresh data directory (as `npm start` runs by default)');
  writeResults(args.out, text, { noWrite: args['no-write'], log });
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  agentSocket?.disconnect();
  await browser?.close().catch(() => undefined);
  await app?.close().catch(() => undefined);
  await enterprise?.stop().catch(() => undefined);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  else await dropSchema(args['database-url'], schema);
}
process.exit(exitCode);

/** The console page and what measures it. */
interface Probe {
  page: Page;
  cdp: CDPSession;
  /** The bench socket's `handoff.offer` pushes by conversation: when, and this process's CPU time then. */
  pushes: Map<string, { at: number; cpuMs: number }>;
}

/** This process's CPU time so far (user + system, all threads), in ms. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** The parts of a CDP `Profiler.Profile` read here (playwright-core does not export its protocol types). */
interface CpuProfile {
  nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The profile's functions by their own (self) time, heaviest first, per handoff: where the page's work goes. */
function heaviestFunctions(profile: CpuProfile, handoffs: number): string {
  const selfUs = new Map<string, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + (deltas[i + 1] ?? 0));
  });
  // Inclusive time of the console's own functions (its components, named in an unminified build): what each one costs with all it calls.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusiveUs = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame || !/\/assets\/index-/.test(frame.url) || !frame.functionName) continue;
      const key = `${frame.functionName} ${frame.lineNumber + 1}`;
      if (!seen.has(key)) inclusiveUs.set(key, (inclusiveUs.get(key) ?? 0) + (deltas[i + 1] ?? 0));
      seen.add(key);
    }
  });
  const byFile = new Map<string, number>();
  for (const [key, us] of selfUs) {
    const file = key.split(' ').pop()!.split(':')[0] || key.split(' ')[0]!;
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const rows = [...selfUs].sort((a, b) => b[1] - a[1]);
  const busy = rows.filter(([key]) => !key.startsWith('(idle)') && !key.startsWith('(program)')).reduce((sum, [, us]) => sum + us, 0);
  return [
    `profile: ${(busy / 1000 / Math.max(1, handoffs)).toFixed(0)} ms of JavaScript (and GC) per handoff; heaviest self time per handoff:`,
    `by script: ${[...byFile].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([file, us]) => `${file} ${(us / 1000 / Math.max(1, handoffs)).toFixed(0)} ms`).join(', ')}`,
    ...rows.slice(0, 30).map(([key, us]) => `  ${(us / 1000 / Math.max(1, handoffs)).toFixed(1).padStart(7)} ms  ${key}`),
    "the console's own functions by inclusive time per handoff:",
    ...[...inclusiveUs].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([key, us]) => `  ${(us / 1000 / Math.max(1, handoffs)).toFixed(1).padStart(7)} ms  ${key}`),
  ].join('\n');
}

/** The renderer process's CPU time so far, in ms. */
async function rendererCpuMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ProcessTime')?.value ?? NaN) * 1000;
}

async function oneHandoff(base: string, probe: Probe, agent: Staff, kind: string, texts: string[]): Promise<Sample> {
  const { page, pushes } = probe;
  const started = await widgetCall<{ conversationId: string; visitorToken: string }>(base, null, 'POST', '/widget/conversations', { tenant: TENANT, locale: 'zh-CN' });
  const conversationId = started.conversationId;
  const sample: Sample = { kind, text: texts.join(' → '), conversationId, sentAt: 0, respondedAt: 0, pushedAt: null, cardAt: null, cardWithSummaryAt: null, summary: '', clickedAt: null, acceptedAt: null, contextAt: null, failure: null, serverCpuMs: null, browserCpuMs: null, contextServerCpuMs: null, contextBrowserCpuMs: null };
  let handedOff = false;
  let cpuAtSend = 0;
  let rendererAtSend = 0;
  for (const text of texts) {
    rendererAtSend = await rendererCpuMs(probe.cdp);
    cpuAtSend = cpuMs();
    sample.sentAt = Date.now();
    await widgetCall(base, started.visitorToken, 'POST', `/widget/conversations/${conversationId}/messages`, { text, clientMsgId: randomUUID() });
    sample.respondedAt = Date.now();
    sample.text = text;
    const status = await widgetCall<{ state: string }>(base, started.visitorToken, 'GET', `/widget/conversations/${conversationId}/handoff`);
    if (status.state === 'waiting' || status.state === 'connected') {
      handedOff = true;
      break;
    }
    if (status.state === 'unavailable') return { ...sample, failure: `unavailable after “${text}”` };
  }
  if (!handedOff) return { ...sample, failure: `no handoff after ${texts.map((t) => `“${t}”`).join(', ')}` };

  const seen = await page
    .waitForFunction((id) => (globalThis as unknown as { __handoffBench: WatchState }).__handoffBench.cards[id as string]?.withSummaryAt ?? false, conversationId, { timeout: WAIT_MS, polling: 50 })
    .then(() => true)
    .catch(() => false);
  const state = await page.evaluate((id) => (globalThis as unknown as { __handoffBench: WatchState }).__handoffBench.cards[id as string] ?? null, conversationId);
  const push = pushes.get(conversationId);
  sample.pushedAt = push?.at ?? null;
  sample.serverCpuMs = push ? push.cpuMs - cpuAtSend : null;
  if (seen) sample.browserCpuMs = (await rendererCpuMs(probe.cdp)) - rendererAtSend;
  sample.cardAt = state?.at ?? null;
  sample.cardWithSummaryAt = state?.withSummaryAt ?? null;
  sample.summary = state?.summary ?? '';
  if (!seen) {
    await closeQuietly(base, agent, conversationId);
    return { ...sample, failure: state ? 'the offer card never showed a summary' : 'no offer card' };
  }

  // 接入 on the card; the page stamps the click itself, and the watcher the moment the panel is complete.
  await page.evaluate(
    ([id, text]) => {
      (globalThis as unknown as { __handoffBench: WatchState }).__handoffBench.contextFor = { id: id!, text: text!, clickedAt: null, at: null };
    },
    [conversationId, sample.text],
  );
  const rendererAtClick = await rendererCpuMs(probe.cdp);
  const cpuAtClick = cpuMs();
  await page.locator(`[data-testid=handoff-offer][data-conversation-id="${conversationId}"] [data-testid=offer-accept]`).click();
  const complete = await page
    .waitForFunction(() => (globalThis as unknown as { __handoffBench: WatchState }).__handoffBench.contextFor?.at ?? false, undefined, { timeout: WAIT_MS, polling: 50 })
    .then(() => true)
    .catch(() => false);
  if (complete) {
    sample.contextServerCpuMs = cpuMs() - cpuAtClick;
    sample.contextBrowserCpuMs = (await rendererCpuMs(probe.cdp)) - rendererAtClick;
  }
  const context = await page.evaluate(() => (globalThis as unknown as { __handoffBench: WatchState }).__handoffBench.contextFor);
  sample.clickedAt = context?.clickedAt ?? null;
  sample.contextAt = context?.at ?? null;
  sample.acceptedAt = await page.evaluate(`(() => {
    const entry = performance.getEntriesByType('resource').filter((e) => e.name.includes('/handoff/requests/') && e.name.endsWith('/accept')).at(-1);
    performance.clearResourceTimings();
    return entry ? Math.round(performance.timeOrigin + entry.responseEnd) : null;
  })()`);
  await staffCall(base, agent, 'POST', `/conversations/${conversationId}/close`, { disposition: 'resolved' });
  // The chat leaves the workspace before the next visitor, so the agent is never near capacity.
  await page.locator(`[data-testid=handoff-offer][data-conversation-id="${conversationId}"]`).waitFor({ state: 'detached', timeout: WAIT_MS }).catch(() => undefined);
  if (!complete) return { ...sample, failure: sample.clickedAt === null ? 'the 接入 click was not seen' : 'the context panel never completed' };
  return sample;
}

/** A visitor whose calls failed outright (a refusal, a timeout): kept, and counted against the bar. */
function failedSample(kind: string, texts: string[], err: unknown): Sample {
  const failure = err instanceof Error ? err.message.slice(0, 200) : String(err);
  return { kind, text: texts.join(' → '), conversationId: '', sentAt: 0, respondedAt: 0, pushedAt: null, cardAt: null, cardWithSummaryAt: null, summary: '', clickedAt: null, acceptedAt: null, contextAt: null, failure, serverCpuMs: null, browserCpuMs: null, contextServerCpuMs: null, contextBrowserCpuMs: null };
}

/** What the page-side watcher records (all times are the page's `Date.now()`). */
interface WatchState {
  cards: Record<string, { at: number; withSummaryAt: number | null; summary: string }>;
  contextFor: { id: string; text: string; clickedAt: number | null; at: number | null } | null;
}

/**
 * A MutationObserver on the whole console: the first moment each offer card is in the DOM, and the first
 * moment it holds the summary; after a 接入 click, the first moment the context panel shows the summary,
 * the bot's understanding and the visitor's words in the transcript. Checked on every mutation batch, so a
 * state is stamped in the same task that rendered it, not when a poll happens to look.
 */
async function installWatcher(page: Page): Promise<void> {
  // A string, as this project's TS has no DOM lib; it runs in the page.
  await page.evaluate(`(() => {
    const state = { cards: {}, contextFor: null };
    window.__handoffBench = state;
    const visible = (el) => el !== null && el.offsetParent !== null;
    const check = () => {
      const now = Date.now();
      for (const card of document.querySelectorAll('[data-testid=handoff-offer]')) {
        const id = card.getAttribute('data-conversation-id');
        if (!id) continue;
        const entry = state.cards[id] || (state.cards[id] = { at: now, withSummaryAt: null, summary: '' });
        const summary = card.querySelector('.offer-card__summary');
        const text = summary ? summary.textContent.trim() : '';
        if (entry.withSummaryAt === null && text.length > 0 && visible(summary)) {
          entry.withSummaryAt = now;
          entry.summary = text;
        }
      }
      const ctx = state.contextFor;
      if (ctx && ctx.clickedAt !== null && ctx.at === null && location.hash.includes(ctx.id)) {
        const summary = document.querySelector('[data-testid=handoff-summary]');
        const understanding = document.querySelector('[data-testid=context-understanding]');
        const transcript = document.querySelector('[data-testid=workspace-transcript]');
        const summaryText = summary ? summary.textContent.trim() : '';
        if (visible(summary) && summaryText.length > 1 && visible(understanding) && transcript && transcript.textContent.includes(ctx.text)) ctx.at = now;
      }
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    document.addEventListener('click', (event) => {
      const ctx = state.contextFor;
      const button = event.target instanceof Element ? event.target.closest('[data-testid=offer-accept]') : null;
      const card = button ? button.closest('[data-testid=handoff-offer]') : null;
      if (ctx && card && card.getAttribute('data-conversation-id') === ctx.id && ctx.clickedAt === null) ctx.clickedAt = Date.now();
    }, true);
  })()`);
}

function report(samples: Sample[], warmUp: Sample, idleCpuPerSecond: number, pageErrors: string[], backend: string): string {
  const ok = samples.filter((s) => s.failure === null);
  const series = (f: (s: Sample) => number | null) => ok.map(f).filter((v): v is number => v !== null).sort((a, b) => a - b);
  const card = series((s) => s.cardWithSummaryAt! - s.sentAt);
  const push = series((s) => (s.pushedAt === null ? null : s.pushedAt - s.sentAt));
  const turn = series((s) => s.respondedAt - s.sentAt);
  const render = series((s) => (s.pushedAt === null ? null : s.cardWithSummaryAt! - s.pushedAt));
  const serverCpu = series((s) => s.serverCpuMs);
  const browserCpu = series((s) => s.browserCpuMs);
  const contextServerCpu = series((s) => s.contextServerCpuMs);
  const contextBrowserCpu = series((s) => s.contextBrowserCpuMs);
  const context = series((s) => s.contextAt! - s.clickedAt!);
  const acceptCall = series((s) => (s.acceptedAt === null ? null : s.acceptedAt - s.clickedAt!));
  const afterAccept = series((s) => (s.acceptedAt === null ? null : s.contextAt! - s.acceptedAt));
  const withoutSummaryFirst = ok.filter((s) => s.cardAt !== null && s.cardWithSummaryAt !== null && s.cardWithSummaryAt > s.cardAt).length;
  const row = (name: string, xs: number[], bar: string) =>
    `| ${name} | ${xs.length} | ${quantile(xs, 0.5).toFixed(0)} | ${quantile(xs, 0.95).toFixed(0)} | ${quantile(xs, 0.99).toFixed(0)} | ${xs.at(-1)?.toFixed(0) ?? '—'} | ${bar} |`;
  const met = quantile(card, 0.95) <= BAR_P95_MS && ok.length === samples.length;
  const loadAtEnd = os.loadavg();
  const byKind = TRIGGERS.map((t) => {
    const xs = series((s) => (s.kind === t.kind ? s.cardWithSummaryAt! - s.sentAt : null));
    return `${t.kind} ${xs.length}: p50 ${quantile(xs, 0.5).toFixed(0)} ms, max ${xs.at(-1)?.toFixed(0) ?? '—'} ms`;
  });
  const failures = samples.filter((s) => s.failure !== null);
  return [
    '# Handoff in the browser (issue #14): the visitor\'s message → the agent\'s screen shows the summary',
    '',
    `Generated by \`npm run bench:handoff-browser${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    '',
    `- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}. Load average (1/5/15 min) at start ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')}, at end ${loadAtEnd.map((l) => l.toFixed(2)).join(' / ')}; the 1-min load while measuring: median ${quantile([...loadSamples].sort((a, b) => a - b), 0.5).toFixed(2)}, max ${Math.max(...loadSamples).toFixed(2)} — the machine is shared with other engineers' builds and tests, and every time below includes waiting for a core.`,
    `- One app node in this process (\`buildApp\` + \`seedDemo\`, the built console), ${backend}; tenant \`${TENANT}\`, its desk open around the clock; agent1 (李娜, takes every chat, 5 at most) signed in to the console's 工作台 in Chromium ${browser?.version() ?? ''} (headless, playwright-core) and 在线.`,
    `- ${samples.length} visitors, one after another (≥ ${MIN_START_GAP_MS / 1000} s apart: the widget's per-address start limit): each starts a conversation with the widget's HTTP API and writes a handoff trigger, in turn ${TRIGGERS.map((t) => `${t.kind} (${t.texts.map((x) => `“${x[0]}”`).join(' / ')})`).join(', ')}; the angry ones add “转人工” when anger alone did not hand off, and the clock then starts at that message. The agent clicks 接入 on each card once it shows the summary, and the chat is closed through the staff API before the next visitor.`,
    '- One clock: Node\'s `Date.now()` just before the visitor\'s request; the page\'s `Date.now()` (same machine) in a MutationObserver on the console, stamped in the mutation batch that completed the state; the 接入 click stamped by a capturing click listener in the page. A socket of the same agent held by the bench process stamps the server\'s `handoff.offer` push.',
    '',
    '## Results',
    '',
    '| from → to (ms) | n | p50 | p95 | p99 | max | bar |',
    '|---|---|---|---|---|---|---|',
    row('**visitor\'s message sent → offer card on the agent\'s screen with the bot\'s summary**', card, `p95 ≤ ${BAR_P95_MS} ms: ${met ? '**met**' : '**not met**'}`),
    row('— of which: message sent → the bot\'s turn answered (HTTP response to the visitor)', turn, '—'),
    row('— of which: message sent → the server\'s `handoff.offer` push received (bench socket)', push, '—'),
    row('— of which: push received → card with summary rendered in the page', render, '—'),
    row('接入 click → context panel complete (summary, the bot\'s understanding, the visitor\'s words in the transcript)', context, '—'),
    row('— of which: click → the accept request answered', acceptCall, '—'),
    row('— of which: accept answered → panel rendered (context prefetched while the card was up)', afterAccept, '—'),
    '',
    'CPU time spent, whatever the waiting for a core (ms): what the same steps cost on an idle machine, roughly.',
    '',
    '| CPU time (ms) | n | p50 | p95 | p99 | max | |',
    '|---|---|---|---|---|---|---|',
    row('server process (the app with the bot\'s turn, the handoff, the push; the bench\'s own clients too), message sent → push', serverCpu, '—'),
    row('console renderer process, message sent → card with summary', browserCpu, '—'),
    row('server process, 接入 click → context panel complete', contextServerCpu, '—'),
    row('console renderer process, 接入 click → context panel complete', contextBrowserCpu, '—'),
    '',
    `The console's renderer with 工作台 open and nothing arriving (5 s before the first visitor): ${idleCpuPerSecond.toFixed(0)} ms of CPU per second.`,
    '',
    `Not in the table: the first visitor after start-up (warm-up, “转人工”): ${warmUp.failure ?? `card with summary after ${warmUp.cardWithSummaryAt! - warmUp.sentAt} ms (push ${warmUp.pushedAt === null ? '?' : warmUp.pushedAt - warmUp.sentAt} ms), 接入 → context ${warmUp.contextAt! - warmUp.clickedAt!} ms`} — the first message after start-up also pays for first-time work (the shop's model is built in memory on its first use, code paths run for the first time).`,
    '',
    `By trigger: ${byKind.join('; ')}. Cards that appeared before their summary: ${withoutSummaryFirst} of ${ok.length} (the summary travels in the offer itself).`,
    failures.length ? `\nFailed (counted against the bar): ${failures.length} — ${failures.slice(0, 8).map((f) => `${f.kind} “${f.text}”: ${f.failure}`).join('; ')}.` : '\nEvery visitor was handed off, and every card showed a summary.',
    pageErrors.length ? `\nThe console reported ${pageErrors.length} page errors, e.g. ${pageErrors[0]}.` : '',
    '',
    `Examples of the summary on the card: ${[...new Set(ok.map((s) => s.summary))].slice(0, 3).map((s) => `“${s}”`).join('; ')}.`,
    '',
  ].join('\n');
}

interface Staff {
  cookie: string;
  csrf: string;
}

async function staffLogin(base: string, email: string): Promise<Staff> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: TENANT, email, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
}

async function staffCall<T>(base: string, who: Staff, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/api/v1${url}`, {
    method,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function widgetCall<T>(base: string, token: string | null, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/api/v1${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`widget ${method} ${url} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function closeQuietly(base: string, agent: Staff, conversationId: string): Promise<void> {
  await staffCall(base, agent, 'POST', `/conversations/${conversationId}/close`, { disposition: 'spam' }).catch(() => undefined);
}

async function consoleSignIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/console/`);
  await page.locator('[data-testid=login-tenant]').fill(TENANT);
  await page.locator('[data-testid=login-email]').fill(AGENT);
  await page.locator('[data-testid=login-password]').fill(PASSWORD);
  await page.locator('[data-testid=login-submit]').click();
  await page.locator('[data-testid=realtime-status][data-connected=true]').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid=nav-workspace]').click();
  const presence = page.locator('[data-testid=presence-switch]');
  await presence.click();
  await page.locator('.ant-select-dropdown:visible [data-testid=presence-online]').click();
  await page.locator('[data-testid=presence-switch][data-presence=online]').waitFor({ timeout: 15_000 });
}

async function serverVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: args['database-url'] });
  await client.connect();
  const { rows } = await client.query<{ v: string }>(`select current_setting('server_version') as v`);
  await client.end();
  return `PostgreSQL ${rows[0]?.v ?? '?'}`;
}


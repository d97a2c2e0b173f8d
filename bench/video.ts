/**
 * Video remote assistance (#15), measured in Chromium with fake camera and microphone: the visitor's
 * 接听 click → both sides show the other's video (a `<video>` with a size whose time advances).
 * Bar: p95 ≤ 3 s on this machine (the plan's limit is 30 s). Writes results/channels-video.md.
 *
 *   npm run bench:video                 # 30 calls
 *   npm run bench:video -- --count 5 --no-write
 *
 * Started like the e2e tests: `buildApp` + `seedDemo` in this process (PGlite, as `npm start`), the
 * built widget and console (`npm run build` first). One Chromium, two contexts: the shopper on
 * /demo/demo-ecommerce and agent1 (李娜) in the console's 工作台 holding the chat. Each round the agent
 * presses 视频协助, the widget rings, the clock starts just before the 接听 click (Node's Date.now(),
 * the same machine's clock as the pages) and stops when both remote videos play; then the agent hangs
 * up and the next round waits for both sides to be idle. No STUN/TURN: host candidates on loopback.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { loadConfig } from '../packages/server/src/config/config.js';
import { buildApp } from '../packages/server/src/app/build-app.js';
import { seedDemo } from '../packages/server/src/index.js';
import { quantile } from './handoff/handoff-metrics.js';
import { writeResults } from './report/write-results.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(here, '..');
const CHROMIUM = '/usr/bin/chromium';
const FAKE_MEDIA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--auto-select-desktop-capture-source=Entire screen', '--autoplay-policy=no-user-gesture-required'];
const { values: args } = parseArgs({ options: { count: { type: 'string', default: '30' }, 'no-write': { type: 'boolean', default: false } } });
const count = Number(args.count);
const log = (line: string) => console.log(`[bench:video] ${line}`);

/** Resolves once the video has a size and its time moved on (frames arrive), polled every 20 ms in the page. */
function playing(page: Page, selector: string, timeoutMs: number): Promise<unknown> {
  return page.waitForFunction(
    (sel) => {
      // The widget's call overlay lives in an open shadow root of its own.
      type VideoLike = { videoWidth: number; currentTime: number };
      type Root = { querySelector(s: string): VideoLike | null };
      // Typed structurally: the bench compiles without the DOM library.
      const doc = (globalThis as unknown as { document: Root & { querySelectorAll(s: string): ArrayLike<{ shadowRoot: Root | null }> } }).document;
      const v = doc.querySelector(sel) ?? Array.from(doc.querySelectorAll('div')).map((d) => d.shadowRoot?.querySelector(sel)).find(Boolean);
      return !!v && v.videoWidth > 0 && v.currentTime > 0;
    },
    selector,
    { polling: 20, timeout: timeoutMs },
  );
}

async function staffLogin(base: string, email: string): Promise<{ headers: Record<string, string>; userId: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'demo-ecommerce', email, password: 'zhida-demo' }) });
  const body = (await res.json()) as { csrfToken: string; user: { id: string } };
  return { headers: { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] as string, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' }, userId: body.user.id };
}

const missing = ['apps/widget/dist/widget.js', 'apps/console/dist/index.html'].filter((f) => !existsSync(path.join(REPO_ROOT, f)));
if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: run \`npm run build\` first`);
const loadAtStart = os.loadavg();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhida-bench-video-'));
const app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, REPO_ROOT));
await seedDemo(app.zhida, app.log);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...FAKE_MEDIA_ARGS] });
const samples: number[] = [];
const loadSamples: number[] = [];
try {
  const visitor = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })).newPage();
  const agent = await (await browser.newContext({ viewport: { width: 1600, height: 950 }, locale: 'zh-CN' })).newPage();
  // A click alone has taken over 30 s (Playwright's default) at a load of 40 on two cores.
  for (const page of [visitor, agent]) page.setDefaultTimeout(180_000);
  await visitor.goto(`${base}/demo/demo-ecommerce`);
  await visitor.locator('[data-testid=zhida-launcher]').click();
  await visitor.locator('[data-testid=zhida-input]').fill('能视频帮我看看路由器吗');
  await visitor.locator('[data-testid=zhida-send]').click();
  await visitor.locator('[data-testid=zhida-message][data-sender=bot]').first().waitFor({ timeout: 60_000 });
  const admin = await staffLogin(base, 'admin@demo.zhida.cn');
  const lina = await staffLogin(base, 'agent1@demo.zhida.cn');
  const list = (await (await fetch(`${base}/api/v1/conversations?status=open&limit=1`, { headers: admin.headers })).json()) as { items: { id: string }[] };
  const conversationId = list.items[0]?.id ?? '';
  await fetch(`${base}/api/v1/conversations/${conversationId}`, { method: 'PATCH', headers: admin.headers, body: JSON.stringify({ assigneeId: lina.userId }) });
  await agent.goto(`${base}/console/#/workspace/${conversationId}`);
  await agent.locator('[data-testid=login-tenant]').fill('demo-ecommerce');
  await agent.locator('[data-testid=login-email]').fill('agent1@demo.zhida.cn');
  await agent.locator('[data-testid=login-password]').fill('zhida-demo');
  await agent.locator('[data-testid=login-submit]').click();
  const callButton = agent.locator('[data-testid=chat-video-call]');
  for (let i = 0; i < count; i++) {
    await callButton.and(agent.locator(':enabled')).waitFor({ timeout: 60_000 });
    await callButton.click();
    await visitor.locator('.zd-call-accept').waitFor({ timeout: 60_000 });
    const started = Date.now();
    await visitor.locator('.zd-call-accept').click();
    await Promise.all([playing(visitor, '.zd-call-remote', 60_000), playing(agent, '[data-testid=call-remote-video]', 60_000)]);
    const ms = Date.now() - started;
    samples.push(ms);
    loadSamples.push(os.loadavg()[0]!);
    log(`call ${i + 1}/${count}: ${ms} ms (load ${os.loadavg()[0]!.toFixed(1)})`);
    await agent.locator('[data-testid=call-hangup]').click();
    await agent.locator('[data-testid=call-panel][data-phase=ended]').waitFor({ timeout: 60_000 });
    await visitor.locator('.zd-call-remote').waitFor({ state: 'detached', timeout: 60_000 });
  }
} finally {
  await browser.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}

const sorted = [...samples].sort((a, b) => a - b);
const p = (q: number) => quantile(sorted, q);
const loadAtEnd = os.loadavg();
const meanLoad = loadSamples.reduce((a, b) => a + b, 0) / Math.max(1, loadSamples.length);
const p95 = p(0.95);
const text = `# Video remote assistance: accept → both sides show remote video (Chromium, fake devices)

- Date: ${new Date().toISOString()}
- Command: \`nice -n -15 npm run bench:video\` (bench/video.ts), ${count} calls in one Chromium (${CHROMIUM}), two contexts, fake camera/microphone; PGlite; no STUN/TURN (host candidates on loopback)
- Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), shared with 7 other engineers' builds and tests
- Load average (1/5/15 min): at start ${loadAtStart.map((l) => l.toFixed(1)).join(' / ')}, at end ${loadAtEnd.map((l) => l.toFixed(1)).join(' / ')}; mean 1-min load during the calls ${meanLoad.toFixed(1)}
- Measured: from just before the visitor's 接听 click to both \`<video>\` elements (widget and console) having a size and advancing time; it includes getUserMedia, the accept request, the call.state push, offer/answer/ICE over Socket.IO and the first decoded frames.

| calls | min | p50 | p95 | p99 | max | bar (p95 ≤ 3 s) |
|---:|---:|---:|---:|---:|---:|:---|
| ${samples.length} | ${sorted[0] ?? NaN} ms | ${p(0.5)} ms | ${p95} ms | ${p(0.99)} ms | ${sorted.at(-1) ?? NaN} ms | ${p95 <= 3000 ? 'met' : 'NOT met'} |

Every sample (ms, in order): ${samples.join(', ')}
`;
writeResults('channels-video.md', text, { noWrite: args['no-write'] ?? false, log });
process.exit(0);

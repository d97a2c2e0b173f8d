import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, seedDemo, type ZhidaApp } from '../packages/server/src/index.js';
import { iceServersFor } from '../packages/server/src/calls/turn-credentials.js';
import { copySeededDemo } from './copy-seeded-demo.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
/** The part of a <video> element read in the page (the tests compile without the DOM library). */
type VideoLike = { videoWidth: number; videoHeight: number; currentTime: number };
/** The part of RTCPeerConnection the TURN probe uses, likewise. */
type PeerLike = { createDataChannel(label: string): unknown; addEventListener(type: 'icecandidate', listener: (e: { candidate: { candidate: string } | null }) => void): void; createOffer(): Promise<unknown>; setLocalDescription(d: unknown): Promise<void>; close(): void };
/** Fake camera and microphone, permission prompts answered yes, and a screen picked for getDisplayMedia. */
export const FAKE_MEDIA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--auto-select-desktop-capture-source=Entire screen', '--autoplay-policy=no-user-gesture-required'];

/** Whether the page's video (CSS selector, open shadow roots pierced) shows frames: a size, and time that moves on. */
async function showsVideo(page: Page, selector: string): Promise<boolean> {
  const video = page.locator(selector);
  const first = await video.evaluate((el) => ((v: VideoLike) => ({ w: v.videoWidth, t: v.currentTime }))(el as unknown as VideoLike));
  if (first.w === 0) return false;
  await page.waitForTimeout(300);
  const later = await video.evaluate((el) => ((v: VideoLike) => v.currentTime)(el as unknown as VideoLike));
  return later > first.t;
}

async function staffLogin(base: string, email: string): Promise<{ headers: Record<string, string>; userId: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'demo-ecommerce', email, password: 'zhida-demo' }) });
  const body = (await res.json()) as { csrfToken: string; user: { id: string } };
  return { headers: { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] as string, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' }, userId: body.user.id };
}

describe('video remote assistance in Chromium with fake devices: call → accept → video both ways → screen share → hang up', () => {
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let visitor: Page;
  let agent: Page;
  let conversationId = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-video-'));
  const problems: string[] = [];

  beforeAll(async () => {
    const missing = ['apps/widget/dist/widget.js', 'apps/console/dist/index.html'].filter((f) => !existsSync(join(REPO_ROOT, f)));
    if (missing.length > 0) throw new Error(`Front-end build output is missing (${missing.join(', ')}): run \`npm run build\` first (npm test does).`);
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
    mkdirSync(SHOTS, { recursive: true });
    await copySeededDemo(dataDir);
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, REPO_ROOT));
    await seedDemo(app.zhida, app.log);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...FAKE_MEDIA_ARGS] });
    // One browser, two contexts: the shopper and the agent.
    visitor = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })).newPage();
    agent = await (await browser.newContext({ viewport: { width: 1600, height: 950 }, locale: 'zh-CN', permissions: ['camera', 'microphone'] })).newPage();
    for (const [name, page] of [['widget', visitor], ['console', agent]] as const) {
      page.on('pageerror', (err) => problems.push(`${name} pageerror: ${err.message}`));
      // A click alone has taken over 30 s (Playwright's default) at a load of 40 on two cores.
      page.setDefaultTimeout(120_000);
    }
    // Seeding the demo takes minutes when eight engineers share two cores.
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (problems.length > 0) console.log(`[e2e] browser reports:\n${problems.join('\n')}`);
  });

  // Each step may take minutes on a 2-core machine shared by eight engineers (a click alone has taken seconds).
  const STEP_MS = 180_000;

  it('the agent who holds the chat calls, and the shopper’s widget rings', async () => {
    await visitor.goto(`${base}/demo/demo-ecommerce`);
    await visitor.locator('[data-testid=zhida-launcher]').click();
    await visitor.locator('[data-testid=zhida-input]').fill('打印机连不上网络，能视频帮我看看吗');
    await visitor.locator('[data-testid=zhida-send]').click();
    await visitor.locator('[data-testid=zhida-message][data-sender=bot]').first().waitFor({ timeout: 20_000 });
    // The chat is given to 李娜 (agent1) through the staff API, as a handoff would.
    const admin = await staffLogin(base, 'admin@demo.zhida.cn');
    const lina = await staffLogin(base, 'agent1@demo.zhida.cn');
    const list = (await (await fetch(`${base}/api/v1/conversations?status=open&limit=1`, { headers: admin.headers })).json()) as { items: { id: string }[] };
    conversationId = list.items[0]?.id ?? '';
    const assigned = await fetch(`${base}/api/v1/conversations/${conversationId}`, { method: 'PATCH', headers: admin.headers, body: JSON.stringify({ assigneeId: lina.userId }) });
    expect(assigned.status).toBe(200);

    await agent.goto(`${base}/console/#/workspace/${conversationId}`);
    await agent.locator('[data-testid=login-tenant]').fill('demo-ecommerce');
    await agent.locator('[data-testid=login-email]').fill('agent1@demo.zhida.cn');
    await agent.locator('[data-testid=login-password]').fill('zhida-demo');
    await agent.locator('[data-testid=login-submit]').click();
    const call = agent.locator('[data-testid=chat-video-call]');
    await expect.poll(() => call.isEnabled(), { timeout: 20_000 }).toBe(true);
    await call.click();
    await agent.locator('[data-testid=call-panel][data-phase=ringing]').waitFor({ timeout: 10_000 });
    await visitor.locator('.zd-call-accept').waitFor({ timeout: 10_000 });
    expect(await visitor.locator('.zd-call-title').innerText()).toBe('客服邀请您进行视频通话');
  }, STEP_MS);

  it('the shopper accepts and both sides show the other’s video', async () => {
    await visitor.locator('.zd-call-accept').click();
    await expect.poll(() => showsVideo(visitor, '.zd-call-remote'), { timeout: 15_000, interval: 200 }).toBe(true);
    await expect.poll(() => showsVideo(agent, '[data-testid=call-remote-video]'), { timeout: 15_000, interval: 200 }).toBe(true);
    await agent.locator('[data-testid=call-panel][data-phase=connected]').waitFor();
    await agent.screenshot({ path: join(SHOTS, 'e2e-video-call-agent.png') });
    await visitor.screenshot({ path: join(SHOTS, 'e2e-video-call-visitor.png') });
  }, STEP_MS);

  it('the shopper shares the screen and the agent sees it', async () => {
    const before = await agent.locator('[data-testid=call-remote-video]').evaluate((el) => ((v: VideoLike) => `${v.videoWidth}x${v.videoHeight}`)(el as unknown as VideoLike));
    await visitor.locator('.zd-call-share').click();
    await visitor.locator('.zd-call-share', { hasText: '停止共享' }).or(visitor.locator('.zd-call-notice')).first().waitFor({ timeout: 30_000 });
    expect(await visitor.locator('.zd-call-notice').count(), 'the widget could not share the screen').toBe(0);
    await agent.getByText('访客正在共享屏幕').waitFor({ timeout: 30_000 });
    // The screen replaced the camera on the same track: its picture keeps coming, now at the screen's size.
    await expect.poll(async () => agent.locator('[data-testid=call-remote-video]').evaluate((el) => ((v: VideoLike) => `${v.videoWidth}x${v.videoHeight}`)(el as unknown as VideoLike)), { timeout: 10_000 }).not.toBe(before);
    expect(await showsVideo(agent, '[data-testid=call-remote-video]')).toBe(true);
    await agent.screenshot({ path: join(SHOTS, 'e2e-video-call-share.png') });
  }, STEP_MS);

  it('the agent hangs up; both sides end and the transcript shows the call', async () => {
    await agent.locator('[data-testid=call-hangup]').click();
    await agent.locator('[data-testid=call-panel][data-phase=ended]').waitFor({ timeout: 10_000 });
    await visitor.getByText(/通话已结束/).first().waitFor({ timeout: 10_000 });
    await agent.locator('[data-testid=message]', { hasText: '视频通话已接通' }).waitFor({ timeout: 10_000 });
    await agent.locator('[data-testid=message]', { hasText: /视频通话已结束，时长 \d+秒/ }).waitFor({ timeout: 10_000 });
    await visitor.locator('[data-testid=zhida-message]', { hasText: /视频通话已结束/ }).waitFor({ timeout: 10_000 });
    const calls = (await (await fetch(`${base}/api/v1/conversations/${conversationId}/calls`, { headers: (await staffLogin(base, 'admin@demo.zhida.cn')).headers })).json()) as { items: { state: string; endedBy: string }[] };
    expect(calls.items).toMatchObject([{ state: 'ended', endedBy: 'agent' }]);
  }, STEP_MS);
});

describe('a call’s TURN credential works with coturn (use-auth-secret): Chromium gets a relayed candidate', () => {
  const TURN_BIN = '/usr/bin/turnserver';
  const SECRET = 'zhida-e2e-turn-secret-0123456789';
  const PORT = 34_000 + Math.floor(Math.random() * 700);
  let turn: ChildProcess | null = null;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(TURN_BIN)) throw new Error(`${TURN_BIN} is missing: apt-get install -y coturn`);
    // The configuration README.md documents, on loopback: shared secret, no TLS, relays on 127.0.0.1.
    turn = spawn(TURN_BIN, ['--use-auth-secret', `--static-auth-secret=${SECRET}`, '--realm=zhida.test', '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1', `--listening-port=${PORT}`, `--min-port=${PORT + 1000}`, `--max-port=${PORT + 1100}`, '--no-tls', '--no-dtls', '--allow-loopback-peers', '--no-cli', '--log-file=stdout', '--simple-log'], { stdio: 'ignore' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    turn?.kill('SIGTERM');
  });

  /** The candidate types Chromium gathers with relay-only ICE through this TURN server and credential. */
  async function relayCandidates(server: { urls: string[]; username?: string; credential?: string }): Promise<string[]> {
    const page = await browser.newPage();
    try {
      return await page.evaluate(async (iceServer) => {
        const Peer = (globalThis as unknown as { RTCPeerConnection: new (config: object) => PeerLike }).RTCPeerConnection;
        const pc = new Peer({ iceServers: [iceServer], iceTransportPolicy: 'relay' });
        pc.createDataChannel('probe');
        const found: string[] = [];
        const done = new Promise<void>((resolve) => {
          pc.addEventListener('icecandidate', (e) => (e.candidate ? found.push(e.candidate.candidate) : resolve()));
          setTimeout(resolve, 10_000);
        });
        await pc.setLocalDescription(await pc.createOffer());
        await done;
        pc.close();
        return found;
      }, server);
    } finally {
      await page.close();
    }
  }

  it('relays with the credential the server hands out, and not with a forged one', async () => {
    const [server] = iceServersFor({ stunUrls: [], turnUrls: [`turn:127.0.0.1:${PORT}?transport=udp`], turnSecret: SECRET, turnTtlSeconds: 600 }, '3f1d2c4b-0000-4000-8000-000000000001', new Date());
    expect(server?.username).toMatch(/^\d+:3f1d2c4b/);
    // coturn may take a moment to bind: the first probe retries until it answers or the test times out.
    await expect.poll(async () => (await relayCandidates(server!)).some((c) => c.includes('typ relay')), { timeout: 60_000, interval: 1000 }).toBe(true);
    const forged = await relayCandidates({ ...server!, credential: Buffer.from('not the hmac').toString('base64') });
    expect(forged.some((c) => c.includes('typ relay'))).toBe(false);
  }, 180_000);
});

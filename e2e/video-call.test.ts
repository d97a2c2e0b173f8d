import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iceServersFor } from '../packages/server/src/calls/turn-credentials.js';
import { callsOf, CHROMIUM, chatHeldByAgent1, FAKE_MEDIA_ARGS, HEADLESS_ARGS, openChatAsAgent1, SHOTS, showsVideo, startZhida, type VideoLike } from './video-call-harness.js';
import { copySeededDemo } from './copy-seeded-demo.js';

/** The part of RTCPeerConnection the TURN probe uses (the tests compile without the DOM library). */
type PeerLike = { createDataChannel(label: string): unknown; addEventListener(type: 'icecandidate', listener: (e: { candidate: { candidate: string } | null }) => void): void; createOffer(): Promise<unknown>; setLocalDescription(d: unknown): Promise<void>; close(): void };

describe('video remote assistance in Chromium with fake devices: call → accept → video both ways → screen share → hang up', () => {
  let zhida: Awaited<ReturnType<typeof startZhida>>;
  let base: string;
  let browser: Browser;
  let visitor: Page;
  let agent: Page;
  let conversationId = '';
  const problems: string[] = [];

  beforeAll(async () => {
    zhida = await startZhida({}, copySeededDemo);
    base = zhida.base;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...HEADLESS_ARGS, ...FAKE_MEDIA_ARGS] });
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
    await zhida?.close();
    if (problems.length > 0) console.log(`[e2e] browser reports:\n${problems.join('\n')}`);
  });

  // Each step may take minutes on a 2-core machine shared by eight engineers (a click alone has taken seconds).
  const STEP_MS = 180_000;

  it('the agent who holds the chat calls, and the shopper’s widget rings', async () => {
    conversationId = await chatHeldByAgent1(base, visitor, '打印机连不上网络，能视频帮我看看吗');
    await openChatAsAgent1(base, agent, conversationId);
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
    expect(await callsOf(base, conversationId)).toMatchObject([{ state: 'ended', endedBy: 'agent' }]);
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
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
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

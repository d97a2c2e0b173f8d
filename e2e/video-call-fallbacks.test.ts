import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callsOf, CHROMIUM, chatHeldByAgent1, HEADLESS_ARGS, openChatAsAgent1, SHOTS, startZhida } from './video-call-harness.js';
import { copySeededDemo } from './copy-seeded-demo.js';

/*
 * #15's fallbacks, in Chromium: "Denied permissions, no camera, a dropped network: a clear message
 * and an audio-only or text fallback". Chromium runs WITHOUT --use-fake-ui-for-media-stream, so a
 * permission is what the browser context grants and nothing else (an ungranted one is refused);
 * the devices are Chromium's fake camera and microphone.
 */
const TURN_BIN = '/usr/bin/turnserver';
const TURN_SECRET = 'zhida-e2e-turn-secret-fallbacks-0123';
const TURN_PORT = 35_000 + Math.floor(Math.random() * 700);

/**
 * Keeps every RTCPeerConnection the page makes (for getStats), and forces relay-only ICE while
 * `__zdRelayOnly` is set, so the call's media runs through the test's coturn and stopping that
 * process drops the network under both parties at once. A string: the tests compile without the DOM library.
 */
const PEER_SPY = `(() => {
  const Native = globalThis.RTCPeerConnection;
  const peers = [];
  globalThis.__zdPeers = peers;
  globalThis.RTCPeerConnection = class extends Native {
    constructor(config = {}) {
      super(globalThis.__zdRelayOnly ? { ...config, iceTransportPolicy: 'relay' } : config);
      peers.push(this);
    }
  };
})();`;

/** A computer without a camera: every request that includes video fails as Chromium fails it then. */
const NO_CAMERA = `(() => {
  const devices = navigator.mediaDevices;
  const getUserMedia = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (constraints) =>
    constraints && constraints.video ? Promise.reject(new DOMException('Requested device not found', 'NotFoundError')) : getUserMedia(constraints);
})();`;

/** Bytes the page's newest peer connection received, by kind (inbound RTP). */
const RECEIVED_BYTES = `(async () => {
  const pc = globalThis.__zdPeers.at(-1);
  const bytes = { audio: 0, video: 0 };
  if (!pc) return bytes;
  (await pc.getStats()).forEach((r) => { if (r.type === 'inbound-rtp') bytes[r.kind] += r.bytesReceived; });
  return bytes;
})()`;

describe('video call fallbacks in Chromium: denied permissions, no camera, a dropped network', () => {
  let zhida: Awaited<ReturnType<typeof startZhida>>;
  let base: string;
  let browser: Browser;
  let agent: Page;
  let turn: ChildProcess | null = null;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(TURN_BIN)) throw new Error(`${TURN_BIN} is missing: apt-get install -y coturn`);
    // README.md's coturn configuration, on loopback (as in video-call.test.ts).
    turn = spawn(TURN_BIN, ['--use-auth-secret', `--static-auth-secret=${TURN_SECRET}`, '--realm=zhida.test', '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1', `--listening-port=${TURN_PORT}`, `--min-port=${TURN_PORT + 1000}`, `--max-port=${TURN_PORT + 1100}`, '--no-tls', '--no-dtls', '--allow-loopback-peers', '--no-cli', '--log-file=stdout', '--simple-log'], { stdio: 'ignore' });
    zhida = await startZhida({ ZHIDA_TURN_URLS: `turn:127.0.0.1:${TURN_PORT}?transport=udp`, ZHIDA_TURN_SECRET: TURN_SECRET }, copySeededDemo);
    base = zhida.base;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...HEADLESS_ARGS, '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'] });
    agent = await page('console', ['camera', 'microphone']);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await zhida?.close();
    turn?.kill('SIGKILL');
    if (problems.length > 0) console.log(`[e2e] browser reports:\n${problems.join('\n')}`);
  });

  async function page(name: string, permissions: string[], ...scripts: string[]): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', permissions });
    contexts.push(context);
    for (const script of [PEER_SPY, ...scripts]) await context.addInitScript(script);
    const p = await context.newPage();
    p.on('pageerror', (err) => problems.push(`${name} pageerror: ${err.message}`));
    // A click alone has taken over 30 s (Playwright's default) at a load of 40 on two cores.
    p.setDefaultTimeout(120_000);
    return p;
  }

  /** A new shopper chats, agent1 gets the chat and presses 视频协助, and the widget rings. */
  async function ringing(visitor: Page, text: string): Promise<string> {
    const conversationId = await chatHeldByAgent1(base, visitor, text);
    await openChatAsAgent1(base, agent, conversationId);
    const call = agent.locator('[data-testid=chat-video-call]');
    await expect.poll(() => call.isEnabled(), { timeout: 60_000 }).toBe(true);
    await call.click();
    await visitor.locator('.zd-call-accept').waitFor({ timeout: 60_000 });
    return conversationId;
  }

  /** The chat after the call: the shopper's text reaches the agent, and the agent's answer the shopper. */
  async function textStillWorks(visitor: Page, question: string, answer: string): Promise<void> {
    await visitor.locator('[data-testid=zhida-input]').fill(question);
    await visitor.locator('[data-testid=zhida-send]').click();
    await agent.locator('[data-testid=message][data-sender=visitor]', { hasText: question }).waitFor({ timeout: 60_000 });
    await agent.locator('[data-testid=reply-input]').fill(answer);
    await agent.locator('[data-testid=reply-send]').click();
    await visitor.locator('[data-testid=zhida-message][data-sender=agent]', { hasText: answer }).waitFor({ timeout: 60_000 });
  }

  const STEP_MS = 300_000;

  it('camera and microphone permission denied: a clear message, the call ends with that reason, and the text chat goes on', async () => {
    const visitor = await page('widget (denied)', []);
    const conversationId = await ringing(visitor, '打印机卡纸了，能视频看看吗');
    await visitor.locator('.zd-call-accept').click();
    await visitor.locator('.zd-call-notice', { hasText: '无法使用摄像头和麦克风，通话未接通。您可以继续文字沟通。' }).waitFor({ timeout: 60_000 });
    await visitor.screenshot({ path: join(SHOTS, 'e2e-video-fallback-denied-visitor.png') });
    await agent.locator('[data-testid=call-panel][data-phase=ended]', { hasText: '访客无法使用摄像头和麦克风，通话未接通，可继续文字沟通' }).waitFor({ timeout: 60_000 });
    await agent.screenshot({ path: join(SHOTS, 'e2e-video-fallback-denied-agent.png') });
    expect(await callsOf(base, conversationId)).toMatchObject([{ state: 'ended', endedBy: 'visitor', endReason: 'media_unavailable' }]);
    await visitor.locator('[data-testid=zhida-message]', { hasText: '视频通话未接通：对方无法使用摄像头和麦克风' }).waitFor({ timeout: 60_000 });
    // The overlay goes away by itself and leaves the chat usable.
    await visitor.locator('.zd-call').waitFor({ state: 'hidden', timeout: 60_000 });
    await textStillWorks(visitor, '那我打字说：型号是 HP 1020', '好的，请先关机取出卡住的纸');
  }, STEP_MS);

  it('no camera but a microphone: the call connects audio-only, and both sides say so', async () => {
    const visitor = await page('widget (no camera)', ['camera', 'microphone'], NO_CAMERA);
    const conversationId = await ringing(visitor, '路由器灯一直闪，可以语音说吗');
    await visitor.locator('.zd-call-accept').click();
    await visitor.locator('.zd-call-notice', { hasText: '未能使用摄像头，已切换为语音通话' }).waitFor({ timeout: 60_000 });
    await agent.locator('[data-testid=call-panel][data-phase=connected]').waitFor({ timeout: 60_000 });
    await visitor.locator('.zd-call-status', { hasText: '通话中' }).waitFor({ timeout: 60_000 });
    await agent.getByText('访客未开摄像头（仅语音）').waitFor({ timeout: 60_000 });
    // The visitor's voice really arrives, and no picture does.
    await expect.poll(async () => ((await agent.evaluate(RECEIVED_BYTES)) as { audio: number }).audio, { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);
    expect(((await agent.evaluate(RECEIVED_BYTES)) as { video: number }).video).toBe(0);
    expect(await visitor.locator('.zd-call-camera').count(), 'no camera button without a camera').toBe(0);
    await agent.screenshot({ path: join(SHOTS, 'e2e-video-fallback-audio-only-agent.png') });
    await visitor.screenshot({ path: join(SHOTS, 'e2e-video-fallback-audio-only-visitor.png') });
    await agent.locator('[data-testid=call-hangup]').click();
    await agent.locator('[data-testid=call-panel][data-phase=ended]').waitFor({ timeout: 60_000 });
    expect(await callsOf(base, conversationId)).toMatchObject([{ state: 'ended', endedBy: 'agent', endReason: 'hangup' }]);
  }, STEP_MS);

  it('the network drops mid-call: both sides see 通话已中断 and are back in the text chat; the transcript says why', async () => {
    const visitor = await page('widget (dropped)', ['camera', 'microphone'], 'globalThis.__zdRelayOnly = true;');
    const conversationId = await ringing(visitor, '摄像头装不上，想视频请你看看');
    // The agent's page is older than this call: its peer (made on accept) is told now.
    await agent.evaluate('globalThis.__zdRelayOnly = true');
    await visitor.locator('.zd-call-accept').click();
    await agent.locator('[data-testid=call-panel][data-phase=connected]').waitFor({ timeout: 60_000 });
    await visitor.locator('.zd-call-status', { hasText: '通话中' }).waitFor({ timeout: 60_000 });
    // Through the relay: the drop below takes the media path away from both sides.
    const relayed = (await agent.evaluate(`(async () => { let relay = false; (await globalThis.__zdPeers.at(-1).getStats()).forEach((r) => { if (r.type === 'local-candidate' && r.candidateType === 'relay') relay = true; }); return relay; })()`)) as boolean;
    expect(relayed).toBe(true);

    turn?.kill('SIGSTOP');
    try {
      await agent.locator('[data-testid=call-panel][data-phase=reconnecting]').waitFor({ timeout: 60_000 });
      await visitor.locator('.zd-call-status', { hasText: '网络中断，正在重连…' }).waitFor({ timeout: 60_000 });
      // The 15 s grace runs out on both sides; the first hang-up with reason `network` wins.
      await visitor.locator('.zd-call-status', { hasText: '通话已中断' }).waitFor({ timeout: 90_000 });
      await visitor.screenshot({ path: join(SHOTS, 'e2e-video-fallback-dropped-visitor.png') });
      await agent.locator('[data-testid=call-panel][data-phase=ended]', { hasText: '通话已中断' }).waitFor({ timeout: 60_000 });
      await agent.screenshot({ path: join(SHOTS, 'e2e-video-fallback-dropped-agent.png') });
    } finally {
      turn?.kill('SIGCONT');
    }
    expect(await callsOf(base, conversationId)).toMatchObject([{ state: 'failed', endReason: 'network' }]);
    await visitor.locator('[data-testid=zhida-message]', { hasText: /视频通话已中断（网络连接断开），时长 \d+秒/ }).waitFor({ timeout: 60_000 });
    await agent.locator('[data-testid=message]', { hasText: /视频通话已中断（网络连接断开）/ }).waitFor({ timeout: 60_000 });
    await visitor.locator('.zd-call').waitFor({ state: 'hidden', timeout: 60_000 });
    await textStillWorks(visitor, '断线了，我打字吧', '没关系，请先说下摄像头的型号');
  }, STEP_MS);

  it('the call cannot be loaded (widget-on-demand.js unreachable): the widget says so, and the text chat goes on', async () => {
    const visitor = await page('widget (no on-demand script)', ['camera', 'microphone']);
    await visitor.route('**/widget-on-demand.js', (route) => route.abort('connectionrefused'));
    const conversationId = await chatHeldByAgent1(base, visitor, '能视频看看我的洗衣机吗');
    await openChatAsAgent1(base, agent, conversationId);
    const call = agent.locator('[data-testid=chat-video-call]');
    await expect.poll(() => call.isEnabled(), { timeout: 60_000 }).toBe(true);
    await call.click();
    await visitor.getByTestId('zhida-alert').filter({ hasText: '视频通话组件加载失败，请刷新重试' }).waitFor({ timeout: 60_000 });
    expect(await visitor.locator('.zd-call-accept').count()).toBe(0);
    await visitor.screenshot({ path: join(SHOTS, 'e2e-video-fallback-load-failed-visitor.png') });
    await textStillWorks(visitor, '那我发照片吧', '好的，请发过来');
  }, STEP_MS);
});

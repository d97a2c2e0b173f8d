import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { acceptPrivacyNotice } from './privacy-notice.js';
import { buildApp, loadConfig, seedDemo, type ZhidaApp } from '../packages/server/src/index.js';
import { startDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';

/*
 * What the video-call E2E files share: the server they start, the staff logins, the chat a shopper
 * opens and agent1 (李娜) holds, and the check that a <video> really plays.
 */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SHOTS = join(REPO_ROOT, 'test-results');
export const CHROMIUM = '/usr/bin/chromium';
/** Chromium without a window or GPU, and without its background requests. */
export { HEADLESS_ARGS } from './headless-chromium-args.js';
/** Fake camera and microphone, permission prompts answered yes, and a screen picked for getDisplayMedia. */
export const FAKE_MEDIA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--auto-select-desktop-capture-source=Entire screen', '--autoplay-policy=no-user-gesture-required'];
/** The part of a <video> element read in the page (the tests compile without the DOM library). */
export type VideoLike = { videoWidth: number; videoHeight: number; currentTime: number };

/** Whether the page's video (CSS selector, open shadow roots pierced) shows frames: a size, and time that moves on. */
export async function showsVideo(page: Page, selector: string): Promise<boolean> {
  const video = page.locator(selector);
  const first = await video.evaluate((el) => ((v: VideoLike) => ({ w: v.videoWidth, t: v.currentTime }))(el as unknown as VideoLike));
  if (first.w === 0) return false;
  await page.waitForTimeout(300);
  const later = await video.evaluate((el) => ((v: VideoLike) => v.currentTime)(el as unknown as VideoLike));
  return later > first.t;
}

export async function staffLogin(base: string, email: string): Promise<{ headers: Record<string, string>; userId: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'demo-ecommerce', email, password: 'zhida-demo' }) });
  const body = (await res.json()) as { csrfToken: string; user: { id: string } };
  return { headers: { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] as string, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' }, userId: body.user.id };
}

/**
 * The server in this process (PGlite in a fresh directory, the demo seeded, the demo enterprise beside it as `npm start`
 * runs it), serving the built widget and console.
 * `prepare` fills the directory first: the test files pass `copySeededDemo` (the run's seeded demo, which only
 * vitest can provide), the benchmark seeds from empty.
 */
export async function startZhida(env: Record<string, string> = {}, prepare?: (dataDir: string) => Promise<void>): Promise<{ app: ZhidaApp; base: string; close(): Promise<void> }> {
  const missing = ['apps/widget/dist/widget.js', 'apps/console/dist/index.html'].filter((f) => !existsSync(join(REPO_ROOT, f)));
  if (missing.length > 0) throw new Error(`Front-end build output is missing (${missing.join(', ')}): run \`npm run build\` first (npm test does).`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-video-'));
  await prepare?.(dataDir);
  const demo = await startDemoEnterprise();
  const app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...demo.env, ...env }, REPO_ROOT));
  await seedDemo(app.zhida, app.log);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    base,
    close: async () => {
      await app.close();
      await demo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A shopper chats on /demo/demo-ecommerce and the chat is given to agent1 (李娜), as a handoff would; returns its id. */
export async function chatHeldByAgent1(base: string, visitor: Page, text: string): Promise<string> {
  await visitor.goto(`${base}/demo/demo-ecommerce`);
  await visitor.locator('[data-testid=zhida-launcher]').click();
  await acceptPrivacyNotice(visitor);
  await visitor.locator('[data-testid=zhida-input]').fill(text);
  await visitor.locator('[data-testid=zhida-send]').click();
  await visitor.locator('[data-testid=zhida-message][data-sender=bot]').first().waitFor({ timeout: 60_000 });
  const admin = await staffLogin(base, 'admin@demo.zhida.cn');
  const lina = await staffLogin(base, 'agent1@demo.zhida.cn');
  // The most recently active conversation first: the one just chatted in.
  const list = (await (await fetch(`${base}/api/v1/conversations?status=open&limit=1`, { headers: admin.headers })).json()) as { items: { id: string }[] };
  const conversationId = list.items[0]?.id ?? '';
  const assigned = await fetch(`${base}/api/v1/conversations/${conversationId}`, { method: 'PATCH', headers: admin.headers, body: JSON.stringify({ assigneeId: lina.userId }) });
  if (assigned.status !== 200) throw new Error(`assigning the chat answered ${assigned.status}`);
  return conversationId;
}

/** agent1 opens the chat in the console's 工作台, logging in first when the page asks. */
export async function openChatAsAgent1(base: string, agent: Page, conversationId: string): Promise<void> {
  await agent.goto(`${base}/console/#/workspace/${conversationId}`);
  const login = agent.locator('[data-testid=login-tenant]');
  const call = agent.locator('[data-testid=chat-video-call]');
  await login.or(call).first().waitFor({ timeout: 60_000 });
  if (await login.isVisible()) {
    await login.fill('demo-ecommerce');
    await agent.locator('[data-testid=login-email]').fill('agent1@demo.zhida.cn');
    await agent.locator('[data-testid=login-password]').fill('zhida-demo');
    await agent.locator('[data-testid=login-submit]').click();
  }
}

/** The conversation's calls as the staff API lists them, oldest first. */
export async function callsOf(base: string, conversationId: string): Promise<{ state: string; endedBy: string | null; endReason: string | null }[]> {
  const res = await fetch(`${base}/api/v1/conversations/${conversationId}/calls`, { headers: (await staffLogin(base, 'admin@demo.zhida.cn')).headers });
  return ((await res.json()) as { items: { state: string; endedBy: string | null; endReason: string | null }[] }).items;
}

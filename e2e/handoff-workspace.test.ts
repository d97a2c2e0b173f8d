import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, seedDemo, type ZhidaApp } from '../packages/server/src/index.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';
import { acceptPrivacyNotice } from './privacy-notice.js';
import { copySeededDemo } from './copy-seeded-demo.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const THREAT = '你们这什么破服务！退款拖了半个月，我要去12315投诉你们！';
const AGENT_REPLY = '非常抱歉让您久等，我是人工客服，马上为您处理退款。';
const NOTE = '客户情绪激动，提到 12315，优先处理';

describe('agent workspace in a real browser: offer → accept → context → reply, note → close', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let visitor: Page;
  let agent: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-workspace-'));
  const problems: string[] = [];

  beforeAll(async () => {
    const missing = ['apps/widget/dist/widget.js', 'apps/console/dist/index.html'].filter((f) => !existsSync(join(REPO_ROOT, f)));
    if (missing.length > 0) throw new Error(`Front-end build output is missing (${missing.join(', ')}): run \`npm run build\` first (npm test does).`);
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
    mkdirSync(SHOTS, { recursive: true });
    await copySeededDemo(dataDir);
    // The demo tenants' shop, bank, hall and operator, as `npm start` runs them: their own service over signed HTTP.
    demo = await startDemoEnterprise();
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...demo.env }, REPO_ROOT));
    await seedDemo(app.zhida, app.log);
    await app.zhida.brains.catchUp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    // The demo desk takes chats only inside its work calendar (工作日 9:00–12:00, 13:30–18:00 Beijing): the admin opens
    // it around the clock through the staff API, so the offer comes at any hour (it failed at lunchtime and at night).
    const signedIn = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'demo-ecommerce', email: 'admin@demo.zhida.cn', password: 'zhida-demo' }),
    });
    const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
    const allDay = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((day) => [day, [['00:00', '24:00']]]));
    const opened = await fetch(`${base}/api/v1/business-calendar`, {
      method: 'PUT',
      headers: { cookie: (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ weeklyHours: allDay, followChinaHolidays: false, closures: [] }),
    });
    if (opened.status !== 200) throw new Error(`opening the work calendar: ${opened.status} ${await opened.text()}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
    visitor = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })).newPage();
    agent = await (await browser.newContext({ viewport: { width: 1600, height: 950 }, locale: 'zh-CN' })).newPage();
    for (const [name, page] of [['widget', visitor], ['console', agent]] as const) page.on('pageerror', (err) => problems.push(`${name} pageerror: ${err.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (problems.length > 0) console.log(`[e2e] browser reports:\n${problems.join('\n')}`);
  });

  it('puts the agent online from the header', async () => {
    await agent.goto(`${base}/console/#/workspace`);
    await agent.locator('[data-testid=login-tenant]').fill('demo-ecommerce');
    await agent.locator('[data-testid=login-email]').fill('agent1@demo.zhida.cn');
    await agent.locator('[data-testid=login-password]').fill('zhida-demo');
    await agent.locator('[data-testid=login-submit]').click();
    await agent.locator('[data-testid=workspace-page]').waitFor();
    const presence = agent.locator('[data-testid=presence-switch]');
    await presence.waitFor();
    if ((await presence.getAttribute('data-presence')) !== 'online') {
      await presence.click();
      await agent.locator('[data-testid=presence-online]').last().click();
    }
    await agent.locator('[data-testid=presence-switch][data-presence=online]').waitFor();
  });

  it('offers a high-risk shopper to the online agent, who accepts and sees the summary at once', async () => {
    await visitor.goto(`${base}/demo/demo-ecommerce`);
    await visitor.locator('[data-testid=zhida-launcher]').click();
    await acceptPrivacyNotice(visitor);
    await visitor.locator('[data-testid=zhida-panel]').waitFor({ state: 'visible' });
    await visitor.locator('[data-testid=zhida-input]').fill(THREAT);
    await visitor.locator('[data-testid=zhida-send]').click();

    const offer = agent.locator('[data-testid=handoff-offer]');
    await offer.waitFor({ timeout: 20_000 });
    expect(await offer.locator('[data-testid=offer-reason]').innerText()).toMatch(/高风险|访客愤怒/);
    await agent.screenshot({ path: join(SHOTS, 'e2e-workspace-offer.png') });
    await offer.locator('[data-testid=offer-accept]').click();

    const summary = agent.locator('[data-testid=handoff-summary]');
    await summary.waitFor({ timeout: 5_000 });
    await expect.poll(async () => (await summary.innerText()).trim(), { timeout: 5_000 }).toMatch(/12315|退款/);
    // The whole transcript, although the "已接入" notice is pushed while it loads.
    await agent.locator('[data-testid=message][data-sender=visitor]', { hasText: '12315' }).waitFor();
    await agent.locator('[data-testid=message][data-sender=bot]').first().waitFor();
    expect(await agent.locator('[data-testid=workspace-chat-item]').count()).toBe(1);
    expect(await offer.count()).toBe(0);
  });

  it('replies to the shopper and writes a note the shopper never sees', async () => {
    await agent.locator('[data-testid=reply-input]').fill(AGENT_REPLY);
    await agent.locator('[data-testid=reply-send]').click();
    await visitor.locator('[data-testid=zhida-message][data-sender=agent]', { hasText: AGENT_REPLY }).waitFor({ timeout: 15_000 });

    await agent.locator('[data-testid=reply-mode]').getByText('内部备注').click();
    await agent.locator('[data-testid=reply-input]').fill(NOTE);
    await agent.locator('[data-testid=reply-send]').click();
    await agent.locator('[data-testid=message][data-internal=true]', { hasText: NOTE }).waitFor();
    await agent.screenshot({ path: join(SHOTS, 'e2e-workspace-chat.png') });
    await visitor.waitForTimeout(1000);
    expect(await visitor.locator('[data-testid=zhida-message]', { hasText: NOTE }).count()).toBe(0);
  });

  it('closes the chat as resolved and it leaves the workspace', async () => {
    await agent.locator('[data-testid=chat-close]').click();
    await agent.locator('[data-testid=disposition-resolved]').click();
    await agent.locator('[data-testid=close-confirm]').click();
    await expect.poll(() => agent.locator('[data-testid=workspace-chat-item]').count(), { timeout: 10_000 }).toBe(0);
  });
});

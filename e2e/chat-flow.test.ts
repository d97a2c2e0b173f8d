import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, seedDemo, type ZhidaApp } from '../packages/server/src/index.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';
import { acceptPrivacyNotice } from './privacy-notice.js';
import { copySeededDemo } from './copy-seeded-demo.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const XSS = '<img src=x onerror=alert(1)>';
const AGENT_REPLY = '您好，我是客服，已经为您登记退货，快递员明天上门取件。';

/** Polls `check` until it returns a value other than undefined/false, or fails with `what`. */
async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Records what a page reports, so a failure says why (and an XSS dialog cannot go unnoticed). */
function watch(page: Page, name: string, log: string[], dialogs: string[]): void {
  page.on('dialog', (d) => {
    dialogs.push(`${name}: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (err) => log.push(`${name} pageerror: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') log.push(`${name} console.error: ${m.text()}`);
  });
}

async function texts(list: Locator): Promise<string[]> {
  return (await list.allInnerTexts()).map((t) => t.trim());
}

describe('chat flow in a real browser: visitor widget ↔ staff console', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let visitorContext: BrowserContext;
  let agentContext: BrowserContext;
  let visitor: Page;
  let agent: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-'));
  const log: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    const missing = ['apps/widget/dist/widget.js', 'apps/widget/dist/demo.html', 'apps/console/dist/index.html'].filter((f) => !existsSync(join(REPO_ROOT, f)));
    if (missing.length > 0) throw new Error(`Front-end build output is missing (${missing.join(', ')}): run \`npm run build\` first (npm test does).`);
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
    mkdirSync(SHOTS, { recursive: true });

    await copySeededDemo(dataDir);
    // The demo tenants' shop, bank, hall and operator, as `npm start` runs them: their own service over signed HTTP.
    demo = await startDemoEnterprise();
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...demo.env }, REPO_ROOT));
    await seedDemo(app.zhida, app.log);
    // As main.ts does at start-up, but awaited: a deployed server has trained the demo tenant's model long
    // before a shopper arrives, and a first start waiting on training is not what this test is about.
    await app.zhida.brains.catchUp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
    // Two contexts = two unrelated browsers: the shopper and the agent share no cookies or storage.
    visitorContext = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    visitor = await visitorContext.newPage();
    agent = await agentContext.newPage();
    watch(visitor, 'widget', log, dialogs);
    watch(agent, 'console', log, dialogs);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (log.length > 0) console.log(`[e2e] browser reports:\n${log.join('\n')}`);
  });

  const widgetMessages = () => visitor.locator('[data-testid=zhida-message]');
  const widgetBot = () => visitor.locator('[data-testid=zhida-message][data-sender=bot]');

  async function visitorSends(text: string): Promise<void> {
    await visitor.locator('[data-testid=zhida-input]').fill(text);
    await visitor.locator('[data-testid=zhida-send]').click();
  }

  it('answers a shopper asking how to return an item with the return FAQ', async () => {
    await visitor.goto(`${base}/demo/demo-ecommerce`);
    await visitor.locator('[data-testid=zhida-launcher]').click();
    await acceptPrivacyNotice(visitor);
    await visitor.locator('[data-testid=zhida-panel]').waitFor({ state: 'visible' });
    // The welcome message is the first bot message; the answer must be a new one after the question.
    const welcomeCount = await eventually('the welcome message', async () => (await widgetBot().count()) > 0 && widgetBot().count());

    await visitorSends('怎么退货');
    await visitor.locator('[data-testid=zhida-message][data-sender=visitor]', { hasText: '怎么退货' }).waitFor();
    const answer = await eventually('a bot answer to 怎么退货', async () => {
      const all = await texts(widgetBot());
      return all.length > welcomeCount && all[welcomeCount];
    });
    expect(answer).toContain('退货');
    await visitor.screenshot({ path: join(SHOTS, 'e2e-widget-bot-answer.png') });
  });

  it('lets an agent log in, open the conversation and reply, and the shopper sees the reply', async () => {
    await agent.goto(`${base}/console/`);
    await agent.locator('[data-testid=login-tenant]').fill('demo-ecommerce');
    await agent.locator('[data-testid=login-email]').fill('agent1@demo.zhida.cn');
    await agent.locator('[data-testid=login-password]').fill('zhida-demo');
    await agent.locator('[data-testid=login-submit]').click();

    // A fresh database holds exactly the one conversation the shopper started.
    const item = agent.locator('[data-testid=conversation-item]');
    await item.first().waitFor({ timeout: 15_000 });
    // More would mean the widget started extra conversations (e.g. retried a failed start that had left rows behind).
    expect(await item.count(), `conversation list: ${JSON.stringify(await texts(item))}`).toBe(1);
    await item.first().click();
    await agent.locator('[data-testid=message]', { hasText: '怎么退货' }).waitFor();

    await agent.locator('[data-testid=reply-input]').fill(AGENT_REPLY);
    await agent.locator('[data-testid=reply-send]').click();
    await agent.locator('[data-testid=message][data-sender=agent]', { hasText: AGENT_REPLY }).waitFor();

    // Pushed over Socket.IO: the shopper's page is not reloaded.
    await visitor.locator('[data-testid=zhida-message][data-sender=agent]', { hasText: AGENT_REPLY }).waitFor({ timeout: 15_000 });
    await agent.screenshot({ path: join(SHOTS, 'e2e-console-agent-reply.png') });
    await visitor.screenshot({ path: join(SHOTS, 'e2e-widget-agent-reply.png') });
  });

  it('shows a visitor-sent HTML payload as literal text in both the widget and the console, without running it', async () => {
    await visitorSends(XSS);
    const inWidget = visitor.locator('[data-testid=zhida-message][data-sender=visitor]', { hasText: XSS });
    await inWidget.waitFor();
    const inConsole = agent.locator('[data-testid=message][data-sender=visitor]', { hasText: XSS });
    await inConsole.waitFor({ timeout: 15_000 });

    expect((await texts(inWidget)).some((t) => t.includes(XSS))).toBe(true);
    expect((await texts(inConsole)).some((t) => t.includes(XSS))).toBe(true);
    // Had the payload become markup there would be an <img src=x> inside a message, and its onerror would have fired.
    expect(await widgetMessages().locator('img[src=x]').count()).toBe(0);
    expect(await agent.locator('[data-testid=message] img[src=x]').count()).toBe(0);
    await visitor.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    await visitor.screenshot({ path: join(SHOTS, 'e2e-widget-xss-literal.png') });
    await agent.screenshot({ path: join(SHOTS, 'e2e-console-xss-literal.png') });
  });
});

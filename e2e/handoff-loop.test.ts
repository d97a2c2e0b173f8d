import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffDatabase } from '../packages/server/src/handoff/handoff-schema.js';
import { buildApp, loadConfig, seedDemo, TenantScope, type ZhidaApp } from '../packages/server/src/index.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';
import { acceptPrivacyNotice } from './privacy-notice.js';
import { copySeededDemo } from './copy-seeded-demo.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const TENANT = 'demo-ecommerce';
const PASSWORD = 'zhida-demo';
const ADMIN = 'admin@demo.zhida.cn';
const SUPERVISOR = 'supervisor@demo.zhida.cn';
const AGENT = 'agent1@demo.zhida.cn';
const THREAT = '你们太过分了，再不处理我就去12315投诉！';
const AGENT_EDIT = '（我是客服李娜，马上为您加急处理）';
const INTERNAL_NOTE = '内部备注：客户威胁投诉12315，已上报主管，暗号 N-4471';
const LEAVE_MESSAGE = '想咨询一下大件家电的上门安装时间，请回电';

interface Staff {
  userId: string;
  cookie: string;
  csrf: string;
}

/** Records what a page reports, so a failure says why. */
function watch(page: Page, name: string, log: string[]): void {
  page.on('pageerror', (err) => log.push(`${name} pageerror: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') log.push(`${name} console.error: ${message.text()}`);
  });
}

/** The widget's whole markup, its shadow root included (innerText and content() of the page do not see into it). */
async function widgetMarkup(page: Page): Promise<string> {
  return page.locator('body').evaluate((body) => {
    const parts: string[] = [body.innerHTML];
    for (const el of body.querySelectorAll('*')) if (el.shadowRoot) parts.push(el.shadowRoot.innerHTML);
    return parts.join('\n');
  });
}

async function staffLogin(base: string, email: string): Promise<Staff> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: TENANT, email, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const body = (await login.json()) as { user: { id: string }; csrfToken: string };
  return { userId: body.user.id, cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string, csrf: body.csrfToken };
}

async function staffCall<T>(base: string, who: Staff, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function consoleLogin(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/console/`);
  await page.locator('[data-testid=login-tenant]').fill(TENANT);
  await page.locator('[data-testid=login-email]').fill(email);
  await page.locator('[data-testid=login-password]').fill(PASSWORD);
  await page.locator('[data-testid=login-submit]').click();
  await expect.poll(() => page.locator('[data-testid=realtime-status]').getAttribute('data-connected'), { timeout: 20_000 }).toBe('true');
}

// The human handoff in one browser with three unrelated contexts: a supervisor and an agent in the console, a
// shopper in the widget. The desk's work calendar is opened around the clock by the admin through the staff API
// first, so the test runs at any hour without touching the clock.
describe('the handoff in a real browser: widget → queue → agent workspace, with the supervisor watching', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let admin: Staff;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-handoff-'));
  const log: string[] = [];

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
    // As main.ts does at start-up, but awaited: the shop's model is trained before a shopper arrives.
    await app.zhida.brains.catchUp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    // The demo desks take chats only inside the tenant's work calendar: the admin opens it every day, all day.
    admin = await staffLogin(base, ADMIN);
    const allDay = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((day) => [day, [['00:00', '24:00']]]));
    await staffCall(base, admin, 'PUT', '/business-calendar', { weeklyHours: allDay, followChinaHolidays: false, closures: [] });

    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (log.length > 0) console.log(`[e2e] browser reports:\n${log.join('\n')}`);
  });

  it('with nobody online, 转人工 gets the honest answer and 留言 turns into a ticket whose number the widget shows', async () => {
    const visitor = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })).newPage();
    watch(visitor, 'widget(leave)', log);
    await visitor.goto(`${base}/demo/${TENANT}`);
    await visitor.locator('[data-testid=zhida-launcher]').click();
    await acceptPrivacyNotice(visitor);
    await visitor.locator('[data-testid=zhida-panel]').waitFor({ state: 'visible' });
    await visitor.locator('[data-testid=zhida-input]').fill('转人工');
    await visitor.locator('[data-testid=zhida-send]').click();

    // The desk is open but every agent is offline: the bot says so and offers 留言 instead of a queue.
    const honest = visitor.locator('[data-testid=zhida-message]', { hasText: '暂无客服在线' });
    await honest.waitFor({ timeout: 30_000 }).catch(async (err: unknown) => {
      await visitor.screenshot({ path: join(SHOTS, 'e2e-handoff-unavailable-FAILED.png') });
      const shown = await visitor.locator('[data-testid=zhida-message]').evaluateAll((els) => els.map((el) => `${el.getAttribute('data-sender')}: ${el.textContent}`));
      throw new Error(`${String(err)}\nwidget messages:\n${shown.join('\n')}`);
    });
    const status = visitor.locator('[data-testid=zhida-handoff-status]');
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toContain('暂无客服在线');
    expect(await status.innerText()).not.toContain('正在为您转接');
    await visitor.locator('[data-testid=zhida-leave-message]').waitFor();
    await visitor.screenshot({ path: join(SHOTS, 'e2e-handoff-unavailable.png') });

    // The bot's 留言 quick reply opens the form; an empty message is refused in place, then the real one is sent.
    await visitor.locator('[data-testid=zhida-quick-reply]', { hasText: '留言' }).last().click();
    const form = visitor.locator('[data-testid=zhida-leave-message-form]');
    await form.waitFor({ state: 'visible' });
    await visitor.locator('[data-testid=zhida-leave-message-submit]').click();
    await expect.poll(() => form.locator('textarea').getAttribute('aria-invalid')).toBe('true');
    await form.locator('textarea').fill(LEAVE_MESSAGE);
    await form.locator('input[type=tel]').fill('13800138000');
    await visitor.locator('[data-testid=zhida-leave-message-submit]').click();
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(/留言已提交，工单号 GD\d+/);
    const number = /GD\d+/.exec(await status.innerText())?.[0];
    await visitor.screenshot({ path: join(SHOTS, 'e2e-handoff-left-message.png') });

    // It is a real ticket: the staff API finds it by that number, with the message.
    const found = await staffCall<{ items: { number: string; channel?: string }[] }>(base, admin, 'GET', `/tickets?queue=all&q=${encodeURIComponent(number ?? '')}`);
    expect(found.items.map((t) => t.number)).toContain(number);
    await visitor.context().close();
  }, 120_000);

  it('routes a high-risk shopper to an online agent with the supervisor alerted, and the agent serves and closes the chat', async () => {
    const supervisor = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    const agent = await (await browser.newContext({ viewport: { width: 1600, height: 960 }, locale: 'zh-CN' })).newPage();
    const visitor = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })).newPage();
    watch(supervisor, 'supervisor', log);
    watch(agent, 'agent', log);
    watch(visitor, 'widget', log);

    // — The supervisor watches the live view; the agent signs in and goes 在线.
    await consoleLogin(supervisor, base, SUPERVISOR);
    await supervisor.locator('[data-testid=nav-supervisor]').click();
    await supervisor.locator('[data-testid=supervisor-page]').waitFor();
    await consoleLogin(agent, base, AGENT);
    await agent.locator('[data-testid=nav-workspace]').click();
    const presence = agent.locator('[data-testid=presence-switch]');
    await presence.click();
    await agent.locator('.ant-select-dropdown:visible [data-testid=presence-online]').click();
    await expect.poll(() => presence.getAttribute('data-presence'), { timeout: 15_000 }).toBe('online');
    const profile = await staffCall<{ presence: string }>(base, await staffLogin(base, AGENT), 'GET', '/agents/me');
    expect(profile.presence).toBe('online');

    // — The shopper writes an angry, high-risk message; the moment of the send is taken in the browser.
    await visitor.goto(`${base}/demo/${TENANT}`);
    await visitor.locator('[data-testid=zhida-launcher]').click();
    await acceptPrivacyNotice(visitor);
    await visitor.locator('[data-testid=zhida-panel]').waitFor({ state: 'visible' });
    await visitor.locator('[data-testid=zhida-input]').fill(THREAT);
    const sentAt = await visitor.evaluate(() => Date.now());
    await visitor.locator('[data-testid=zhida-send]').click();

    // The widget says a human is coming, with 取消等待 (nobody has accepted yet: the agent clicks below).
    const status = visitor.locator('[data-testid=zhida-handoff-status]');
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toMatch(/^正在为您转接人工客服，(前面还有 \d+ 位|您是下一位)，预计等待 \d+ 分钟/);
    expect(await visitor.locator('[data-testid=zhida-handoff-cancel]').isVisible()).toBe(true);
    await visitor.screenshot({ path: join(SHOTS, 'e2e-handoff-widget-waiting.png') });

    // — The supervisor gets the high-risk toast, with the shopper's words.
    const toast = supervisor.locator('[data-testid=handoff-alert]');
    await toast.first().waitFor({ timeout: 20_000 });
    expect(await toast.first().innerText()).toContain('高风险');
    expect(await toast.first().innerText()).toContain('12315');
    await supervisor.screenshot({ path: join(SHOTS, 'e2e-handoff-supervisor-alert.png') });

    // — The agent gets the offer and takes it; the context panel shows the summary.
    const offer = agent.locator('[data-testid=handoff-offer]');
    await offer.waitFor({ timeout: 20_000 });
    expect(await offer.locator('[data-testid=offer-reason]').innerText()).toMatch(/高风险/);
    await agent.screenshot({ path: join(SHOTS, 'e2e-handoff-agent-offer.png') });
    await offer.locator('[data-testid=offer-accept]').click();
    const summary = agent.locator('[data-testid=handoff-summary]');
    // Polled in the agent's page, so the moment is the browser's own (a string: this project's TS has no DOM lib).
    const summaryShownAt = await agent.waitForFunction(
      `(() => { const el = document.querySelector('[data-testid=handoff-summary]'); return el !== null && el.offsetParent !== null && el.textContent.trim().length > 0 ? Date.now() : false; })()`,
      undefined,
      { timeout: 20_000, polling: 'raf' },
    );
    const elapsed = ((await summaryShownAt.jsonValue()) as number) - sentAt;
    console.log(`[e2e] handoff: visitor's send → summary visible in the agent's context panel (offer accepted by a click in between): ${elapsed} ms`);
    expect(await summary.innerText()).toMatch(/12315|投诉/);
    const conversationId = /#\/workspace\/([\w-]+)/.exec(agent.url())?.[1];
    expect(conversationId, `the workspace opens the chat (url ${agent.url()})`).toBeTruthy();
    // Named once: the demo agent is called "客服 李娜" and must not become "客服 客服 李娜".
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toBe('客服 李娜 已接入');
    await visitor.locator('[data-testid=zhida-message][data-sender=system]', { hasText: '客服 李娜 已接入' }).waitFor();
    expect(await widgetMarkup(visitor)).not.toContain('客服 客服');
    await agent.screenshot({ path: join(SHOTS, 'e2e-handoff-agent-context.png') });

    // — An internal note first: the console shows it as such; the shopper must never receive it.
    await agent.locator('[data-testid=reply-mode] .ant-segmented-item', { hasText: '内部备注' }).click();
    await agent.locator('[data-testid=reply-input]').fill(INTERNAL_NOTE);
    await agent.locator('[data-testid=reply-send]').click();
    await agent.locator('[data-testid=message][data-internal=true]', { hasText: 'N-4471' }).waitFor({ timeout: 15_000 });
    await agent.locator('[data-testid=reply-mode] .ant-segmented-item', { hasText: '回复访客' }).click();

    // — The agent takes an assist suggestion into the draft, edits it and sends it.
    const suggestion = agent.locator('[data-testid=assist-suggestion]').first();
    await suggestion.waitFor({ timeout: 20_000 });
    // The demo manual's passages are suggested too (第十二章 投诉与争议处理 for a 12315 threat), each with a link into the document.
    const passage = agent.locator('[data-testid=assist-suggestion][data-kind=passage]').first();
    await passage.scrollIntoViewIfNeeded();
    expect(await passage.innerText()).toContain('12315');
    expect(await passage.locator('[data-testid=assist-open-document]').getAttribute('href')).toMatch(/^\/api\/v1\/documents\/[\w-]+\/view\?.+#/);
    await agent.screenshot({ path: join(SHOTS, 'e2e-handoff-agent-assist.png') });
    await suggestion.locator('[data-testid=assist-insert]').click();
    const input = agent.locator('[data-testid=reply-input]');
    await expect.poll(() => input.inputValue()).not.toBe('');
    const inserted = (await input.inputValue()).trim();
    await input.fill(`${inserted}${AGENT_EDIT}`);
    await agent.locator('[data-testid=reply-send]').click();
    await agent.locator('[data-testid=message][data-sender=agent]', { hasText: AGENT_EDIT }).waitFor({ timeout: 15_000 });

    // The shopper's widget receives the edited reply over the socket, and not the note (shadow root included).
    const reply = visitor.locator('[data-testid=zhida-message][data-sender=agent]', { hasText: AGENT_EDIT });
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.innerText()).toContain(inserted.slice(0, 10));
    const markup = await widgetMarkup(visitor);
    expect(markup).toContain(AGENT_EDIT);
    expect(markup).not.toContain('N-4471');
    await visitor.screenshot({ path: join(SHOTS, 'e2e-handoff-widget-agent-reply.png') });

    // The adoption was recorded for the suggestion that was used (and only for it).
    const hdb = handoffDatabase(app.zhida.database.db);
    const used = await TenantScope.asSystem(() =>
      hdb.selectFrom('assist_suggestions').select(['body']).where('conversation_id', '=', conversationId!).where('used_at', 'is not', null).execute(),
    );
    expect(used.map((u) => u.body.trim())).toEqual([inserted]);

    // — The agent closes the chat with a disposition; the conversation is closed and the request ended.
    await agent.locator('[data-testid=chat-close]').click();
    await agent.locator('[data-testid=disposition-resolved]').click();
    await agent.locator('[data-testid=close-confirm]').click();
    await expect
      .poll(async () => (await staffCall<{ status: string }>(base, admin, 'GET', `/conversations/${conversationId}`)).status, { timeout: 15_000 })
      .toBe('closed');
    const requests = await TenantScope.asSystem(() =>
      hdb.selectFrom('handoff_requests').select(['status', 'end_reason', 'assigned_to', 'priority']).where('conversation_id', '=', conversationId!).execute(),
    );
    expect(requests).toEqual([{ status: 'ended', end_reason: 'closed', assigned_to: (await staffLogin(base, AGENT)).userId, priority: 0 }]);
    await agent.screenshot({ path: join(SHOTS, 'e2e-handoff-agent-closed.png') });
    await visitor.screenshot({ path: join(SHOTS, 'e2e-handoff-widget-closed.png') });
    expect(await widgetMarkup(visitor)).not.toContain('N-4471');
  }, 180_000);
});

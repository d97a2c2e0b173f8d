import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, seedDemo, TenantScope, type ZhidaApp } from '../packages/server/src/index.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';
import { acceptPrivacyNotice } from './privacy-notice.js';
import { copySeededDemo } from './copy-seeded-demo.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const NOTE = '内部：这位客户上周投诉过';

// The real server with the demo chat desk, the built widget, a real browser: a shopper asks for a human,
// sees the queue line and the agent joining, never an internal note; cancels a wait; and, with nobody
// online, leaves a message that becomes a ticket listed under 我的工单.
describe('the way to a human in the widget, in a real browser', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-handoff-'));
  const log: string[] = [];
  let agent: { cookie: string; csrf: string };

  /** The agent's side, through the staff API as the console calls it. */
  const staff = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}/api/v1${url}`, {
      method,
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };

  const openWidget = async (): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 400, height: 760 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (err) => log.push(`pageerror: ${err.message}`));
    await page.goto(`${base}/demo/demo-ecommerce`);
    await page.locator('[data-testid=zhida-launcher]').click();
    await acceptPrivacyNotice(page);
    await page.locator('[data-testid=zhida-message][data-sender=bot]').first().waitFor();
    return page;
  };
  const say = async (page: Page, text: string) => {
    await page.locator('[data-testid=zhida-input]').fill(text);
    await page.locator('[data-testid=zhida-send]').click();
  };
  const statusLine = (page: Page) => page.locator('[data-testid=zhida-handoff-status]');

  beforeAll(async () => {
    const missing = ['apps/widget/dist/widget.js', 'apps/widget/dist/demo.html'].filter((f) => !existsSync(join(REPO_ROOT, f)));
    if (missing.length > 0) throw new Error(`Front-end build output is missing (${missing.join(', ')}): run \`npm run build\` first (npm test does).`);
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
    mkdirSync(SHOTS, { recursive: true });
    await copySeededDemo(dataDir);
    // The demo tenants' shop, bank, hall and operator, as `npm start` runs them: their own service over signed HTTP.
    demo = await startDemoEnterprise();
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...demo.env }, REPO_ROOT));
    await seedDemo(app.zhida, app.log);
    const shop = await TenantScope.asSystem(() => app.zhida.database.db.selectFrom('tenants').select('id').where('slug', '=', 'demo-ecommerce').executeTakeFirstOrThrow());
    await TenantScope.asTenant(shop.id, async () => {
      await app.zhida.brains.ensureTraining({ tenantId: shop.id });
      // Chats are taken within the work calendar; the test must not depend on the hour it runs at.
      const allDay = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [['00:00', '24:00']]]));
      await app.zhida.database.db
        .updateTable('business_calendars' as never)
        .set({ weekly_hours: JSON.stringify(allDay), follow_china_holidays: false } as never)
        .where('tenant_id' as never, '=', shop.id as never)
        .execute();
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'demo-ecommerce', email: 'agent1@demo.zhida.cn', password: 'zhida-demo' }),
    });
    agent = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string, csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (log.length > 0) console.log(`[e2e] browser reports:\n${log.join('\n')}`);
  });

  it('shows the queue line, then the agent who joined, and never an internal note', async () => {
    await staff('PUT', '/agents/me/presence', { presence: 'online' });
    const page = await openWidget();
    await say(page, '转人工');
    await expect.poll(() => statusLine(page).innerText(), { timeout: 20_000 }).toMatch(/^正在为您转接人工客服，(您是下一位|前面还有 \d+ 位)，预计等待 \d+ 分钟$/);
    await expect(page.locator('[data-testid=zhida-handoff-cancel]').isVisible()).resolves.toBe(true);

    const mine = (await staff('GET', '/handoff/mine')) as { items: { id: string; conversationId: string; status: string }[] };
    const offer = mine.items.find((i) => i.status === 'offered');
    expect(offer).toBeDefined();
    await staff('POST', `/handoff/requests/${offer!.id}/accept`);
    await expect.poll(() => statusLine(page).innerText(), { timeout: 10_000 }).toBe('客服 李娜 已接入');

    await staff('POST', `/conversations/${offer!.conversationId}/notes`, { text: NOTE, clientMsgId: randomUUID() });
    await staff('POST', `/conversations/${offer!.conversationId}/messages`, { text: '您好，我是李娜，请问有什么可以帮您？', clientMsgId: randomUUID() });
    await page.locator('[data-testid=zhida-message][data-sender=agent]', { hasText: '我是李娜' }).waitFor({ timeout: 10_000 });
    // A reload reads the history over REST: the note must not come that way either.
    await page.reload();
    await page.locator('[data-testid=zhida-launcher]').click();
    await acceptPrivacyNotice(page);
    await page.locator('[data-testid=zhida-message][data-sender=agent]', { hasText: '我是李娜' }).waitFor();
    await expect.poll(() => statusLine(page).innerText()).toBe('客服 李娜 已接入');
    expect(await page.getByText(NOTE).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'e2e-widget-handoff-joined.png') });
    await staff('POST', `/conversations/${offer!.conversationId}/close`, { disposition: 'resolved' });
  });

  it('stops waiting on 取消等待', async () => {
    const page = await openWidget();
    await say(page, '人工客服');
    await expect.poll(() => statusLine(page).innerText(), { timeout: 20_000 }).toMatch(/^正在为您转接人工客服/);
    await page.locator('[data-testid=zhida-handoff-cancel]').click();
    await expect.poll(() => statusLine(page).isVisible(), { timeout: 10_000 }).toBe(false);
    const mine = (await staff('GET', '/handoff/mine')) as { items: unknown[] };
    expect(mine.items).toEqual([]);
  });

  it('with nobody online, says so and turns a message into a ticket listed under 我的工单', async () => {
    await staff('PUT', '/agents/me/presence', { presence: 'offline' });
    const page = await openWidget();
    await say(page, '转人工');
    await page.locator('[data-testid=zhida-leave-message]').waitFor({ timeout: 20_000 });
    expect(await statusLine(page).innerText()).toContain('暂无客服在线');
    await page.locator('[data-testid=zhida-leave-message]').click();

    const form = page.locator('[data-testid=zhida-leave-message-form]');
    await page.locator('#zd-lm-mobile').fill('12345');
    await page.locator('[data-testid=zhida-leave-message-submit]').click();
    expect(await form.locator('.zd-field-error:visible').allInnerTexts()).toEqual(['请填写留言内容', '请输入正确的 11 位手机号']);

    await page.locator('#zd-lm-text').fill('耳机左边没声音，想换货，麻烦上班后联系我');
    await page.locator('#zd-lm-mobile').fill('138 0013 8000');
    await page.locator('[data-testid=zhida-leave-message-submit]').click();
    await expect.poll(() => statusLine(page).innerText(), { timeout: 10_000 }).toMatch(/^留言已提交，工单号 GD\d+$/);
    const number = (await statusLine(page).innerText()).replace(/^.*工单号 /, '');
    await page.locator('[data-testid=zhida-handoff-my-tickets]').click();
    await page.locator('[data-testid=zhida-ticket-item]', { hasText: number }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'e2e-widget-handoff-left-message.png') });
  });
});

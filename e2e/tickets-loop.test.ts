import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, seedDemo, TenantScope, type ZhidaApp } from '../packages/server/src/index.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';
import { copySeededDemo } from './copy-seeded-demo.js';
import { acceptPrivacyNotice } from './privacy-notice.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const TENANT = 'demo-ecommerce';
const AGENT = { email: 'agent1@demo.zhida.cn', password: 'zhida-demo' };
const ADMIN = { email: 'admin@demo.zhida.cn', password: 'zhida-demo' };
const CATCH_ALL = '兜底：全部工单';
const KEYWORD_RULE = '发票问题转财务';
/** A 1×1 PNG: real magic bytes, so the server's sniffer accepts it as an image. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const DESCRIPTION = '收到的杯子有裂纹，倒水就漏，附上照片';
const PUBLIC_REPLY = '您好，已为您安排补发新杯子，旧的无需寄回';
const INTERNAL_NOTE = '内部备注：仓库确认该批次有质检问题，勿告知客户批次号 B-7731';

/** Records what a page reports, so a failure says why (and an XSS dialog cannot go unnoticed). */
function watch(page: Page, name: string, log: string[]): void {
  page.on('dialog', (dialog) => {
    log.push(`${name} dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
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

/** Fills whatever required extra fields the chosen category asks for, with a value valid for its input type. */
async function fillRequiredFields(page: Page): Promise<void> {
  for (const control of await page.locator('.zd-extra-fields [aria-required=true]').all()) {
    const tag = await control.evaluate((el) => el.tagName.toLowerCase());
    if (tag === 'select') {
      await control.selectOption({ index: 1 });
      continue;
    }
    const type = await control.getAttribute('type');
    const inputMode = await control.getAttribute('inputmode');
    await control.fill(type === 'date' ? '2026-12-01' : type === 'tel' ? '13800138000' : inputMode === 'decimal' ? '1' : 'A20261206001');
  }
}

interface Staff {
  userId: string;
  /** A category whose default group has the agent in it, so the ticket lands in "我的组". */
  category: { id: string; name: string };
  group: { id: string; name: string };
}

/** Reads, through the staff API as the agent, which of the tenant's categories routes into one of the agent's groups. */
async function agentDesk(base: string): Promise<Staff> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: TENANT, ...AGENT }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { user } = (await login.json()) as { user: { id: string } };
  const get = async <T,>(path: string): Promise<T> => {
    const response = await fetch(`${base}/api/v1${path}`, { headers: { cookie } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  const groups = (await get<{ items: { id: string; name: string }[] }>('/agent-groups')).items;
  const mine: { id: string; name: string }[] = [];
  for (const group of groups) {
    const members = (await get<{ items: { userId: string }[] }>(`/agent-groups/${group.id}/members`)).items;
    if (members.some((m) => m.userId === user.id)) mine.push(group);
  }
  const categories = (await get<{ items: { id: string; name: string; active: boolean; defaultGroupId: string | null }[] }>('/ticket-categories')).items;
  const category = categories.find((c) => c.active && mine.some((g) => g.id === c.defaultGroupId));
  if (!category) throw new Error(`no active category routes into ${AGENT.email}'s groups (${mine.map((g) => g.name).join(', ')})`);
  return { userId: user.id, category: { id: category.id, name: category.name }, group: mine.find((g) => g.id === category.defaultGroupId)! };
}

// The whole ticket loop in one browser with two unrelated contexts: a shopper files a ticket with a photo in the
// widget; an agent finds it in the console's queues, reads the photo, writes an internal note and a public reply
// and resolves it; the shopper's open widget shows the reply and 确认已解决 live (never the note); the shopper
// confirms and the console shows the ticket closed.
describe('the ticket loop in a real browser: widget ↔ console', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let visitorContext: BrowserContext;
  let agentContext: BrowserContext;
  let visitor: Page;
  let agent: Page;
  let desk: Staff;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-loop-'));
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
    // Only the shop's model: the other demo tenants play no part here.
    const shop = await TenantScope.asSystem(() => app.zhida.database.db.selectFrom('tenants').select('id').where('slug', '=', TENANT).executeTakeFirstOrThrow());
    await TenantScope.asTenant(shop.id, () => app.zhida.brains.ensureTraining({ tenantId: shop.id }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    desk = await agentDesk(base);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
    // Two contexts = two unrelated browsers: the shopper and the agent share no cookies or storage.
    visitorContext = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', acceptDownloads: true });
    agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    visitor = await visitorContext.newPage();
    agent = await agentContext.newPage();
    watch(visitor, 'widget', log);
    watch(agent, 'console', log);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (log.length > 0) console.log(`[e2e] browser reports:\n${log.join('\n')}`);
  });

  it('files, routes, answers, resolves and closes a ticket across widget and console, live, keeping internal notes internal', async () => {
    // — The shopper files a ticket with a photo.
    await visitor.goto(`${base}/demo/${TENANT}`);
    await visitor.locator('[data-testid=zhida-launcher]').click();
    await acceptPrivacyNotice(visitor);
    await visitor.locator('[data-testid=zhida-tab-new-ticket]').click();
    const categorySelect = visitor.locator('[data-testid=zhida-ticket-category]');
    await categorySelect.locator('option:nth-child(2)').waitFor({ state: 'attached' });
    await categorySelect.selectOption({ label: desk.category.name });
    await fillRequiredFields(visitor);
    await visitor.locator('[data-testid=zhida-ticket-description]').fill(DESCRIPTION);
    await visitor.locator('[data-testid=zhida-ticket-name]').fill('周女士');
    await visitor.locator('[data-testid=zhida-ticket-phone]').fill('13800138000');
    await visitor.locator('[data-testid=zhida-ticket-form] [data-testid=zhida-ticket-file]').setInputFiles([{ name: '裂纹.png', mimeType: 'image/png', buffer: PNG }]);
    await expect.poll(() => visitor.locator('[data-testid=zhida-ticket-attachment] img').count()).toBe(1);
    await visitor.locator('[data-testid=zhida-ticket-submit]').click();
    const submitted = visitor.locator('[data-testid=zhida-ticket-submitted]');
    await submitted.waitFor({ timeout: 30_000 });
    const number = /工单已提交：(GD\d+)/.exec(await submitted.innerText())?.[1];
    if (!number) throw new Error(`no ticket number in "${await submitted.innerText()}"`);
    const widgetTimeline = visitor.locator('[data-testid=zhida-ticket-timeline]');
    expect(await widgetTimeline.innerText()).toContain('裂纹.png');
    // The widget stays on this ticket's page from here on: everything below must reach it without a reload.
    const navigations: string[] = [];
    // Every ticket answer the widget receives from here on, to prove the note never reaches the shopper's browser.
    const widgetBodies: Promise<string>[] = [];
    visitor.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/v1/widget/tickets')) widgetBodies.push(response.text().catch(() => ''));
    });
    visitor.on('framenavigated', (frame) => {
      if (frame === visitor.mainFrame()) navigations.push(frame.url());
    });

    // — The agent signs in to the console and opens 工单.
    await agent.goto(`${base}/console/`);
    await agent.locator('[data-testid=login-tenant]').fill(TENANT);
    await agent.locator('[data-testid=login-email]').fill(AGENT.email);
    await agent.locator('[data-testid=login-password]').fill(AGENT.password);
    await agent.locator('[data-testid=login-submit]').click();
    await agent.locator('[data-testid=nav-tickets]').click();

    // The ticket was routed into the agent's group: it is in 我的组, with that group and a running SLA countdown.
    await agent.locator('[data-testid=ticket-tab-my_groups]').click();
    const row = agent.locator(`[data-testid=ticket-row][data-number="${number}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain(desk.group.name);
    const countdown = row.locator('[data-testid=ticket-sla]');
    expect(['running', 'warning']).toContain(await countdown.getAttribute('data-tone'));
    expect(await countdown.innerText()).toMatch(/^剩余 \d/);
    expect(await row.locator('[data-testid=ticket-status]').getAttribute('data-status')).toBe('new');

    // Assignment decides the other tab: 我的 when routing gave it to this agent, 未分派 when nobody had room.
    const assigned = await agentContext.request.get(`${base}/api/v1/tickets?queue=all&q=${encodeURIComponent(number)}`);
    expect(assigned.status()).toBe(200);
    const summary = ((await assigned.json()) as { items: { number: string; assignee: { id: string; name: string } | null }[] }).items.find((t) => t.number === number);
    expect(summary).toBeDefined();
    const tab = summary?.assignee === null ? 'unassigned' : summary?.assignee.id === desk.userId ? 'mine' : null;
    if (tab) {
      await agent.locator(`[data-testid=ticket-tab-${tab}]`).click();
      await row.waitFor({ timeout: 20_000 });
    } else {
      // Given to a colleague of the group: it is not in this agent's 我的 tab.
      await agent.locator('[data-testid=ticket-tab-mine]').click();
      await agent.locator('.ant-table-tbody').waitFor();
      await expect.poll(() => agent.locator('.ant-spin-spinning').count()).toBe(0);
      expect(await row.count()).toBe(0);
      await agent.locator('[data-testid=ticket-tab-my_groups]').click();
      await row.waitFor({ timeout: 20_000 });
    }
    expect(await row.innerText()).toContain(summary?.assignee?.name ?? '未分派');
    await agent.screenshot({ path: join(SHOTS, 'e2e-loop-console-queue.png') });

    // — The agent opens it and sees the photo among the attachments; the link downloads the PNG itself.
    await row.locator('[data-testid=ticket-number]').click();
    const ticketPage = agent.locator(`[data-testid=ticket-page][data-number="${number}"]`);
    await ticketPage.waitFor({ timeout: 20_000 });
    expect(await agent.locator('[data-testid=ticket-description]').innerText()).toContain(DESCRIPTION);
    const attachment = agent.locator('[data-testid=ticket-attachments] a', { hasText: '裂纹.png' });
    await attachment.waitFor();
    const href = await attachment.getAttribute('href');
    if (!href) throw new Error('the attachment link has no href');
    const file = await agentContext.request.get(new URL(href, agent.url()).toString());
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('image/png');
    expect(Buffer.compare(await file.body(), PNG)).toBe(0);

    // — An internal note first: the console shows it as internal; the shopper must never see it.
    await agent.locator('[data-testid=ticket-reply-internal]').click();
    await agent.locator('[data-testid=ticket-reply-body]').fill(INTERNAL_NOTE);
    await agent.locator('[data-testid=ticket-reply-send]').click();
    await agent.locator('[data-testid=ticket-event][data-public=false]', { hasText: INTERNAL_NOTE }).waitFor({ timeout: 20_000 });

    // — Then the public reply, and the status set to 已解决 from the controls.
    await agent.locator('[data-testid=ticket-reply-public]').click();
    await agent.locator('[data-testid=ticket-reply-body]').fill(PUBLIC_REPLY);
    await agent.locator('[data-testid=ticket-reply-send]').click();
    await agent.locator('[data-testid=ticket-event][data-public=true]', { hasText: PUBLIC_REPLY }).waitFor({ timeout: 20_000 });

    // The shopper's open page shows the reply without a click or reload (ticket.changed over Socket.IO), not the note.
    await widgetTimeline.getByText(PUBLIC_REPLY).waitFor({ timeout: 20_000 });
    const shown = await widgetMarkup(visitor);
    expect(shown).toContain(PUBLIC_REPLY);
    expect(shown).not.toContain('B-7731');

    await agent.locator('[data-testid=ticket-control-status]').click();
    await agent.locator('.ant-select-dropdown:visible .ant-select-item-option[title="已解决"]').click();
    const headerStatus = ticketPage.locator('.ticket-page__header [data-testid=ticket-status]');
    await expect.poll(() => headerStatus.getAttribute('data-status'), { timeout: 20_000 }).toBe('resolved');
    await agent.screenshot({ path: join(SHOTS, 'e2e-loop-console-resolved.png') });

    // — The widget offers 确认已解决 live; the shopper confirms and the ticket is closed on both sides.
    const confirm = visitor.locator('[data-testid=zhida-ticket-confirm]');
    await confirm.waitFor({ timeout: 20_000 });
    expect(await confirm.innerText()).toContain('确认已解决');
    expect(await visitor.locator('[data-testid=zhida-ticket-status]').getAttribute('data-status')).toBe('resolved');
    expect(await widgetMarkup(visitor)).not.toContain('B-7731');
    await visitor.screenshot({ path: join(SHOTS, 'e2e-loop-widget-resolved.png') });
    await confirm.click();
    await expect.poll(() => visitor.locator('[data-testid=zhida-ticket-status]').getAttribute('data-status'), { timeout: 20_000 }).toBe('closed');
    expect(navigations).toEqual([]);

    // The console's open ticket page follows (ticket.changed), and so does the queue.
    await expect.poll(() => headerStatus.getAttribute('data-status'), { timeout: 20_000 }).toBe('closed');
    await agent.locator('[data-testid=ticket-event]', { hasText: PUBLIC_REPLY }).waitFor();
    await agent.screenshot({ path: join(SHOTS, 'e2e-loop-console-closed.png') });
    await agent.locator('[data-testid=ticket-back]').click();
    await agent.locator('[data-testid=ticket-tab-all]').click();
    await expect.poll(() => agent.locator(`[data-testid=ticket-row][data-number="${number}"] [data-testid=ticket-status]`).getAttribute('data-status'), { timeout: 20_000 }).toBe('closed');

    // Nothing the shopper saw, at any point, came from the note; no dialog opened anywhere.
    expect(await widgetMarkup(visitor)).not.toContain('B-7731');
    const bodies = await Promise.all(widgetBodies);
    expect(bodies.some((body) => body.includes(PUBLIC_REPLY))).toBe(true);
    expect(bodies.filter((body) => body.includes('B-7731'))).toEqual([]);
    expect(log.filter((line) => line.includes('dialog'))).toEqual([]);
  }, 240_000);

  /**
   * The first-match lists of 工单设置: a rule below a catch-all is flagged 不会生效 where it sits, moving it above
   * clears the flag, and the SLA policies list opens a filled-in editor. Same server, a second (admin) browser context.
   */
  describe('ticket administration: ordered rules and SLA policies', () => {
    let page: Page;

    beforeAll(async () => {
      page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
      watch(page, 'admin', log);
    });

    const row = (name: string) => page.locator('.ant-table-row', { hasText: name });

    async function createRule(name: string, keyword: string | null): Promise<void> {
      await page.locator('[data-testid=rule-create]').click();
      const dialog = page.locator('.ant-modal').filter({ has: page.locator('[data-testid=rule-name]') });
      await dialog.locator('[data-testid=rule-name]').fill(name);
      if (keyword) {
        const keywords = dialog.locator('.ant-form-item', { hasText: '关键词' }).locator('input');
        await keywords.fill(keyword);
        await keywords.press('Enter');
        await expect.poll(() => dialog.locator('[data-testid=rule-catch-all]').count()).toBe(0);
      } else {
        // No condition at all: the editor warns before it is saved.
        await dialog.locator('[data-testid=rule-catch-all]').waitFor();
      }
      await dialog.locator('[data-testid=rule-group]').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await dialog.locator('.ant-btn-primary').click();
      await row(name).waitFor();
    }

    it('flags a rule a catch-all shadows, clears the flag when it moves above, and deletes both', async () => {
      await page.goto(`${base}/console/`);
      await page.locator('[data-testid=login-tenant]').fill(TENANT);
      await page.locator('[data-testid=login-email]').fill(ADMIN.email);
      await page.locator('[data-testid=login-password]').fill(ADMIN.password);
      await page.locator('[data-testid=login-submit]').click();
      await page.locator('[data-testid=nav-tickets]').waitFor();
      await page.goto(`${base}/console/#/ticket-admin/rules`);
      await page.locator('[data-testid=rule-create]').waitFor();

      await createRule(CATCH_ALL, null);
      await createRule(KEYWORD_RULE, '发票');
      // New rules go to the end, so the keyword rule sits under the catch-all and can never apply.
      await expect.poll(() => row(KEYWORD_RULE).locator('[data-testid=shadowed]').count()).toBe(1);
      expect(await row(CATCH_ALL).locator('[data-testid=shadowed]').count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, 'e2e-ticket-admin-shadowed.png'), fullPage: true });

      await row(KEYWORD_RULE).locator('button[title=上移]').click();
      await expect.poll(() => row(KEYWORD_RULE).locator('[data-testid=shadowed]').count()).toBe(0);
      const names = await page.locator('.ant-table-row').allInnerTexts();
      expect(names.findIndex((text) => text.includes(KEYWORD_RULE))).toBeLessThan(names.findIndex((text) => text.includes(CATCH_ALL)));

      for (const name of [KEYWORD_RULE, CATCH_ALL]) {
        await row(name).getByRole('button', { name: '删除' }).click();
        await page.locator('.ant-popover:visible .ant-btn-dangerous').click();
        await expect.poll(() => row(name).count(), { timeout: 10_000 }).toBe(0);
        // A popover still fading out would take the next rule's confirm click on a loaded machine.
        await expect.poll(() => page.locator('.ant-popover:visible').count(), { timeout: 10_000 }).toBe(0);
      }
    });

    it('lists SLA policies in order and opens one in a filled-in editor', async () => {
      await page.goto(`${base}/console/#/ticket-admin/sla`);
      await page.locator('[data-testid=sla-create]').waitFor();
      const first = page.locator('.ant-table-row').first();
      await first.waitFor();
      const name = (await first.locator('strong').innerText()).trim();
      expect(name.length).toBeGreaterThan(0);
      await first.getByRole('button', { name: '编辑' }).click();
      const dialog = page.locator('.ant-modal:visible');
      await expect.poll(() => dialog.locator('.ant-modal-title').innerText()).toBe(name);
      expect(await dialog.locator('input').first().inputValue()).toBe(name);
      await dialog.getByRole('button', { name: '取 消' }).or(dialog.getByRole('button', { name: '取消' })).first().click();
      await expect.poll(() => page.locator('.ant-modal:visible').count()).toBe(0);
    });
  });
});

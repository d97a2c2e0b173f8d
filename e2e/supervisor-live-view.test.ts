import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffDatabase } from '../packages/server/src/handoff/handoff-schema.js';
import { ChatDesk } from '../packages/server/src/handoff/test-support/chat-desk.js';
import { buildApp, loadConfig, seedDemo, TenantScope, type ZhidaApp } from '../packages/server/src/index.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';
import { copySeededDemo } from './copy-seeded-demo.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const TENANT = 'demo-ecommerce';
const ADMIN = { email: 'admin@demo.zhida.cn', password: 'zhida-demo' };
const AGENT = { email: 'agent1@demo.zhida.cn', password: 'zhida-demo' };
const THREAT = '你们这什么破服务！退款拖了半个月，我要去12315投诉你们！';
const OFFLINE_AGENT = '客服 下班的小周';

interface Staff {
  tenantId: string;
  userId: string;
  cookie: string;
  csrf: string;
}

/** Signs a staff member in through the API, for ids and for calls the test makes beside the browser. */
async function staffLogin(base: string, who: { email: string; password: string }): Promise<Staff> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: TENANT, ...who }),
  });
  expect(login.status).toBe(200);
  const body = (await login.json()) as { user: { id: string; tenantId: string }; csrfToken: string };
  return { tenantId: body.user.tenantId, userId: body.user.id, cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string, csrf: body.csrfToken };
}

describe('the supervisor live view against the real server', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let desk: ChatDesk;
  let admin: Staff;
  const log: string[] = [];

  beforeAll(async () => {
    const missing = ['apps/console/dist/index.html'].filter((f) => !existsSync(join(REPO_ROOT, f)));
    if (missing.length) throw new Error(`build the console first (npm run build): missing ${missing.join(', ')}`);
    dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-supervisor-'));
    await copySeededDemo(dataDir);
    // The demo tenants' shop, bank, hall and operator, as `npm start` runs them: their own service over signed HTTP.
    demo = await startDemoEnterprise();
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...demo.env }, REPO_ROOT));
    await seedDemo(app.zhida, app.log);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    admin = await staffLogin(base, ADMIN);
    const agent = await staffLogin(base, AGENT);
    // A chat desk open around the clock replaces the demo's chat groups (whose hours depend on the clock and
    // whose intents would route the complaint elsewhere): the admin supervises it (away: no offers of their
    // own), agent1 takes chats.
    await TenantScope.asTenant(admin.tenantId, () =>
      handoffDatabase(app.zhida.database.db).updateTable('agent_groups').set({ handles_chat: false, is_chat_default: false }).where('tenant_id', '=', admin.tenantId).execute(),
    );
    desk = await ChatDesk.open(app.zhida.database.db, admin.tenantId, { name: '在线客服 全天', isDefault: true, hours: 'always' });
    await desk.enlist(admin.userId, { supervisor: true, presence: 'away' });
    await desk.enlist(agent.userId, { presence: 'online', maxChats: 3 });
    await desk.agent(OFFLINE_AGENT, { presence: 'offline' });

    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (err) => log.push(`pageerror: ${err.message}`));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('alerts the supervisor to a high-risk visitor, lists the chat as hot, names a refused reassign and takes the chat over', async () => {
    await page.goto(`${base}/console/`);
    await page.locator('[data-testid=login-tenant]').fill(TENANT);
    await page.locator('[data-testid=login-email]').fill(ADMIN.email);
    await page.locator('[data-testid=login-password]').fill(ADMIN.password);
    await page.locator('[data-testid=login-submit]').click();
    await page.locator('[data-testid=nav-supervisor]').click();
    await page.locator('[data-testid=supervisor-page]').waitFor();
    await expect.poll(() => page.locator('[data-testid=realtime-status]').getAttribute('data-connected')).toBe('true');
    await expect.poll(() => page.locator('[data-testid=supervisor-groups]').innerText()).toContain('在线客服 全天');

    // A shopper threatens a 12315 complaint: a high-risk request, offered to agent1.
    const started = await fetch(`${base}/api/v1/widget/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: TENANT }) });
    const { conversationId, visitorToken } = (await started.json()) as { conversationId: string; visitorToken: string };
    const said = await fetch(`${base}/api/v1/widget/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${visitorToken}` },
      body: JSON.stringify({ text: THREAT, clientMsgId: 'e2e-threat-1' }),
    });
    expect(said.status).toBe(201);

    // The toast, wherever the supervisor is, with the reason and the visitor's words.
    const toast = page.locator('[data-testid=handoff-alert]');
    await toast.waitFor({ timeout: 15_000 });
    expect(await toast.innerText()).toContain('高风险');
    expect(await toast.innerText()).toContain('12315');

    // The hot list, refetched on handoff.changed without a click.
    const hot = page.locator('[data-testid=supervisor-hot] .supervisor__hot--risk');
    await hot.waitFor({ timeout: 15_000 });
    // It is on offer to agent1 (李娜, who does not answer here): the 客服 column says so.
    await expect.poll(() => hot.locator('[data-testid=hot-offered-to]').innerText(), { timeout: 15_000 }).toMatch(/^正在转给 .*李娜$/);
    await page.screenshot({ path: join(SHOTS, 'e2e-supervisor-live-view.png'), fullPage: true });

    // Reassigning to an agent who is offline: the server's refusal stays in the dialog, named.
    await hot.locator('[data-testid=hot-reassign]').click();
    await page.locator('[data-testid=reassign-target]').click();
    const option = page.locator(`.ant-select-item-option[title="${OFFLINE_AGENT}"]`);
    // On a loaded machine a click landing while the dropdown still opens is lost, and the closing dropdown can cover the
    // button: click the option until the dropdown is gone.
    await expect
      .poll(async () => {
        if (await option.isVisible()) await option.click({ timeout: 2_000 }).catch(() => undefined);
        return option.isVisible();
      }, { timeout: 30_000, interval: 1_000 })
      .toBe(false);
    await page.locator('[data-testid=reassign-submit]').click();
    const refusal = page.locator('[data-testid=reassign-refusal]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('该客服不在线');
    await page.locator('.ant-modal-close:visible').click();

    // Take over: the chat is the supervisor's, and the console opens it.
    await hot.locator('[data-testid=hot-take-over]').click();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/workspace/${conversationId}`);
    const request = await TenantScope.asTenant(admin.tenantId, () =>
      handoffDatabase(app.zhida.database.db).selectFrom('handoff_requests').select(['status', 'assigned_to', 'priority']).where('conversation_id', '=', conversationId).where('status', '=', 'assigned').executeTakeFirst(),
    );
    expect(request).toMatchObject({ status: 'assigned', assigned_to: admin.userId, priority: 0 });
    expect(log).toEqual([]);
  }, 120_000);

  it('saves a group’s chat settings and an agent’s skills and limit from the admin screens', async () => {
    await page.goto(`${base}/console/#/ticket-admin/groups`);
    const row = page.locator('tr', { hasText: '在线客服 全天' });
    await row.locator('[data-testid=group-chat]').click();
    await page.locator('input[data-testid=group-chat-timeout], [data-testid=group-chat-timeout] input').fill('45');
    await page.locator('input[data-testid=group-chat-skills], [data-testid=group-chat-skills] input').fill('售后，English');
    await page.keyboard.press('Enter');
    // The open suggestion list covers the footer: close it by clicking the dialog's title.
    await page.locator('.ant-modal-title:visible').click();
    await page.locator('.ant-modal-footer .ant-btn-primary:visible').click();
    await expect.poll(async () => {
      const groups = (await (await fetch(`${base}/api/v1/agent-groups`, { headers: { cookie: admin.cookie } })).json()) as { items: { id: string; offerTimeoutSeconds: number; chatSkills: string[] }[] };
      return groups.items.find((group) => group.id === desk.groupId);
    }).toMatchObject({ offerTimeoutSeconds: 45, chatSkills: ['售后', 'English'] });

    await page.goto(`${base}/console/#/agent-admin/agents`);
    const agentRow = page.locator('[data-testid=agents-table] tr', { hasText: OFFLINE_AGENT });
    await agentRow.locator('[data-testid=agent-edit]').click();
    await page.locator('input[data-testid=agent-max-chats], [data-testid=agent-max-chats] input').fill('7');
    await page.locator('input[data-testid=agent-skills], [data-testid=agent-skills] input').fill('ｅｎｇｌｉｓｈ');
    await page.keyboard.press('Enter');
    // The open suggestion list covers the footer: close it by clicking the dialog's title.
    await page.locator('.ant-modal-title:visible').click();
    await page.locator('.ant-modal-footer .ant-btn-primary:visible').click();
    await expect.poll(async () => {
      const agents = (await (await fetch(`${base}/api/v1/agents`, { headers: { cookie: admin.cookie } })).json()) as { items: { name: string; maxChats: number; skills: string[] }[] };
      return agents.items.find((agent) => agent.name === OFFLINE_AGENT);
    }).toMatchObject({ maxChats: 7, skills: ['english'] });
    expect(log).toEqual([]);
  }, 120_000);

  it('shows a taken canned-reply shortcut on its field', async () => {
    await page.goto(`${base}/console/#/agent-admin/canned-replies`);
    for (const attempt of [1, 2]) {
      await page.locator('[data-testid=canned-create]').click();
      await page.locator('[data-testid=canned-shortcut]').fill('/e2e-sorry');
      await page.locator('[data-testid=canned-title]').fill(`致歉 ${attempt}`);
      await page.locator('[data-testid=canned-body]').fill('非常抱歉{customerName}，订单{orderNumber}我们马上处理');
      await page.locator('.ant-modal-footer .ant-btn-primary:visible').click();
      if (attempt === 1) await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    }
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allInnerTexts()).toContain('该快捷键已被使用，请换一个');
    await page.locator('.ant-modal-close:visible').click();
    await expect.poll(() => page.locator('[data-testid=canned-table]').innerText()).toContain('/e2e-sorry');
    expect(await page.locator('[data-testid=canned-table] .agent-admin__variable').count()).toBeGreaterThanOrEqual(2);
  }, 60_000);
});

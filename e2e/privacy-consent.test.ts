import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, seedDemo, TenantScope, type ZhidaApp } from '../packages/server/src/index.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';
import { copySeededDemo } from './copy-seeded-demo.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const TENANT = 'demo-ecommerce';
const ID = '11010519491231002X';

// PIPL in the real browser: a shopper must accept the tenant's notice before the first message, gives the
// separate consent for an ID number through the bot, withdraws it in 隐私设置 (the bot then asks again), and
// an admin finds the shopper on the console's 隐私 page and sees every grant and withdrawal in the ledger.
describe('privacy notice, consent and withdrawal, seen in the console (real browser)', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let shopper: Page;
  let admin: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-privacy-'));
  const log: string[] = [];
  let conversationId = '';

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
    const shop = await TenantScope.asSystem(() => app.zhida.database.db.selectFrom('tenants').select('id').where('slug', '=', TENANT).executeTakeFirstOrThrow());
    await TenantScope.asTenant(shop.id, () => app.zhida.brains.ensureTraining({ tenantId: shop.id }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
    shopper = await (await browser.newContext({ viewport: { width: 400, height: 760 }, locale: 'zh-CN' })).newPage();
    admin = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    for (const page of [shopper, admin]) {
      // A click alone has taken many seconds on the shared two-core machine.
      page.setDefaultTimeout(60_000);
      page.on('pageerror', (err) => log.push(`pageerror: ${err.message}`));
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (log.length > 0) console.log(`[e2e] browser reports:\n${log.join('\n')}`);
  });

  const botAfter = async (seq: number): Promise<string> => {
    for (const reply of await shopper.locator('[data-testid=zhida-message][data-sender=bot][data-seq]').all()) {
      if (Number(await reply.getAttribute('data-seq')) > seq) return reply.innerText();
    }
    return '';
  };
  const send = async (text: string): Promise<number> => {
    await shopper.locator('[data-testid=zhida-input]').fill(text);
    await shopper.locator('[data-testid=zhida-send]').click();
    const mine = shopper.locator('[data-testid=zhida-message][data-sender=visitor][data-seq]').last();
    await mine.waitFor();
    return Number(await mine.getAttribute('data-seq'));
  };

  it('shows the notice before the first message, sends nothing until 同意并继续, then chats', async () => {
    await shopper.goto(`${base}/demo/${TENANT}`);
    await shopper.locator('[data-testid=zhida-launcher]').click();
    const notice = shopper.locator('[data-testid=zhida-privacy-notice]');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.innerText()).toContain('个人信息');
    await shopper.screenshot({ path: join(SHOTS, 'e2e-privacy-notice.png') });

    await shopper.locator('[data-testid=zhida-input]').fill('怎么退货');
    await shopper.locator('[data-testid=zhida-send]').click();
    expect(await shopper.locator('[data-testid=zhida-message][data-sender=visitor]').count()).toBe(0);
    expect(await shopper.locator('[data-testid=zhida-input]').inputValue()).toBe('怎么退货');

    await shopper.locator('[data-testid=zhida-privacy-accept]').click();
    await notice.waitFor({ state: 'hidden' });
    const seq = await send('怎么退货');
    await expect.poll(() => botAfter(seq), { timeout: 60_000 }).toContain('退货');
    const stored = await shopper.evaluate((key) => localStorage.getItem(key), `zhida:${TENANT}:session`);
    conversationId = (JSON.parse(stored!) as { conversationId: string }).conversationId;
  }, 180_000);

  it('gives the ID consent through the bot, withdraws it in 隐私设置, and the bot asks again', async () => {
    const asked = await send(`我的身份证号${ID}`);
    await expect.poll(() => botAfter(asked), { timeout: 60_000 }).toContain('单独同意');
    await shopper.locator('[data-testid=zhida-quick-reply]', { hasText: '同意处理身份证号' }).click();
    await expect.poll(() => shopper.locator('[data-testid=zhida-message][data-sender=bot]').last().innerText(), { timeout: 60_000 }).toContain('已记录您的单独同意');

    await shopper.locator('[data-testid=zhida-privacy-menu]').click();
    const identity = shopper.locator('[data-testid=zhida-privacy-consent-sensitive_identity]');
    await expect.poll(() => identity.getAttribute('data-granted')).toBe('true');
    expect(await shopper.locator('[data-testid=zhida-privacy-consent-notice]').getAttribute('data-granted')).toBe('true');
    await shopper.screenshot({ path: join(SHOTS, 'e2e-privacy-settings-granted.png') });
    await shopper.locator('[data-testid=zhida-privacy-withdraw-sensitive_identity]').click();
    await expect.poll(() => identity.getAttribute('data-granted')).toBe('false');
    expect(await identity.innerText()).toContain('已撤回');
    await shopper.screenshot({ path: join(SHOTS, 'e2e-privacy-settings-withdrawn.png') });
    await shopper.locator('[data-testid=zhida-privacy-menu]').click();

    // Withdrawn: the number is withheld again and the bot asks for the consent before doing anything with it.
    const again = await send(`身份证${ID}`);
    await expect.poll(() => botAfter(again), { timeout: 60_000 }).toContain('单独同意');
    expect(await shopper.locator('[data-testid=zhida-message][data-sender=visitor]').last().innerText()).not.toContain(ID);
  }, 240_000);

  it('lets an admin find the shopper on the 隐私 page and see the notice acceptance, the grant and the withdrawal', async () => {
    await admin.goto(`${base}/console/`);
    await admin.locator('[data-testid=login-tenant]').fill(TENANT);
    await admin.locator('[data-testid=login-email]').fill('admin@demo.zhida.cn');
    await admin.locator('[data-testid=login-password]').fill('zhida-demo');
    await admin.locator('[data-testid=login-submit]').click();
    await admin.locator('[data-testid=nav-privacy]').click();
    await admin.locator('[data-testid=privacy-page]').waitFor();

    const visitorId = await TenantScope.asSystem(async () =>
      (await app.zhida.database.db.selectFrom('conversations').select('visitor_id').where('id', '=', conversationId).executeTakeFirstOrThrow()).visitor_id,
    );
    await admin.locator('[data-testid=privacy-subject-search] input').fill(visitorId);
    await admin.locator('[data-testid=privacy-subject-search] input').press('Enter');
    await admin.locator('[data-testid=privacy-subject-card]').waitFor();
    const actions = admin.locator('[data-testid=privacy-ledger] tbody tr');
    await expect.poll(() => actions.count()).toBe(3);
    const rows = (await actions.allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
    expect(rows[0]).toMatch(/隐私告知 同意 1/);
    expect(rows[1]).toMatch(/处理身份证号 同意 1/);
    expect(rows[2]).toMatch(/处理身份证号 撤回 1/);

    // An export request with its deadline, and the audit chain checked from the same page.
    await admin.locator('[data-testid=privacy-create-export]').click();
    await admin.locator('[data-testid=privacy-subject-card] [data-testid=privacy-request-download]').waitFor();
    await admin.screenshot({ path: join(SHOTS, 'e2e-privacy-console-ledger.png'), fullPage: true });
    await admin.locator('[data-testid=privacy-tab-audit]').click();
    await admin.locator('[data-testid=privacy-audit-verify]').click();
    await expect.poll(() => admin.locator('[data-testid=privacy-audit-result]').getAttribute('data-intact')).toBe('true');
    await admin.screenshot({ path: join(SHOTS, 'e2e-privacy-console-audit.png') });
  }, 180_000);

  it("masks the ID number in the workspace's context panel until 显示, which is audited", async () => {
    // The shopper consents again (the bot's last question) and sends the number: now it is stored in full.
    await shopper.locator('[data-testid=zhida-quick-reply]', { hasText: '同意处理身份证号' }).last().click();
    await expect.poll(() => shopper.locator('[data-testid=zhida-message][data-sender=bot]').last().innerText(), { timeout: 60_000 }).toContain('已记录您的单独同意');
    await send(`我的身份证号${ID}，转人工`);

    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: TENANT, email: 'admin@demo.zhida.cn', password: 'zhida-demo' }) });
    const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: { id: string } };
    const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const assigned = await fetch(`${base}/api/v1/conversations/${conversationId}`, { method: 'PATCH', headers, body: JSON.stringify({ assigneeId: user.id }) });
    expect(assigned.status).toBe(200);

    await admin.goto(`${base}/console/#/workspace/${conversationId}`);
    const summary = admin.locator('[data-testid=handoff-summary]');
    await expect.poll(() => summary.innerText(), { timeout: 60_000 }).toContain('110105********002X');
    expect(await summary.innerText()).not.toContain(ID);
    await admin.screenshot({ path: join(SHOTS, 'e2e-privacy-context-masked.png') });
    await admin.locator('[data-testid=context-reveal]').click();
    await expect.poll(() => summary.innerText()).toContain(ID);
    await admin.screenshot({ path: join(SHOTS, 'e2e-privacy-context-revealed.png') });

    const reveals = await TenantScope.asSystem(() =>
      app.zhida.database.db.selectFrom('audit_log').select(['actor_id', 'object_id']).where('action', '=', 'pii.revealed').where('object_type', '=', 'conversation_context').execute(),
    );
    expect(reveals).toEqual([{ actor_id: user.id, object_id: conversationId }]);
  }, 240_000);

  it('saves an edited notice as the next version, which the returning shopper is asked to accept again', async () => {
    await admin.goto(`${base}/console/#/privacy`);
    await admin.locator('[data-testid=privacy-tab-notice]').click();
    await expect.poll(() => admin.locator('[data-testid=privacy-notice-version]').innerText()).toContain('第 1 版');
    await admin.locator('textarea[data-testid=privacy-notice-text], [data-testid=privacy-notice-text] textarea').fill('新版告知：我们仅为处理您的咨询使用对话内容，对话记录保存 180 天后删除。');
    await admin.locator('[data-testid=privacy-notice-url]').fill('https://shop.example.cn/privacy');
    await admin.locator('[data-testid=privacy-notice-save]').click();
    await expect.poll(() => admin.locator('[data-testid=privacy-notice-version]').innerText()).toContain('第 2 版');
    await admin.screenshot({ path: join(SHOTS, 'e2e-privacy-console-notice.png') });

    await shopper.reload();
    await shopper.locator('[data-testid=zhida-launcher]').click();
    const notice = shopper.locator('[data-testid=zhida-privacy-notice]');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.innerText()).toContain('保存 180 天后删除');
    expect(await shopper.locator('[data-testid=zhida-privacy-notice-link]').getAttribute('href')).toBe('https://shop.example.cn/privacy');
    await shopper.screenshot({ path: join(SHOTS, 'e2e-privacy-notice-v2.png') });
    await shopper.locator('[data-testid=zhida-privacy-accept]').click();
    await shopper.locator('[data-testid=zhida-privacy][data-state=accepted]').waitFor({ state: 'attached' });
    const chat = await TenantScope.asSystem(() => app.zhida.database.db.selectFrom('conversations').select(['tenant_id', 'visitor_id']).where('id', '=', conversationId).executeTakeFirstOrThrow());
    const history = await TenantScope.asTenant(chat.tenant_id, () => app.zhida.privacy.consents.history({ tenantId: chat.tenant_id }, chat.visitor_id));
    const latest = history.map(({ scope, action, noticeVersion }) => ({ scope, action, noticeVersion })).at(-1);
    expect(latest).toEqual({ scope: 'notice', action: 'granted', noticeVersion: 2 });
  }, 240_000);
});

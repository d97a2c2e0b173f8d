import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeWechatServer } from '../packages/server/src/channels/wechat/test-support/fake-wechat-server.js';
import { TenantScope } from '../packages/server/src/db/tenant-scope.js';
import { buildApp, loadConfig, seedDemo, type ZhidaApp } from '../packages/server/src/index.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';
import { copySeededDemo } from './copy-seeded-demo.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const APP = { appId: 'wxe2e0000000000001', secret: 'e2e-app-secret-0001' };

describe('WeChat in the console: the 微信接入 page and the channel of a WeChat conversation', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  const fake = new FakeWechatServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-wechat-'));
  const log: string[] = [];

  beforeAll(async () => {
    const missing = ['apps/console/dist/index.html'].filter((f) => !existsSync(join(REPO_ROOT, f)));
    if (missing.length > 0) throw new Error(`Front-end build output is missing (${missing.join(', ')}): run \`npm run build\` first (npm test does).`);
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
    mkdirSync(SHOTS, { recursive: true });
    await fake.start();
    // The fake WeChat listens on loopback over http, which an admin allows the same way for a proxy.
    await copySeededDemo(dataDir);
    // The demo tenants' shop, bank, hall and operator, as `npm start` runs them: their own service over signed HTTP.
    demo = await startDemoEnterprise();
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ZHIDA_WEBHOOK_ALLOW_PRIVATE: 'true', ZHIDA_WEBHOOK_ALLOW_HTTP: 'true', ...demo.env }, REPO_ROOT));
    await seedDemo(app.zhida, app.log);
    const shop = await TenantScope.asSystem(() => app.zhida.database.db.selectFrom('tenants').select('id').where('slug', '=', 'demo-ecommerce').executeTakeFirstOrThrow());
    await TenantScope.asTenant(shop.id, async () => {
      await app.zhida.brains.ensureTraining({ tenantId: shop.id });
      // A handoff is queued within the work calendar; the test must not depend on the hour it runs at.
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
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (err) => log.push(`pageerror: ${err.message}`));
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (log.length > 0) console.log(`[e2e] browser reports:\n${log.join('\n')}`);
  });

  const postCallback = (accountId: string, fields: Record<string, string>) => {
    const cb = fake.callback(APP.appId, fields);
    return fetch(`${base}/api/v1/channels/wechat/${accountId}/callback?${new URLSearchParams(cb.query)}`, { method: 'POST', headers: { 'content-type': cb.contentType }, body: cb.body });
  };

  it('connects a 公众号 from the console, shows its callback URL but never a secret, and tags its conversations 公众号', async () => {
    const responses: string[] = [];
    page.on('response', (res) => {
      if (res.url().includes('/channels/wechat/accounts')) void res.text().then((t) => responses.push(t), () => undefined);
    });
    await page.goto(`${base}/console/`);
    await page.locator('[data-testid=login-tenant]').fill('demo-ecommerce');
    await page.locator('[data-testid=login-email]').fill('admin@demo.zhida.cn');
    await page.locator('[data-testid=login-password]').fill('zhida-demo');
    await page.locator('[data-testid=login-submit]').click();
    await page.locator('[data-testid=nav-wechat]').click();
    await page.locator('[data-testid=wechat-accounts]').waitFor();
    expect(page.url()).toMatch(/#\/settings\/wechat$/);

    await page.locator('[data-testid=wechat-add]').click();
    await page.locator('[data-testid=wechat-name]').fill('官方公众号');
    await page.locator('[data-testid=wechat-app-id]').fill(APP.appId);
    await page.locator('[data-testid=wechat-secret]').fill(APP.secret);
    await page.locator('[data-testid=wechat-token-generate]').click();
    const token = await page.locator('[data-testid=wechat-token]').inputValue();
    expect(token).toMatch(/^[A-Za-z0-9]{32}$/);
    await page.locator('[data-testid=wechat-aes-generate]').click();
    const aesKey = await page.locator('[data-testid=wechat-aes-key]').inputValue();
    expect(aesKey).toMatch(/^[A-Za-z0-9]{43}$/);
    await page.locator('[data-testid=wechat-api-base]').fill(fake.url);
    await page.screenshot({ path: join(SHOTS, 'e2e-wechat-console-form.png') });
    await page.locator('[data-testid=wechat-save]').click();

    const url = page.locator('[data-testid=wechat-callback-url]');
    await url.first().waitFor({ timeout: 15_000 });
    const callbackUrl = (await url.first().innerText()).trim();
    expect(callbackUrl).toMatch(new RegExp(`^${base.replaceAll('.', '\\.')}/api/v1/channels/wechat/[0-9a-f-]{36}/callback$`));
    const accountId = callbackUrl.split('/').at(-2)!;
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached', timeout: 10_000 });
    fake.addApp({ ...APP, token, encodingAesKey: aesKey });
    // Write-only: nothing the console received or shows contains a secret.
    for (const secret of [APP.secret, token, aesKey]) {
      expect(await page.content()).not.toContain(secret);
      expect(responses.join('\n')).not.toContain(secret);
    }
    await page.screenshot({ path: join(SHOTS, 'e2e-wechat-console-list.png') });

    // Someone is on duty, so a handoff is queued (not 暂无客服在线).
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'demo-ecommerce', email: 'agent1@demo.zhida.cn', password: 'zhida-demo' }) });
    const agent = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string, csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
    const online = await fetch(`${base}/api/v1/agents/me/presence`, { method: 'PUT', headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ presence: 'online' }) });
    expect(online.status).toBe(200);

    // WeChat's URL check and a message, signed and encrypted with what the admin set.
    const check = fake.verification(APP.appId, 'echo-e2e', 'wechat_mp');
    expect(await (await fetch(`${base}/api/v1/channels/wechat/${accountId}/callback?${new URLSearchParams(check)}`)).text()).toBe('echo-e2e');
    const angry = await postCallback(accountId, { ToUserName: 'gh_shop', FromUserName: 'o-e2e-angry', CreateTime: String(Math.floor(Date.now() / 1000)), MsgType: 'text', Content: '你们这什么破服务！退款拖了半个月，我要去12315投诉你们！', MsgId: '9001' });
    expect(await angry.text()).toBe('success');
    await expect.poll(() => fake.sends.filter((s) => s.touser === 'o-e2e-angry').length, { timeout: 30_000 }).toBeGreaterThan(0);

    // The supervisor's hot list shows where the customer is.
    await page.goto(`${base}/console/#/supervisor`);
    const hotTag = page.locator('[data-testid=supervisor-hot] [data-testid=conversation-channel]').first();
    await hotTag.waitFor({ timeout: 20_000 });
    expect(await hotTag.getAttribute('data-channel')).toBe('wechat_mp');
    expect(await hotTag.innerText()).toBe('公众号');
    await page.screenshot({ path: join(SHOTS, 'e2e-wechat-supervisor.png') });

    // Disabled: WeChat's pushes are refused (404), nothing is stored.
    await page.goto(`${base}/console/#/settings/wechat`);
    await page.locator('[data-testid=wechat-active]').first().click();
    await expect.poll(() => page.locator('[data-testid=wechat-active]').first().getAttribute('aria-checked'), { timeout: 10_000 }).toBe('false');
    const refused = await postCallback(accountId, { ToUserName: 'gh_shop', FromUserName: 'o-e2e-late', CreateTime: String(Math.floor(Date.now() / 1000)), MsgType: 'text', Content: '在吗', MsgId: '9002' });
    expect(refused.status).toBe(404);

    // Edit: the secret fields start empty and a blank one keeps the stored value.
    await page.locator('[data-testid=wechat-edit]').first().click();
    expect(await page.locator('[data-testid=wechat-secret]').inputValue()).toBe('');
    await page.locator('[data-testid=wechat-name]').fill('售后公众号');
    await page.locator('[data-testid=wechat-save]').click();
    await page.locator('[data-testid=wechat-table]', { hasText: '售后公众号' }).waitFor({ timeout: 10_000 });
    await page.locator('[data-testid=wechat-active]').first().click();
    await expect.poll(() => page.locator('[data-testid=wechat-active]').first().getAttribute('aria-checked'), { timeout: 10_000 }).toBe('true');
    const again = fake.verification(APP.appId, 'echo-kept', 'wechat_mp');
    expect(await (await fetch(`${base}/api/v1/channels/wechat/${accountId}/callback?${new URLSearchParams(again)}`)).text()).toBe('echo-kept');
    expect(log).toEqual([]);
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
const TENANT = 'demo-ecommerce';
const COMMENT = '等了很久才有人回复，问题也没解决';

// A shopper's chat ends, the widget asks for stars, 2 stars with a comment → a 回访 ticket for the supervisor,
// which the console shows under 服务评价与月报 with its GD number; the 数据看板 shows the rating among the comments.
describe('a low rating in the widget becomes a 回访 in the console (real browser)', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let dataDir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    for (const f of ['apps/widget/dist/widget.js', 'apps/console/dist/index.html']) if (!existsSync(join(REPO_ROOT, f))) throw new Error(`build first (npm run build): ${f} is missing`);
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-feedback-'));
    await copySeededDemo(dataDir);
    // The demo tenants' shop, bank, hall and operator, as `npm start` runs them: their own service over signed HTTP.
    demo = await startDemoEnterprise();
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...demo.env }, REPO_ROOT));
    await seedDemo(app.zhida, app.log);
    const shop = (await app.zhida.tenants.findBySlug(TENANT))!;
    await TenantScope.asTenant(shop.id, () => app.zhida.brains.ensureTraining({ tenantId: shop.id }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const consolePage = async (email: string): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${base}/console/`);
    await page.locator('[data-testid=login-tenant]').fill(TENANT);
    await page.locator('[data-testid=login-email]').fill(email);
    await page.locator('[data-testid=login-password]').fill('zhida-demo');
    await page.locator('[data-testid=login-submit]').click();
    return page;
  };

  it('asks for stars when the agent closes the chat; 2 stars open a 回访 ticket shown in the console and on the dashboard', async () => {
    const widget = await (await browser.newContext({ viewport: { width: 400, height: 760 }, locale: 'zh-CN' })).newPage();
    widget.on('pageerror', (err) => errors.push(err.message));
    await widget.goto(`${base}/demo/${TENANT}`);
    await widget.locator('[data-testid=zhida-launcher]').click();
    await acceptPrivacyNotice(widget);
    await widget.locator('[data-testid=zhida-input]').fill('怎么退货');
    await widget.keyboard.press('Enter');
    await expect.poll(() => widget.locator('[data-sender=bot]').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const session = JSON.parse((await widget.evaluate((key) => localStorage.getItem(key), `zhida:${TENANT}:session`))!) as { conversationId: string };

    // The agent closes the conversation (the console's 结束会话 does the same PATCH).
    const agent = await consolePage('agent1@demo.zhida.cn');
    await expect.poll(() => agent.locator('[data-testid=nav-tickets]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const closed = await agent.evaluate(async (id) => {
      const me = (await fetch('/api/v1/auth/me').then((r) => r.json())) as { csrfToken: string };
      const res = await fetch(`/api/v1/conversations/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ status: 'closed' }) });
      return res.status;
    }, session.conversationId);
    expect(closed).toBe(200);

    // The survey arrives in the chat: 2 stars, a tag, a comment.
    await widget.locator('[data-testid=zhida-survey] [data-testid=zhida-star-2]').click({ timeout: 60_000 });
    await widget.locator('[data-testid=zhida-survey] .zd-tag', { hasText: '等待太久' }).click();
    await widget.locator('[data-testid=zhida-survey-comment]').fill(COMMENT);
    await widget.locator('[data-testid=zhida-survey-submit]').click();
    await expect.poll(() => widget.locator('[data-testid=zhida-survey-thanks]').textContent(), { timeout: 30_000 }).toContain('2 星');
    await widget.screenshot({ path: join(SHOTS, 'feedback-widget-survey.png') });

    // The supervisor sees the 回访 with its ticket number under 服务评价与月报.
    const supervisor = await consolePage('supervisor@demo.zhida.cn');
    await supervisor.locator('[data-testid=nav-feedback]').click();
    await supervisor.waitForURL(/#\/feedback/);
    const ticket = supervisor.locator('[data-testid=feedback-follow-up-ticket]').first();
    await expect.poll(async () => (await ticket.textContent({ timeout: 60_000 })) ?? '', { timeout: 60_000 }).toMatch(/^GD\d+/);
    await expect.poll(() => supervisor.getByText(COMMENT).count()).toBeGreaterThan(0);
    await supervisor.screenshot({ path: join(SHOTS, 'feedback-console.png'), fullPage: true });
    await ticket.click();
    await supervisor.waitForURL(/#\/tickets\//);
    await expect.poll(() => supervisor.getByText('回访：客户给出 2 星评价').count(), { timeout: 30_000 }).toBeGreaterThan(0);

    // The dashboard shows the rating among the recent comments: its default range (the server's) ends today,
    // not yesterday as it once did, when today's ratings never showed.
    await supervisor.locator('[data-testid=nav-dashboard]').click();
    await supervisor.waitForURL(/#\/dashboard/);
    await expect.poll(() => supervisor.getByText(COMMENT).count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await supervisor.screenshot({ path: join(SHOTS, 'feedback-dashboard.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 300_000);
});

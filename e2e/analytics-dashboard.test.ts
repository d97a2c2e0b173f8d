import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAnalyticsHistory } from '../packages/server/src/demo/demo-analytics-history.js';
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

describe('the 数据看板 in Chromium on the demo tenant’s seeded month', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'apps/console/dist/index.html'))) throw new Error('build the console first (npm run build)');
    dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-dashboard-'));
    await copySeededDemo(dataDir);
    // The demo tenants' shop, bank, hall and operator, as `npm start` runs them: their own service over signed HTTP.
    demo = await startDemoEnterprise();
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...demo.env }, REPO_ROOT));
    await seedDemo(app.zhida, app.log);
    const tenant = (await app.zhida.tenants.findBySlug(TENANT))!;
    const config = await TenantScope.asTenant(tenant.id, () => app.zhida.botConfigs.get({ tenantId: tenant.id }));
    expect(await seedDemoAnalyticsHistory(app.zhida.database.db, tenant.id, TENANT, config!)).toBeGreaterThan(10_000);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const signIn = async (who: { email: string; password: string }) => {
    page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${base}/console/`);
    await page.locator('[data-testid=login-tenant]').fill(TENANT);
    await page.locator('[data-testid=login-email]').fill(who.email);
    await page.locator('[data-testid=login-password]').fill(who.password);
    await page.locator('[data-testid=login-submit]').click();
  };

  it('shows the month: KPIs with definitions, the trend and the step funnel drawn by ECharts, the agents', async () => {
    await signIn(ADMIN);
    await page.locator('[data-testid=nav-dashboard]').click();
    await page.waitForURL(/#\/dashboard/);
    const containment = page.locator('[data-testid=kpi-containment]');
    await expect.poll(async () => (await containment.textContent()) ?? '', { timeout: 60_000 }).toMatch(/\d+\.\d%/);
    expect(Number(((await page.locator('[data-testid=kpi-visits]').textContent()) ?? '').replace(/\D/g, ''))).toBeGreaterThan(1000);
    // ECharts draws on canvas: the trend and the first flow's funnel are there, with content.
    await expect.poll(() => page.locator('[data-testid=chart-trend] canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=chart-funnel] canvas').count()).toBeGreaterThan(0);
    await page.getByText('指标定义').click();
    await expect.poll(() => page.getByText('机器人解决率 = 结束时未转到人工').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=dashboard-agents] tbody tr').count()).toBeGreaterThan(1);
    const csv = await page.locator('[data-testid=dashboard-csv-daily]').getAttribute('href');
    expect(csv).toMatch(/^\/api\/v1\/analytics\/export\/daily\.csv\?from=\d{4}-\d{2}-\d{2}&to=/);
    await page.screenshot({ path: join(SHOTS, 'analytics-dashboard.png'), fullPage: true });
    // Filtering by channel asks the server again and changes the numbers.
    const before = await page.locator('[data-testid=kpi-visits]').textContent();
    await page.locator('[data-testid=dashboard-channel]').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '小程序' }).click();
    await expect.poll(() => page.locator('[data-testid=kpi-visits]').textContent(), { timeout: 30_000 }).not.toBe(before);
    expect(errors).toEqual([]);
  }, 180_000);

  it('is not offered to an agent', async () => {
    await signIn(AGENT);
    await page.locator('[data-testid=nav-tickets]').waitFor();
    expect(await page.locator('[data-testid=nav-dashboard]').count()).toBe(0);
  }, 120_000);
});

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, seedDemo, TenantScope, type ZhidaApp } from '../packages/server/src/index.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';
import { acceptPrivacyNotice } from './privacy-notice.js';
import { copySeededDemo } from './copy-seeded-demo.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';

/** What the server's limiter answers (`RateLimitedError`), with the wait it names. */
function refuseAsThrottled(route: Route, retryAfterSeconds: number): Promise<void> {
  return route.fulfill({
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds) },
    body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests, please retry later' } }),
  });
}

// The real server, the built widget, a real browser. The 429s come from a route handler in front of the
// server: its own limiter needs 30 starts a minute from one address, and its window would make the test wait a minute.
describe('widget under rate limiting (429 + Retry-After) in a real browser', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-429-'));
  const log: string[] = [];

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
    // Only the shop's model: the other demo tenants play no part here, and training them all is most of a minute.
    const shop = await TenantScope.asSystem(() => app.zhida.database.db.selectFrom('tenants').select('id').where('slug', '=', 'demo-ecommerce').executeTakeFirstOrThrow());
    await TenantScope.asTenant(shop.id, () => app.zhida.brains.ensureTraining({ tenantId: shop.id }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (err) => log.push(`pageerror: ${err.message}`));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (log.length > 0) console.log(`[e2e] browser reports:\n${log.join('\n')}`);
  });

  it('waits out a 429 on start and on a send, says it is busy, and delivers the message without a click', async () => {
    let startsRefused = 0;
    let sendsRefused = 0;
    // More refusals than the five start-up attempts after which a real outage shows the manual 重试 banner.
    await page.route('**/api/v1/widget/conversations', (route) => (route.request().method() === 'POST' && startsRefused++ < 6 ? refuseAsThrottled(route, 1) : route.fallback()));
    await page.route('**/api/v1/widget/conversations/*/messages', (route) => (route.request().method() === 'POST' && sendsRefused++ < 2 ? refuseAsThrottled(route, 2) : route.fallback()));

    await page.goto(`${base}/demo/demo-ecommerce`);
    await page.locator('[data-testid=zhida-launcher]').click();
    await acceptPrivacyNotice(page);
    const busy = page.locator('[data-testid=zhida-busy]');
    await busy.waitFor({ state: 'visible' });
    expect(await busy.innerText()).toMatch(/客服繁忙，(\d 秒后自动重试|正在重试…)/);
    await page.locator('[data-testid=zhida-input]').fill('怎么退货');
    await page.locator('[data-testid=zhida-send]').click();
    const mine = page.locator('[data-testid=zhida-message][data-sender=visitor]', { hasText: '怎么退货' });
    await expect.poll(() => mine.getAttribute('data-status'), { timeout: 5_000 }).toBe('waiting');
    await page.screenshot({ path: join(SHOTS, 'e2e-widget-busy-start.png') });

    // Start-up gets through after six 1-second waits; then the send is refused twice (2 s each), then delivered.
    const confirmed = page.locator('[data-testid=zhida-message][data-sender=visitor][data-seq]', { hasText: '怎么退货' });
    await confirmed.waitFor({ timeout: 30_000 });
    const seq = Number(await confirmed.getAttribute('data-seq'));
    await expect
      .poll(
        async () => {
          const replies = page.locator('[data-testid=zhida-message][data-sender=bot][data-seq]');
          for (const reply of await replies.all()) if (Number(await reply.getAttribute('data-seq')) > seq) return reply.innerText();
          return '';
        },
        { timeout: 30_000 },
      )
      .toContain('退货');
    expect(startsRefused).toBeGreaterThanOrEqual(7);
    expect(sendsRefused).toBeGreaterThanOrEqual(3);
    await busy.waitFor({ state: 'hidden' });
    // Never the outage banner with its manual 重试 button.
    expect(await page.locator('.zd-banner').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=zhida-message][data-sender=visitor]').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'e2e-widget-busy-recovered.png') });
  }, 120_000);
});

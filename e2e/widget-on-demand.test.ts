import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { acceptPrivacyNotice } from './privacy-notice.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, type ZhidaApp } from '../packages/server/src/index.js';
import { TenantProvisioner } from '../packages/server/src/tenancy/tenant-provisioner.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const TENANT = 'on-demand-shop';

/**
 * widget.js keeps only what every page view needs; the call, the microphone, the speaker and the ticket form come
 * from widget-on-demand.js on first use. In Chromium: a plain visit never fetches it, 提交工单 fetches it once and
 * shows the form; when it cannot be fetched, 按住说话 and 提交工单 say so in Chinese and text chat still works.
 */
describe('the widget’s on-demand script in Chromium', () => {
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'zhida-e2e-on-demand-'));
  const problems: string[] = [];

  /** A shop page with the widget open; `block` makes widget-on-demand.js unreachable. Returns the script's fetches. */
  const openWidget = async (block: boolean): Promise<{ page: Page; fetched: string[] }> => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.setDefaultTimeout(120_000);
    const fetched: string[] = [];
    await page.route('**/widget-on-demand.js', (route) => {
      fetched.push(route.request().url());
      return block ? route.abort('connectionrefused') : route.continue();
    });
    await page.goto(`${base}/demo/${TENANT}`);
    await page.getByTestId('zhida-launcher').click();
    await acceptPrivacyNotice(page);
    await expect.poll(() => page.locator('[data-testid="zhida-message"][data-sender="bot"]').count(), { timeout: 120_000 }).toBeGreaterThan(0);
    return { page, fetched };
  };

  beforeAll(async () => {
    for (const f of ['apps/widget/dist/widget.js', 'apps/widget/dist/widget-on-demand.js']) if (!existsSync(join(REPO_ROOT, f))) throw new Error(`build first (npm run build): ${f} is missing`);
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium.`);
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn' }, REPO_ROOT));
    await new TenantProvisioner(app.zhida).create({ slug: TENANT, name: TENANT, template: 'ecommerce', users: [{ email: `admin@${TENANT}.test`, name: 'admin', role: 'admin', password: 'on-demand e2e password' }] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    if (problems.length > 0) console.log(`[e2e] browser reports:\n${problems.join('\n')}`);
  });

  it('a plain visit never fetches it; 提交工单 fetches it once, beside widget.js, and shows the form', async () => {
    const { page, fetched } = await openWidget(false);
    await page.getByTestId('zhida-input').fill('运费是多少');
    await page.getByTestId('zhida-send').click();
    await expect.poll(() => page.locator('[data-testid="zhida-message"][data-sender="bot"]').count(), { timeout: 60_000 }).toBeGreaterThan(1);
    expect(fetched).toEqual([]);

    await page.getByTestId('zhida-tab-new-ticket').click();
    await expect.poll(() => page.getByTestId('zhida-ticket-form').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('zhida-ticket-form').isVisible(), { timeout: 60_000 }).toBe(true);
    await page.getByTestId('zhida-tab-my-tickets').click();
    await page.getByTestId('zhida-tab-new-ticket').click();
    expect(fetched).toEqual([`${base}/widget-on-demand.js`]);
    expect(await page.evaluate('typeof window.ZhidaWidgetOnDemand')).toBe('object');
    await page.context().close();
  });

  it('unreachable: 按住说话 and 提交工单 say so, and text chat still works', async () => {
    const { page, fetched } = await openWidget(true);
    const talk = page.getByTestId('zhida-talk');
    await talk.hover();
    await page.mouse.down();
    await page.mouse.up();
    const status = page.getByTestId('zhida-voice-status');
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain('语音组件加载失败，请刷新重试');
    expect(await talk.getAttribute('data-phase')).toBe('idle');

    await page.getByTestId('zhida-tab-new-ticket').click();
    const error = page.getByTestId('zhida-ticket-error');
    await expect.poll(() => error.textContent(), { timeout: 60_000 }).toContain('工单组件加载失败，请刷新重试');
    expect(fetched.length).toBeGreaterThanOrEqual(2);

    await page.getByTestId('zhida-tab-chat').click();
    const before = await page.locator('[data-testid="zhida-message"][data-sender="bot"]').count();
    await page.getByTestId('zhida-input').fill('运费是多少');
    await page.getByTestId('zhida-send').click();
    await expect.poll(() => page.locator('[data-testid="zhida-message"][data-sender="bot"]').count(), { timeout: 60_000 }).toBeGreaterThan(before);
    expect(problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
    await page.context().close();
  });
});

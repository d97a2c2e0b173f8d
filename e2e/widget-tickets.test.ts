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
/** A 1×1 PNG: real magic bytes, so the server's sniffer accepts it as an image. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const HOSTILE = '<img src=x onerror=alert(1)>';

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

// The real server, the built widget, a real browser at phone width: a shopper files a ticket with a photo
// from the widget, sees its number and progress at once, and an agent's reply reaches the ticket page live.
describe('tickets in the widget (提交工单 / 我的工单) in a real browser', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-tickets-'));
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
    // Only the shop's model: the other demo tenants play no part here.
    const shop = await TenantScope.asSystem(() => app.zhida.database.db.selectFrom('tenants').select('id').where('slug', '=', 'demo-ecommerce').executeTakeFirstOrThrow());
    await TenantScope.asTenant(shop.id, () => app.zhida.brains.ensureTraining({ tenantId: shop.id }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
    // 360 px: the narrowest phone the widget promises to work on (full-screen panel).
    page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (err) => log.push(`pageerror: ${err.message}`));
    page.on('dialog', (dialog) => {
      log.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (log.length > 0) console.log(`[e2e] browser reports:\n${log.join('\n')}`);
  });

  it('files a ticket with an image, shows its number and timeline at once, an agent’s reply and resolution live, and closes on confirmation', async () => {
    await page.goto(`${base}/demo/demo-ecommerce`);
    await page.locator('[data-testid=zhida-launcher]').click();
    await page.locator('[data-testid=zhida-tab-new-ticket]').click();

    // The form refuses to send without a category and a description, before any request.
    await page.locator('[data-testid=zhida-ticket-category] option:nth-child(2)').waitFor({ state: 'attached' });
    await page.locator('[data-testid=zhida-ticket-submit]').click();
    expect(await page.locator('[data-testid=zhida-ticket-form] .zd-field-error:visible').allInnerTexts()).toContain('此项为必填');

    await page.locator('[data-testid=zhida-ticket-category]').selectOption({ index: 1 });
    await fillRequiredFields(page);
    await page.locator('[data-testid=zhida-ticket-description]').fill(`收到的衣服有破洞，想退货 ${HOSTILE}`);
    await page.locator('[data-testid=zhida-ticket-name]').fill('张三');
    await page.locator('[data-testid=zhida-ticket-phone]').fill('1380013800');
    const file = page.locator('[data-testid=zhida-ticket-form] [data-testid=zhida-ticket-file]');
    // Checked in the browser: a text file is refused with a message naming it; the photo is taken, with a thumbnail.
    await file.setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') }]);
    expect(await page.locator('[data-testid=zhida-ticket-form] [data-testid=zhida-ticket-file-error]').innerText()).toContain('notes.txt');
    await file.setInputFiles([{ name: '破洞.png', mimeType: 'image/png', buffer: PNG }]);
    await expect.poll(() => page.locator('[data-testid=zhida-ticket-attachment] img').count()).toBe(1);

    // Ten digits is not a mobile number: the form says so and sends nothing.
    await page.locator('[data-testid=zhida-ticket-submit]').click();
    expect(await page.locator('[data-testid=zhida-ticket-form] .zd-field-error:visible').allInnerTexts()).toContain('请输入正确的 11 位手机号');
    await page.locator('[data-testid=zhida-ticket-phone]').fill('138 0013 8000');
    // The privacy notice holds the form back like the chat composer: shown above the form, nothing sent until 同意并继续.
    await page.locator('[data-testid=zhida-ticket-privacy][data-state=asking]').waitFor({ state: 'attached' });
    expect(await page.locator('[data-testid=zhida-ticket-privacy-notice]').isVisible()).toBe(true);
    const ticketRequests: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/api/v1/widget/tickets')) ticketRequests.push(request.url());
    });
    await page.locator('[data-testid=zhida-ticket-submit]').click();
    await expect.poll(() => page.locator('[data-testid=zhida-ticket-error]').innerText()).toContain('请先阅读并同意上方的隐私告知');
    expect(ticketRequests).toEqual([]);
    await page.locator('[data-testid=zhida-ticket-privacy-accept]').click();
    await page.locator('[data-testid=zhida-ticket-privacy][data-state=accepted]').waitFor({ state: 'attached' });
    expect(await page.locator('[data-testid=zhida-ticket-error]').isVisible()).toBe(false);
    await page.locator('[data-testid=zhida-ticket-submit]').click();

    const submitted = page.locator('[data-testid=zhida-ticket-submitted]');
    await submitted.waitFor({ timeout: 30_000 });
    const number = /工单已提交：(GD\d+)/.exec(await submitted.innerText())?.[1];
    expect(number).toBeDefined();
    expect(await page.locator('[data-testid=zhida-ticket-number]').innerText()).toBe(number);
    const timeline = page.locator('[data-testid=zhida-ticket-event]');
    expect(await timeline.count()).toBeGreaterThanOrEqual(1);
    expect((await timeline.allInnerTexts()).join('\n')).toContain('工单已提交');
    expect(await page.locator('[data-testid=zhida-ticket-timeline]').innerText()).toContain('破洞.png');
    // Ticket text is shown as text: the tag is visible literally and no element was made from it.
    expect(await page.locator('[data-testid=zhida-ticket-page]').innerText()).toContain(HOSTILE);
    expect(await page.locator('[data-testid=zhida-ticket-page] img').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'e2e-widget-ticket-submitted.png') });

    // 我的工单 lists it.
    await page.locator('[data-testid=zhida-ticket-back]').click();
    const row = page.locator(`[data-testid=zhida-ticket-item][data-ticket-number="${number}"]`);
    await row.waitFor();

    // An agent answers from the staff API; the shopper's open ticket page updates without a click (ticket.changed).
    await row.click();
    await page.locator('[data-testid=zhida-ticket-page]').waitFor();
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'demo-ecommerce', email: 'agent1@demo.zhida.cn', password: 'zhida-demo' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const found = (await (await fetch(`${base}/api/v1/tickets?q=${encodeURIComponent(number ?? '')}`, { headers: { cookie } })).json()) as { items: { id: string; number: string }[] };
    const ticketId = found.items.find((t) => t.number === number)?.id;
    expect(ticketId).toBeDefined();
    const reply = await fetch(`${base}/api/v1/tickets/${ticketId}/replies`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ body: '您好，已为您登记退货，请留意短信' }),
    });
    expect(reply.status).toBeLessThan(300);
    await expect.poll(() => page.locator('[data-testid=zhida-ticket-timeline]').innerText(), { timeout: 20_000 }).toContain('已为您登记退货');

    // 补充信息 from the customer lands on the timeline too.
    await page.locator('[data-testid=zhida-ticket-reply]').fill('吊牌还在，包装完好');
    await page.locator('[data-testid=zhida-ticket-reply-send]').click();
    await expect.poll(() => page.locator('[data-testid=zhida-ticket-timeline]').innerText(), { timeout: 20_000 }).toContain('吊牌还在');
    await page.screenshot({ path: join(SHOTS, 'e2e-widget-ticket-live.png') });

    // The photo opens as a download, fetched with the visitor token.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=zhida-ticket-timeline] button', { hasText: '破洞.png' }).click()]);
    expect(download.suggestedFilename()).toBe('破洞.png');

    // The agent resolves it: 确认已解决 and 重新打开 (with its deadline) appear live; confirming closes the ticket.
    const resolved = await fetch(`${base}/api/v1/tickets/${ticketId}`, {
      method: 'PATCH',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'resolved' }),
    });
    expect(resolved.status).toBe(200);
    await page.locator('[data-testid=zhida-ticket-confirm]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid=zhida-ticket-reopen]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid=zhida-ticket-reopen-until]').innerText()).toMatch(/可在 .+ 前重新打开/);
    await page.locator('[data-testid=zhida-ticket-confirm]').click();
    await expect.poll(() => page.locator('[data-testid=zhida-ticket-status]').getAttribute('data-status'), { timeout: 20_000 }).toBe('closed');
    expect(await page.locator('[data-testid=zhida-ticket-reply]').isVisible()).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'e2e-widget-ticket-closed.png') });

    // Back to the chat.
    await page.locator('[data-testid=zhida-tab-chat]').click();
    expect(await page.locator('[data-testid=zhida-input]').isVisible()).toBe(true);
    expect(log.filter((line) => line.startsWith('dialog'))).toEqual([]);
  }, 180_000);
});

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, seedDemo, type ZhidaApp } from '../packages/server/src/index.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';
import { copySeededDemo } from './copy-seeded-demo.js';
import { acceptPrivacyNotice } from './privacy-notice.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

// As `npm start` runs the demo: the demo enterprise as its own service, the shop reached only over signed HTTP.
describe('the demo shop behind its HTTP boundary, in a real browser', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-enterprise-'));

  beforeAll(async () => {
    const missing = ['apps/widget/dist/widget.js', 'apps/widget/dist/demo.html'].filter((f) => !existsSync(join(REPO_ROOT, f)));
    if (missing.length > 0) throw new Error(`Front-end build output is missing (${missing.join(', ')}): run \`npm run build\` first (npm test does).`);
    await copySeededDemo(dataDir);
    demo = await startDemoEnterprise();
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...demo.env }, REPO_ROOT));
    await seedDemo(app.zhida, app.log);
    await app.zhida.brains.catchUp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const bot = () => page.locator('[data-testid=zhida-message][data-sender=bot]');

  /** Sends a message and returns the text of the bot messages that answer it. */
  async function send(text: string): Promise<string> {
    const before = await bot().count();
    await page.locator('[data-testid=zhida-input]').fill(text);
    await page.locator('[data-testid=zhida-send]').click();
    await bot().nth(before).waitFor({ timeout: 60_000 });
    return (await bot().allInnerTexts()).slice(before).join('\n');
  }

  it('files a return in the enterprise, then says the system is busy and offers a human once it is down', async () => {
    await page.goto(`${base}/demo/demo-ecommerce`);
    await page.locator('[data-testid=zhida-launcher]').click();
    await acceptPrivacyNotice(page);
    await bot().first().waitFor({ timeout: 60_000 });
    expect(await send('我要退货')).toContain('订单号');
    expect(await send('20261118883301')).toContain('原因');
    expect(await send('尺码不合适')).toContain('寄回');
    expect(await send('上门取件')).toContain('确认提交');
    expect(await send('确认')).toMatch(/RMA 号 RMA\d{12}/);

    await demo.stop();
    const answer = await send('查一下订单 20261125883305');
    expect(answer).toContain('系统暂时繁忙');
    expect(answer).not.toContain('没有查到');
    await page.locator('[data-testid=zhida-quick-reply]', { hasText: '转人工' }).last().waitFor();
  });
});

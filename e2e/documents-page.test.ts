import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, TenantScope, type ZhidaApp } from '../packages/server/src/index.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'documents e2e passphrase';
const MANUAL = '# 售后服务手册\n\n## 第三章 退换货\n\n签收后七天内可申请无理由退货。\n\n### 3.2 运费\n\n质量问题的退货运费由卖家承担。\n';

describe('the documents page of the console, in a real browser', () => {
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-documents-'));
  const files = mkdtempSync(join(tmpdir(), 'zhida-e2e-documents-files-'));
  const log: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'apps/console/dist/index.html'))) throw new Error('apps/console/dist is missing: run `npm run build` first (npm test does).');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
    mkdirSync(SHOTS, { recursive: true });
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ZHIDA_DEMO: '0' }, REPO_ROOT));
    const tenantId = (await app.zhida.tenants.create({ id: randomUUID(), slug: 'docs-e2e', name: '文档商城', industry: 'ecommerce' })).id;
    await TenantScope.asTenant(tenantId, () => app.zhida.users.create({ tenantId }, { email: 'admin@docs-e2e.test', name: '管理员', role: 'admin', password: PASSWORD }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
    if (log.length > 0) console.log(`[e2e] browser reports:\n${log.join('\n')}`);
  });

  it('uploads a manual, shows its passages with heading paths, disables one, and deletes the document', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (err) => log.push(`pageerror: ${err.message}`));
    await page.goto(`${base}/console/`);
    await page.locator('[data-testid=login-tenant]').fill('docs-e2e');
    await page.locator('[data-testid=login-email]').fill('admin@docs-e2e.test');
    await page.locator('[data-testid=login-password]').fill(PASSWORD);
    await page.locator('[data-testid=login-submit]').click();
    await page.goto(`${base}/console/#/documents`);
    await page.locator('[data-testid=documents-page]').waitFor();

    const manual = join(files, '售后服务手册.md');
    writeFileSync(manual, MANUAL);
    const chooser = page.waitForEvent('filechooser');
    await page.locator('[data-testid=document-upload]').click();
    await (await chooser).setFiles(manual);
    await page.locator('[data-testid=document-title]', { hasText: '售后服务手册' }).waitFor();
    expect(await page.locator('[data-testid=document-passage-count]').first().innerText()).toBe('2');

    // The 检索测试 search page lists the passage with its document and heading path, and its link opens the document there.
    await page.goto(`${base}/console/#/articles`);
    await page.locator('[data-testid=knowledge-search-open]').click();
    await page.locator('[data-testid=knowledge-search-input] input').fill('质量问题退货运费谁承担');
    await page.locator('[data-testid=knowledge-search-input] input').press('Enter');
    const hit = page.locator('[data-testid=knowledge-search-hit][data-type=passage]').first();
    await hit.waitFor();
    expect(await hit.innerText()).toContain('《售后服务手册》第三章 退换货 › 3.2 运费');
    expect(await hit.innerText()).toContain('质量问题的退货运费由卖家承担。');
    const opened = page.context().waitForEvent('page');
    await hit.locator('[data-testid=knowledge-search-open-document]').click();
    const view = await opened;
    await view.waitForLoadState();
    expect(view.url()).toContain('#3-2-');
    expect(await view.locator('body').innerText()).toContain('质量问题的退货运费由卖家承担。');
    await page.screenshot({ path: join(SHOTS, 'knowledge-search-passage.png') });
    await view.close();
    await page.keyboard.press('Escape');
    await page.goto(`${base}/console/#/documents`);
    await page.locator('[data-testid=documents-page]').waitFor();

    await page.locator('[data-testid=document-title]', { hasText: '售后服务手册' }).click();
    const passages = page.locator('[data-testid=document-passage]');
    await passages.first().waitFor();
    expect(await page.locator('[data-testid=document-passage-path]').allInnerTexts()).toEqual(['第三章 退换货', '第三章 退换货 › 3.2 运费']);
    expect(await passages.nth(1).innerText()).toContain('质量问题的退货运费由卖家承担。');
    await passages.nth(1).locator('button[role=switch]').click();
    await page.getByText('已更新段落状态').waitFor();
    await page.screenshot({ path: join(SHOTS, 'documents-page.png') });
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=documents-table]').getByText('1 个已停用').waitFor();

    await page.locator('[data-testid=document-delete]').first().click();
    await page.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await page.getByText('还没有文档').waitFor();
    expect(log).toEqual([]);
  }, 120_000);
});

import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode } from '../packages/server/src/auth/base32.js';
import { totp } from '../packages/server/src/auth/totp.js';
import { buildApp, loadConfig, TenantScope, type ZhidaApp } from '../packages/server/src/index.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'mfa e2e passphrase';

describe('two-factor authentication in the console, in a real browser', () => {
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let tenantId: string;
  let secret: Buffer;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-mfa-'));
  const log: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'apps/console/dist/index.html'))) throw new Error('apps/console/dist is missing: run `npm run build` first (npm test does).');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
    mkdirSync(SHOTS, { recursive: true });
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ZHIDA_DEMO: '0' }, REPO_ROOT));
    tenantId = (await app.zhida.tenants.create({ id: randomUUID(), slug: 'mfa-e2e', name: 'MFA 商城', industry: 'ecommerce' })).id;
    for (const role of ['admin', 'agent'] as const) {
      await TenantScope.asTenant(tenantId, () => app.zhida.users.create({ tenantId }, { email: `${role}@mfa-e2e.test`, name: `${role} 用户`, role, password: PASSWORD }));
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (log.length > 0) console.log(`[e2e] browser reports:\n${log.join('\n')}`);
  });

  async function newPage(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (err) => log.push(`pageerror: ${err.message}`));
    return page;
  }

  async function passwordStep(page: Page, email: string): Promise<void> {
    await page.goto(`${base}/console/`);
    await page.locator('[data-testid=login-tenant]').fill('mfa-e2e');
    await page.locator('[data-testid=login-email]').fill(email);
    await page.locator('[data-testid=login-password]').fill(PASSWORD);
    await page.locator('[data-testid=login-submit]').click();
  }

  /** Starts enrollment in the visible panel and confirms it with a current code; returns the secret. */
  async function enrollIn(page: Page, done: (page: Page) => Promise<void>): Promise<Buffer> {
    await page.locator('[data-testid=mfa-start]').click();
    const text = (await page.locator('[data-testid=mfa-secret]').innerText()).trim();
    expect(await page.locator('[data-testid=mfa-uri]').innerText()).toContain(`otpauth://totp/Zhida:`);
    const key = base32Decode(text)!;
    await page.locator('[data-testid=mfa-code]').fill(totp(key, Date.now()));
    await page.locator('[data-testid=mfa-submit]').click();
    await done(page);
    return key;
  }

  it('enrolls from the user menu, then asks for the code after the password', async () => {
    const page = await newPage();
    await passwordStep(page, 'admin@mfa-e2e.test');
    await page.locator('[data-testid=user-menu]').click();
    await page.locator('[data-testid=menu-mfa]').click();
    secret = await enrollIn(page, (p) => p.locator('[data-testid=mfa-status]', { hasText: '已开启' }).waitFor());
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=logout]').click();

    await passwordStep(page, 'admin@mfa-e2e.test');
    await page.locator('[data-testid=login-mfa-code]').fill('000000');
    await page.locator('[data-testid=login-mfa-submit]').click();
    await page.locator('[data-testid=login-error]').waitFor();
    // The next step's code: the current one was used to confirm enrollment and is not accepted twice.
    await page.locator('[data-testid=login-mfa-code]').fill(totp(secret, Date.now() + 30_000));
    await page.locator('[data-testid=login-mfa-submit]').click();
    await page.locator('[data-testid=header-user]', { hasText: 'admin 用户' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'e2e-mfa-signed-in.png') });
  });

  it('shows only enrollment while the tenant requires MFA, then the console', async () => {
    await app.zhida.tenants.setMfaRequired(tenantId, true);
    const page = await newPage();
    await passwordStep(page, 'agent@mfa-e2e.test');
    await page.locator('[data-testid=mfa-required-notice]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'e2e-mfa-enrollment-required.png') });
    // Once confirmed, the gate gives way to the console.
    await enrollIn(page, (p) => p.locator('[data-testid=header-user]', { hasText: 'agent 用户' }).waitFor());
    expect(log).toEqual([]);
  });
});

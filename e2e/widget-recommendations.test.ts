import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { acceptPrivacyNotice } from './privacy-notice.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, identityHash, loadConfig, seedDemo, TenantScope, type ZhidaApp } from '../packages/server/src/index.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';
import { DEMO_SHOPPER_ID } from '@zhida/demo-enterprise';
import { copySeededDemo } from './copy-seeded-demo.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const SECRET = 'e2e-recommend-identity-secret';
const BOT = '[data-testid=zhida-message][data-sender=bot]';

interface Variant {
  key: string;
  exposures: number;
  clicks: number;
}

describe('猜你想办 and self-service search in the widget, in a real browser', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let tenantId: string;
  let staff: { cookie: string };
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-recommend-'));
  const problems: string[] = [];

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
    const tenant = await app.zhida.tenants.findBySlug('demo-ecommerce');
    if (!tenant) throw new Error('demo-ecommerce was not seeded');
    tenantId = tenant.id;
    // The shop signs its customers in: the widget's HMAC identity makes the shopper's records usable.
    await app.zhida.tenants.setIdentityVerification(tenantId, 'optional', SECRET);
    await TenantScope.asTenant(tenantId, () => app.zhida.brains.get({ tenantId }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'demo-ecommerce', email: 'admin@demo.zhida.cn', password: 'zhida-demo' }),
    });
    expect(login.status).toBe(200);
    staff = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string };
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (problems.length > 0) console.log(`[e2e] browser reports:\n${problems.join('\n')}`);
  });

  const staffGet = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${base}/api/v1${path}`, { headers: { cookie: staff.cookie } });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as T;
  };
  const experimentVariants = async (): Promise<Variant[]> => {
    const { items } = await staffGet<{ items: { status: string; variants: Variant[] }[] }>('/recommendations/experiments');
    return items.find((e) => e.status === 'running')?.variants ?? [];
  };

  const openWidget = async (query: string): Promise<Page> => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    // Eight engineers share two cores: the page's own script may take long to settle.
    page.setDefaultTimeout(90_000);
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    await page.goto(`${base}/demo/demo-ecommerce${query}`);
    await page.locator('[data-testid=zhida-launcher]').click();
    await page.locator('[data-testid=zhida-panel]').waitFor({ state: 'visible' });
    await acceptPrivacyNotice(page);
    await page.locator(BOT).first().waitFor();
    return page;
  };

  it('shows a signed-in shopper with a shipped order 物流查询 first; the click starts the flow and counts in the experiment', async () => {
    // Everyone in the personalised arm, so this shopper's list is chosen from their records.
    await TenantScope.asTenant(tenantId, async () => {
      const { experiments } = app.zhida.recommendations;
      await experiments.armFor({ tenantId }, 'visitor:e2e-setup');
      const [running] = await experiments.list({ tenantId });
      await experiments.update({ tenantId }, running!.id, { weights: { personalised: 100, popular: 0 } });
    });
    const before = await experimentVariants();

    const page = await openWidget(`?userId=${DEMO_SHOPPER_ID}&userHash=${identityHash(SECRET, DEMO_SHOPPER_ID)}`);
    const chips = page.locator('[data-testid=zhida-recommendations] [data-testid=zhida-recommendation]');
    await chips.first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'e2e-recommendations-welcome.png') });
    const first = chips.first();
    expect(await first.innerText()).toBe('物流查询');
    expect(await first.getAttribute('data-intent')).toBe('logistics_delay');
    // The reason names the shopper's own order, not popularity.
    expect(await first.getAttribute('title')).toMatch(/订单 \d+ (已发货|预计送达已过)/);

    const bots = await page.locator(BOT).count();
    await first.click();
    await page.locator('[data-testid=zhida-message][data-sender=visitor]', { hasText: '我的快递到哪了' }).waitFor({ timeout: 20_000 });
    // The logistics flow's first step: it asks which order (请提供订单号，我马上帮您查物流).
    await expect.poll(async () => (await page.locator(BOT).allInnerTexts()).slice(bots).join('\n'), { timeout: 30_000 }).toMatch(/订单号[\s\S]*物流|物流[\s\S]*订单号/);
    await expect.poll(() => page.locator('[data-testid=zhida-recommendations]').isHidden()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'e2e-recommendations-clicked.png') });

    const after = await experimentVariants();
    const count = (vs: Variant[], key: string) => vs.find((v) => v.key === key) ?? { exposures: 0, clicks: 0 };
    expect(count(after, 'personalised').exposures).toBe(count(before, 'personalised').exposures + 1);
    expect(count(after, 'personalised').clicks).toBe(count(before, 'personalised').clicks + 1);
    expect(count(after, 'popular').clicks).toBe(count(before, 'popular').clicks);
    expect(problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  }, 400_000);

  it('finds an FAQ from the search box, opens its answer and records the search, the click and a search with no result', async () => {
    const started = new Date();
    const events = (type: string) =>
      TenantScope.asTenant(tenantId, () =>
        sql<{ outcome: string | null; props: { query?: string; resultId?: string } }>`
          select outcome, props from analytics_events where tenant_id = ${tenantId} and type = ${type} and occurred_at >= ${started} order by occurred_at`.execute(app.zhida.database.db),
      ).then((r) => r.rows);

    const page = await openWidget('');
    const box = page.locator('[data-testid=zhida-search]');
    await box.locator('[data-testid=zhida-search-input]').fill('怎么退货');
    await box.locator('[data-testid=zhida-search-submit]').click();
    const hits = box.locator('[data-testid=zhida-search-hit]');
    await hits.first().waitFor({ state: 'visible' });
    const faqHit = box.locator('[data-testid=zhida-search-hit][data-type=faq]').first();
    const title = (await faqHit.locator('.zd-search-hit-title').innerText()).trim();
    expect(title).toMatch(/退/);
    await page.screenshot({ path: join(SHOTS, 'e2e-search-results.png') });
    await faqHit.click();
    const answer = box.locator('[data-testid=zhida-search-answer]');
    await answer.waitFor({ state: 'visible' });
    expect((await answer.innerText()).length).toBeGreaterThan(title.length);
    await page.screenshot({ path: join(SHOTS, 'e2e-search-answer.png') });
    await box.locator('[data-testid=zhida-search-back]').click();
    await hits.first().waitFor({ state: 'visible' });

    await box.locator('[data-testid=zhida-search-input]').fill('火星文完全无关xyz');
    await box.locator('[data-testid=zhida-search-submit]').click();
    await expect.poll(() => box.locator('[data-testid=zhida-search-status]').innerText()).toContain('没有找到');

    await expect.poll(async () => (await events('search.clicked')).length, { timeout: 30_000 }).toBe(1);
    expect((await events('search.clicked'))[0]!.props).toMatchObject({ query: '怎么退货', resultId: expect.stringMatching(/^faq:/) });
    await expect.poll(async () => (await events('search.performed')).length, { timeout: 30_000 }).toBe(2);
    const performed = await events('search.performed');
    expect(performed.map((e) => [e.props.query, e.outcome === 'none'])).toEqual([
      ['怎么退货', false],
      ['火星文完全无关xyz', true],
    ]);
    expect(problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  }, 400_000);
});

import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, TenantScope, type ZhidaApp } from '../packages/server/src/index.js';
import { espeakSpeech } from '../packages/server/src/voice/test-support/espeak-speech.js';
import { FakeTencentCloud } from '../packages/server/src/voice/test-support/fake-tencent-cloud.js';
import { wavOf } from '../packages/server/src/voice/wav-file.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'voice e2e passphrase';
const TENCENT = { appId: '1259228442', secretId: 'AKIDe2e', secretKey: 'tencent-e2e-secret' };
const PHRASE = '我想查一下物流';

describe('voice providers in the console settings, in a real browser', () => {
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let staff: Record<string, string>;
  const tencent = new FakeTencentCloud(TENCENT);
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-voice-'));
  const log: string[] = [];

  const api = (method: 'GET' | 'PUT', url: string, payload?: unknown) => app.inject({ method, url: `/api/v1${url}`, headers: staff, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'apps/console/dist/index.html'))) throw new Error('apps/console/dist is missing: run `npm run build` first (npm test does).');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
    mkdirSync(SHOTS, { recursive: true });
    // The fake provider listens on 127.0.0.1 over plain HTTP.
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ZHIDA_DEMO: '0', ZHIDA_WEBHOOK_ALLOW_PRIVATE: '1', ZHIDA_WEBHOOK_ALLOW_HTTP: '1' }, REPO_ROOT));
    const tenantId = (await app.zhida.tenants.create({ id: randomUUID(), slug: 'voice-e2e', name: '语音商城', industry: 'ecommerce' })).id;
    await TenantScope.asTenant(tenantId, () => app.zhida.users.create({ tenantId }, { email: 'admin@voice-e2e.test', name: '管理员', role: 'admin', password: PASSWORD }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: 'voice-e2e', email: 'admin@voice-e2e.test', password: PASSWORD } });
    const cookie = login.cookies.find((c) => c.name === 'zhida_session')!;
    staff = { cookie: `zhida_session=${cookie.value}`, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken };
    await tencent.start();
    const phrase = await espeakSpeech(PHRASE);
    tencent.register(phrase, PHRASE);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await tencent.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (log.length > 0) console.log(`[e2e] browser reports:\n${log.join('\n')}`);
  });

  async function settingsPage(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (err) => log.push(`pageerror: ${err.message}`));
    await page.goto(`${base}/console/`);
    await page.locator('[data-testid=login-tenant]').fill('voice-e2e');
    await page.locator('[data-testid=login-email]').fill('admin@voice-e2e.test');
    await page.locator('[data-testid=login-password]').fill(PASSWORD);
    await page.locator('[data-testid=login-submit]').click();
    await page.locator('[data-testid=nav-widget-security]').waitFor({ state: 'attached' });
    await page.goto(`${base}/console/#/settings/widget-security`);
    await page.locator('[data-testid=voice-settings-card]').waitFor();
    return page;
  }

  async function choose(page: Page, select: 'voice-recognizer' | 'voice-synthesizer', label: string): Promise<void> {
    await page.locator(`[data-testid=${select}]`).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).click();
  }

  it('shows the mainland-only notice, and refusals inline with the draft kept: a missing secret, a stored endpoint no longer allowed', async () => {
    // Saved while the tenant allowed any provider, then the tenant switched "mainland providers only" on (the default).
    expect((await api('PUT', '/privacy/settings', { mainlandProvidersOnly: false })).statusCode).toBe(200);
    expect((await api('PUT', '/settings/voice', { recognizer: 'tencent', synthesizer: 'espeak', tencent: { ...TENCENT, ...tencent.endpoints } })).statusCode).toBe(200);
    expect((await api('PUT', '/privacy/settings', { mainlandProvidersOnly: true })).statusCode).toBe(200);
    const page = await settingsPage();
    await expect(page.locator('[data-testid=voice-mainland-only]').innerText()).resolves.toContain('中国大陆');
    await expect(page.locator('[data-testid=voice-tencent-secretKey]').getAttribute('placeholder')).resolves.toContain('已设置');
    expect(await page.locator('[data-testid=voice-tencent-secretKey]').inputValue()).toBe('');

    await choose(page, 'voice-synthesizer', '讯飞');
    await page.locator('[data-testid=voice-provider-iflytek]').waitFor();
    await page.locator('[data-testid=voice-iflytek-appId]').fill('app-e2e');
    await page.locator('[data-testid=voice-iflytek-apiKey]').fill('key-e2e');
    await page.locator('[data-testid=voice-settings-save]').click();
    await expect(page.locator('[data-testid=voice-settings-error]').innerText()).resolves.toContain('APISecret');
    expect(await page.locator('[data-testid=voice-iflytek-appId]').inputValue()).toBe('app-e2e');

    await choose(page, 'voice-synthesizer', '腾讯云');
    await page.locator('[data-testid=voice-settings-save]').click();
    // The stored endpoint (the local fake) is not a mainland host: refused now that the switch is on.
    await expect(page.locator('[data-testid=voice-settings-error]').innerText()).resolves.toContain('127.0.0.1');
    await page.screenshot({ path: join(SHOTS, 'e2e-voice-settings-refused.png'), fullPage: true });
    const unchanged = (await api('GET', '/settings/voice')).json() as { synthesizer: string };
    expect(unchanged.synthesizer).toBe('espeak');
  }, 120_000);

  it('switches the synthesiser to Tencent Cloud in the console, keeping the stored secret and endpoints, and voice then runs through it', async () => {
    expect((await api('PUT', '/privacy/settings', { mainlandProvidersOnly: false })).statusCode).toBe(200);
    const page = await settingsPage();
    expect(await page.locator('[data-testid=voice-mainland-only]').count()).toBe(0);
    await choose(page, 'voice-synthesizer', '腾讯云');
    await page.locator('[data-testid=voice-tencent-voiceType]').fill('1001');
    await page.locator('[data-testid=voice-settings-save]').click();
    await page.locator('.ant-message', { hasText: '语音服务设置已保存' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'e2e-voice-settings-saved.png'), fullPage: true });
    const saved = (await api('GET', '/settings/voice')).json() as { synthesizer: string; tencent: { secretKeySet: boolean; asrUrl: string; voiceType: number } };
    expect(saved).toMatchObject({ synthesizer: 'tencent', tencent: { secretKeySet: true, asrUrl: tencent.endpoints.asrUrl, voiceType: 1001 } });

    const start = await app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: 'voice-e2e' } });
    const visitor = start.json() as { conversationId: string; visitorToken: string };
    const samples = await espeakSpeech(PHRASE);
    const spoken = await app.inject({
      method: 'POST',
      url: `/api/v1/widget/conversations/${visitor.conversationId}/voice?clientMsgId=e2e-1`,
      headers: { authorization: `Bearer ${visitor.visitorToken}`, 'content-type': 'audio/wav' },
      payload: wavOf({ sampleRate: 16000, samples: Int16Array.from([...new Int16Array(3200), ...samples, ...new Int16Array(4800)]) }),
    });
    expect(spoken.statusCode, spoken.body).toBe(201);
    expect((spoken.json() as { transcript: string }).transcript).toBe(PHRASE);
    const reply = (spoken.json() as { replies: { seq: number }[] }).replies[0]!;
    const speech = await app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${visitor.conversationId}/messages/${reply.seq}/speech`, headers: { authorization: `Bearer ${visitor.visitorToken}` } });
    expect(speech.statusCode).toBe(200);
    expect(tencent.ttsRequests.at(-1)?.voiceType).toBe(1001);
  }, 120_000);
});

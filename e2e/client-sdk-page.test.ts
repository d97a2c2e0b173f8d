import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, seedDemo, type ZhidaApp } from '../packages/server/src/index.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../packages/server/src/test-support/demo-enterprise-service.js';
import { copySeededDemo } from './copy-seeded-demo.js';
import { HEADLESS_ARGS } from './headless-chromium-args.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
// The smallest PNG: the upload checks magic bytes, not the name.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

describe('the @zhida/client example page in a real browser (no widget UI)', () => {
  let demo: RunningDemoEnterprise;
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-sdk-'));
  const log: string[] = [];

  beforeAll(async () => {
    const missing = ['apps/widget/dist/sdk/zhida-client.js', 'apps/widget/dist/sdk/example.html'].filter((f) => !existsSync(join(REPO_ROOT, f)));
    if (missing.length > 0) throw new Error(`Front-end build output is missing (${missing.join(', ')}): run \`npm run build\` first (npm test does).`);
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
    mkdirSync(SHOTS, { recursive: true });
    await copySeededDemo(dataDir);
    // The demo tenants' shop, bank, hall and operator, as `npm start` runs them: their own service over signed HTTP.
    demo = await startDemoEnterprise();
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...demo.env }, REPO_ROOT));
    await seedDemo(app.zhida, app.log);
    await app.zhida.brains.catchUp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (err) => log.push(`pageerror: ${err.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') log.push(`console.error: ${m.text()}`);
    });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (log.length > 0) console.log(`[e2e] browser reports:\n${log.join('\n')}`);
  });

  const logItems = () => page.locator('#log li');

  it('starts a conversation, exchanges a message with the bot, receives an agent live, resyncs, uploads and lists tickets', async () => {
    await page.goto(`${base}/sdk`);
    expect(page.url()).toBe(`${base}/sdk/example.html`);
    await page.goto(`${base}/sdk/example.html?tenant=demo-ecommerce`);
    await page.locator('#start').click();
    // The bot's welcome, delivered by start(); then the socket goes live.
    await logItems().filter({ has: page.locator('.meta', { hasText: 'bot' }) }).first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('#socket-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('live');
    const conversationId = await page.locator('#session-info').getAttribute('data-conversation-id');
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);

    const clientMsgId = await page.locator('#client-msg-id').inputValue();
    await page.locator('#text').fill('怎么退货？');
    await page.locator('#send').click();
    await expect.poll(async () => (await logItems().allInnerTexts()).some((t) => /bot/.test(t) && t.includes('退货')), { timeout: 30_000 }).toBe(true);
    // The bot's reply can reach the socket before the send's HTTP answer is written into the page.
    await expect.poll(() => page.locator('#send-result').innerText(), { timeout: 15_000 }).not.toBe('');
    const ack = JSON.parse(await page.locator('#send-result').innerText()) as { clientMsgId: string; seq: number };
    expect(ack.clientMsgId).toBe(clientMsgId);

    // The same clientMsgId again: the same ack, nothing stored twice.
    await page.locator('#resend').click();
    await expect.poll(async () => (JSON.parse(await page.locator('#send-result').innerText()) as { seq: number }).seq, { timeout: 15_000 }).toBe(ack.seq);
    const visitorTexts = async () => (await page.locator('#log li[data-sender=visitor]').allInnerTexts()).filter((t) => t.includes('怎么退货？'));
    expect(await visitorTexts()).toHaveLength(1);

    // An agent answers in the console: the page gets it over Socket.IO, without a resync.
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'demo-ecommerce', email: 'agent1@demo.zhida.cn', password: 'zhida-demo' }),
    });
    expect(login.status).toBe(200);
    const agent = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string, csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
    const reply = await fetch(`${base}/api/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ text: '您好，人工客服小李为您服务', clientMsgId: 'sdk-e2e-agent-1' }),
    });
    expect(reply.status, await reply.clone().text()).toBe(201);
    await page.locator('#log li[data-sender=agent]', { hasText: '人工客服小李' }).waitFor({ timeout: 15_000 });

    // Resync from the visitor's message: the server's list after that seq holds the bot's answer and the agent's reply.
    await page.locator('#after-seq').fill(String(ack.seq));
    await page.locator('#resync').click();
    await expect.poll(() => page.locator('#resync-result').innerText(), { timeout: 15_000 }).toContain('人工客服小李');
    expect(await page.locator('#resync-result').innerText()).not.toContain('怎么退货？');

    const file = join(dataDir, 'receipt.png');
    writeFileSync(file, PNG);
    await page.locator('#file').setInputFiles(file);
    await page.locator('#upload').click();
    await expect.poll(() => page.locator('#upload-result').innerText(), { timeout: 15_000 }).toContain('"contentType": "image/png"');

    await page.locator('#tickets').click();
    await expect.poll(() => page.locator('#ticket-list li').first().innerText(), { timeout: 15_000 }).toBe('暂无工单 No tickets yet');
    expect(await page.locator('.error').allInnerTexts()).toEqual(['', '', '', '', '']);
    await page.screenshot({ path: join(SHOTS, 'e2e-client-sdk-page.png'), fullPage: true });
    expect(log).toEqual([]);
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { acceptPrivacyNotice } from './privacy-notice.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, type ZhidaApp } from '../packages/server/src/index.js';
import { TenantProvisioner } from '../packages/server/src/tenancy/tenant-provisioner.js';
import { espeakSpeech } from '../packages/server/src/voice/test-support/espeak-speech.js';
import { FakeAliyunNls } from '../packages/server/src/voice/test-support/fake-aliyun-nls.js';
import { wavOf } from '../packages/server/src/voice/wav-file.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const PHRASE = '我想查一下物流';
const PASSWORD = 'voice e2e password';
const CREDENTIALS = { accessKeyId: 'LTAI-e2e', accessKeySecret: 'e2e-secret', appKey: 'e2e-app' };
/** The part of <audio> read in the page (the tests compile without the DOM library). */
type AudioLike = { dataset: { state?: string }; currentTime: number };

/** Presses 按住说话 with the mouse (pointer events), holds it for `ms`, lets go on the button. */
async function holdToTalk(page: Page, ms: number): Promise<void> {
  const talk = page.getByTestId('zhida-talk');
  await talk.hover();
  await page.mouse.down();
  await expect.poll(() => talk.getAttribute('data-phase'), { timeout: 60_000 }).toBe('recording');
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

/**
 * Voice in the widget, in Chromium with a fake microphone that plays a WAV made with espeak-ng: hold-to-talk → the
 * transcript shows as the visitor's 🎤 message and the bot answers; 🔊 on → the reply's speech is fetched and plays;
 * a tenant without a recogniser says 语音识别未配置 and text still works. The recogniser is the fake Aliyun NLS
 * server of the server tests (it matches the registered clip; it does no speech recognition).
 */
describe('widget voice in Chromium with a fake microphone', () => {
  let app: ZhidaApp;
  let base: string;
  let browser: Browser;
  let speechSeconds = 0;
  const fake = new FakeAliyunNls(CREDENTIALS);
  const dir = mkdtempSync(join(tmpdir(), 'zhida-e2e-voice-'));
  const problems: string[] = [];

  const newPage = async (): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.setDefaultTimeout(120_000);
    return page;
  };

  const openWidget = async (page: Page, tenant: string) => {
    await page.goto(`${base}/demo/${tenant}`);
    await page.getByTestId('zhida-launcher').click();
    await acceptPrivacyNotice(page);
    await expect.poll(() => page.locator('[data-testid="zhida-message"][data-sender="bot"]').count(), { timeout: 120_000 }).toBeGreaterThan(0);
  };

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'apps/widget/dist/widget.js'))) throw new Error('apps/widget/dist/widget.js is missing: run `npm run build` first (npm test does).');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium.`);
    mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
    // The microphone's "voice": the phrase between quiet stretches, so a hold a little longer than it still holds one utterance.
    const speech = await espeakSpeech(PHRASE);
    speechSeconds = speech.length / 16_000;
    fake.register(speech, PHRASE);
    await fake.start();
    const wavPath = join(dir, 'visitor.wav');
    writeFileSync(wavPath, wavOf({ sampleRate: 16_000, samples: Int16Array.from([...new Int16Array(4800), ...speech, ...new Int16Array(16_000 * 4)]) }));

    // The fake listens on 127.0.0.1 over plain HTTP, which the SSRF guard refuses unless told otherwise.
    app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn', ZHIDA_WEBHOOK_ALLOW_PRIVATE: 'true', ZHIDA_WEBHOOK_ALLOW_HTTP: 'true' }, REPO_ROOT));
    const provisioner = new TenantProvisioner(app.zhida);
    for (const slug of ['voice-shop', 'voice-plain']) {
      await provisioner.create({ slug, name: slug, template: 'ecommerce', users: [{ email: `admin@${slug}.test`, name: 'admin', role: 'admin', password: PASSWORD }] });
    }
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: 'voice-shop', email: 'admin@voice-shop.test', password: PASSWORD } });
    const admin = { cookie: `zhida_session=${login.cookies.find((c) => c.name === 'zhida_session')?.value}`, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken };
    const privacy = await app.inject({ method: 'PUT', url: '/api/v1/privacy/settings', headers: admin, payload: { mainlandProvidersOnly: false } });
    expect(privacy.statusCode, privacy.body).toBe(200);
    const voice = await app.inject({ method: 'PUT', url: '/api/v1/settings/voice', headers: admin, payload: { recognizer: 'aliyun', synthesizer: 'espeak', aliyun: { ...CREDENTIALS, ...fake.endpoints } } });
    expect(voice.statusCode, voice.body).toBe(200);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        // %noloop: once the file is played the microphone hears silence, not the phrase again.
        `--use-file-for-fake-audio-capture=${wavPath}%noloop`,
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
    if (problems.length > 0) console.log(`[e2e] browser reports:\n${problems.join('\n')}`);
  });

  it('hold-to-talk: the transcript shows as the visitor’s 🎤 message and the bot answers it; 🔊 plays the next reply', async () => {
    const page = await newPage();
    await openWidget(page, 'voice-shop');
    expect(fake.recognitions).toHaveLength(0);
    const upload = page.waitForResponse((r) => r.url().includes('/voice?clientMsgId='));
    await holdToTalk(page, Math.round(speechSeconds * 1000) + 1200);
    expect((await upload).status()).toBe(201);

    const spoken = page.locator('[data-testid="zhida-message"][data-sender="visitor"]', { hasText: PHRASE });
    await expect.poll(() => spoken.count(), { timeout: 60_000 }).toBe(1);
    expect(await spoken.getByTestId('zhida-mark').textContent()).toBe('🎤');
    const visitorSeq = Number(await spoken.getAttribute('data-seq'));
    const answers = page.locator('[data-testid="zhida-message"][data-sender="bot"]');
    await expect.poll(async () => Math.max(...(await answers.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq')))))), { timeout: 60_000 }).toBeGreaterThan(visitorSeq);
    expect(fake.recognitions.at(-1)?.text).toBe(PHRASE);
    expect(await page.getByTestId('zhida-voice-status').isHidden()).toBe(true);
    await page.screenshot({ path: join(REPO_ROOT, 'test-results/e2e-widget-voice.png') });

    // 🔊 on: the next reply is fetched as speech and played through the widget's <audio>.
    await page.getByTestId('zhida-sound').click();
    expect(await page.getByTestId('zhida-sound').getAttribute('aria-pressed')).toBe('true');
    const speech = page.waitForResponse((r) => /\/messages\/\d+\/speech$/.test(r.url()));
    await page.getByTestId('zhida-input').fill('运费是多少');
    await page.getByTestId('zhida-send').click();
    const response = await speech;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('audio/wav');
    const spokenSeq = Number(/\/messages\/(\d+)\/speech$/.exec(response.url())![1]);
    await expect.poll(() => page.locator(`[data-testid="zhida-message"][data-sender="bot"][data-seq="${spokenSeq}"]`).count(), { timeout: 60_000 }).toBe(1);
    const audio = page.getByTestId('zhida-speech');
    await expect.poll(() => audio.evaluate((el) => ((a: AudioLike) => a.dataset.state ?? '')(el as unknown as AudioLike)), { timeout: 60_000 }).toMatch(/^(playing|ended)$/);
    expect(await audio.evaluate((el) => ((a: AudioLike) => a.currentTime)(el as unknown as AudioLike))).toBeGreaterThan(0);

    // Off stops it, and the choice survives a reload.
    await page.getByTestId('zhida-sound').click();
    expect(await audio.evaluate((el) => ((a: AudioLike) => a.dataset.state ?? '')(el as unknown as AudioLike))).toMatch(/^(stopped|ended)$/);
    await page.getByTestId('zhida-sound').click();
    await page.reload();
    await page.getByTestId('zhida-launcher').click();
    expect(await page.getByTestId('zhida-sound').getAttribute('aria-pressed')).toBe('true');
  }, 600_000);

  it('a tenant without a recogniser: 语音识别未配置 is shown, and typing still gets the bot’s answer', async () => {
    const page = await newPage();
    await openWidget(page, 'voice-plain');
    const upload = page.waitForResponse((r) => r.url().includes('/voice?clientMsgId='));
    await holdToTalk(page, Math.round(speechSeconds * 1000) + 600);
    expect((await upload).status()).toBe(409);
    await expect.poll(() => page.getByTestId('zhida-voice-status').textContent(), { timeout: 60_000 }).toContain('语音识别未配置');
    expect(await page.locator('[data-testid="zhida-message"][data-sender="visitor"]').count()).toBe(0);

    await page.getByTestId('zhida-input').fill('你好');
    await page.getByTestId('zhida-send').click();
    await expect.poll(() => page.locator('[data-testid="zhida-message"][data-sender="visitor"]', { hasText: '你好' }).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-testid="zhida-message"][data-sender="bot"]').count(), { timeout: 60_000 }).toBeGreaterThan(1);
  }, 600_000);

  it('a refused microphone: the widget says so in Chinese, sends nothing, and typing still works', async () => {
    const page = await newPage();
    // The fake UI always allows; a visitor who clicked 禁止 gets what the browser then answers.
    await page.addInitScript(() => {
      const media = (globalThis as unknown as { navigator: { mediaDevices: { getUserMedia: () => Promise<never> } } }).navigator.mediaDevices;
      media.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    await openWidget(page, 'voice-shop');
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/voice?')) uploads.push(r.url());
    });
    const talk = page.getByTestId('zhida-talk');
    await talk.hover();
    await page.mouse.down();
    await expect.poll(() => page.getByTestId('zhida-voice-status').textContent(), { timeout: 60_000 }).toContain('无法使用麦克风');
    await page.mouse.up();
    expect(await talk.getAttribute('data-phase')).toBe('idle');
    await page.getByTestId('zhida-input').fill('你好');
    await page.getByTestId('zhida-send').click();
    await expect.poll(() => page.locator('[data-testid="zhida-message"][data-sender="visitor"]', { hasText: '你好' }).count(), { timeout: 60_000 }).toBe(1);
    expect(uploads).toEqual([]);
  }, 600_000);
});

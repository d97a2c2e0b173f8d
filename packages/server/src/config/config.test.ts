import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseSecretKey } from './config.js';

const key = randomBytes(32);

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, null);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('ZHIDA_SECRET_KEY', () => {
  it('takes 32 bytes as hex (either case), base64 with or without padding, or base64url', () => {
    for (const text of [key.toString('hex'), key.toString('hex').toUpperCase(), key.toString('base64'), key.toString('base64').replace(/=$/, ''), key.toString('base64url')]) {
      expect(loadConfig({ ZHIDA_SECRET_KEY: text }, null).secretKey, text).toEqual(key);
    }
  });

  it('is null when unset', () => {
    expect(loadConfig({}, null).secretKey).toBeNull();
  });

  it('refuses anything else at start-up, without echoing the value', () => {
    const bad = [
      '',
      'changeme',
      key.toString('hex').slice(0, 62), // 31 bytes
      `${key.toString('hex')}00`, // 33 bytes
      randomBytes(31).toString('base64'),
      randomBytes(33).toString('base64'),
      `${key.toString('hex').slice(0, 63)}g`,
      ` ${key.toString('base64')}`,
    ];
    for (const text of bad) {
      const err = configError({ ZHIDA_SECRET_KEY: text });
      expect(err.code).toBe('config_invalid');
      expect(err.message).toContain('ZHIDA_SECRET_KEY: must be 32 bytes');
      if (text) expect(err.message).not.toContain(text);
    }
  });

  it('refuses base64 whose last character carries bits beyond the 32 bytes', () => {
    const zeros = 'A'.repeat(43);
    expect(parseSecretKey(zeros)).toEqual(Buffer.alloc(32));
    // 43 characters are 258 bits: "B" sets one of the two bits past the key, which Node's decoder would silently drop.
    expect(Buffer.from(`${'A'.repeat(42)}B`, 'base64url')).toEqual(Buffer.alloc(32));
    expect(parseSecretKey(`${'A'.repeat(42)}B`)).toBeNull();
  });
});

describe('ZHIDA_DATA_DIR', () => {
  it('defaults to ./data on PGlite but stays unset with PostgreSQL unless given', () => {
    expect(loadConfig({}, null).dataDir).toBe('./data');
    expect(loadConfig({ ZHIDA_DATA_DIR: '/var/lib/zhida' }, null).dataDir).toBe('/var/lib/zhida');
    expect(loadConfig({ DATABASE_URL: 'postgres://db.internal/zhida' }, null).dataDir).toBeNull();
    expect(loadConfig({ DATABASE_URL: 'postgres://db.internal/zhida', ZHIDA_DATA_DIR: '/var/lib/zhida' }, null).dataDir).toBe('/var/lib/zhida');
  });
});

describe('ZHIDA_WEBHOOK_ALLOW_PRIVATE / ZHIDA_WEBHOOK_ALLOW_HTTP', () => {
  it('are off unless switched on, and refuse values that are not a yes or no', () => {
    expect(loadConfig({}, null)).toMatchObject({ webhookAllowPrivate: false, webhookAllowHttp: false });
    expect(loadConfig({ ZHIDA_WEBHOOK_ALLOW_PRIVATE: '1', ZHIDA_WEBHOOK_ALLOW_HTTP: 'true' }, null)).toMatchObject({ webhookAllowPrivate: true, webhookAllowHttp: true });
    expect(configError({ ZHIDA_WEBHOOK_ALLOW_PRIVATE: 'maybe' }).message).toMatch(/ZHIDA_WEBHOOK_ALLOW_PRIVATE/);
  });
});

describe('ZHIDA_OCR (scanned PDFs on document import)', () => {
  it('is auto with Tesseract and chi_sim+eng by default, and refuses an unknown mode or a malformed language list', () => {
    expect(loadConfig({}, null).ocr).toEqual({ mode: 'auto', binary: 'tesseract', languages: 'chi_sim+eng' });
    expect(loadConfig({ ZHIDA_OCR: 'off', ZHIDA_TESSERACT_PATH: '/opt/tesseract', ZHIDA_OCR_LANGUAGES: 'chi_sim' }, null).ocr).toEqual({ mode: 'off', binary: '/opt/tesseract', languages: 'chi_sim' });
    expect(configError({ ZHIDA_OCR: 'yes' }).message).toMatch(/ZHIDA_OCR/);
    expect(configError({ ZHIDA_OCR_LANGUAGES: 'chi_sim eng' }).message).toMatch(/ZHIDA_OCR_LANGUAGES/);
  });
});

describe('SMTP_URL / SMTP_FROM (the monthly report by e-mail)', () => {
  it('mails nothing unless SMTP_URL is set, and refuses a URL that is not smtp:// or smtps://', () => {
    expect(loadConfig({}, null).smtp).toBeNull();
    expect(loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.cn:587' }, null).smtp).toEqual({ url: 'smtp://u:p@mail.example.cn:587', from: '智答 Zhida <noreply@zhida.local>' });
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example.cn', SMTP_FROM: '报表 <r@example.cn>' }, null).smtp).toEqual({ url: 'smtps://mail.example.cn', from: '报表 <r@example.cn>' });
    expect(configError({ SMTP_URL: 'http://mail.example.cn' }).message).toMatch(/SMTP_URL/);
  });
});

describe('ZHIDA_TRUST_PROXY', () => {
  it('trusts no proxy unless told, and takes addresses/CIDRs or a hop count', () => {
    expect(loadConfig({}, null).trustProxy).toBe(false);
    expect(loadConfig({ ZHIDA_TRUST_PROXY: '127.0.0.1' }, null).trustProxy).toEqual(['127.0.0.1']);
    expect(loadConfig({ ZHIDA_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }, null).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(loadConfig({ ZHIDA_TRUST_PROXY: '1' }, null).trustProxy).toBe(1);
    expect(configError({ ZHIDA_TRUST_PROXY: 'nginx' }).message).toMatch(/ZHIDA_TRUST_PROXY/);
    expect(configError({ ZHIDA_TRUST_PROXY: '127.0.0.1,*' }).message).toMatch(/ZHIDA_TRUST_PROXY/);
  });
});

describe('ICE servers for video calls', () => {
  it('reads comma-separated STUN and TURN URLs and the TURN secret', () => {
    const c = loadConfig({ ZHIDA_STUN_URLS: 'stun:turn.example.cn:3478', ZHIDA_TURN_URLS: 'turn:turn.example.cn:3478?transport=udp, turns:turn.example.cn:5349?transport=tcp', ZHIDA_TURN_SECRET: 'a-shared-secret-of-32-characters' }, null);
    expect(c.ice).toEqual({ stunUrls: ['stun:turn.example.cn:3478'], turnUrls: ['turn:turn.example.cn:3478?transport=udp', 'turns:turn.example.cn:5349?transport=tcp'], turnSecret: 'a-shared-secret-of-32-characters', turnTtlSeconds: 3600 });
    expect(loadConfig({}, null).ice).toEqual({ stunUrls: [], turnUrls: [], turnSecret: null, turnTtlSeconds: 3600 });
  });

  it('refuses a TURN URL in the STUN list, a short secret and an out-of-range TTL, without echoing the secret', () => {
    expect(configError({ ZHIDA_STUN_URLS: 'turn:x:3478' }).message).toContain('ZHIDA_STUN_URLS');
    const short = configError({ ZHIDA_TURN_SECRET: 'tiny-secret' });
    expect(short.message).toContain('ZHIDA_TURN_SECRET');
    expect(short.message).not.toContain('tiny-secret');
    expect(configError({ ZHIDA_TURN_TTL_SECONDS: '5' }).message).toContain('ZHIDA_TURN_TTL_SECONDS');
  });
});

import { isIP } from 'node:net';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/**
 * Every setting the server reads, with its default. The README's configuration
 * table is written from this schema; keep them in step.
 */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  // No default here: whether it was set decides where a PostgreSQL install may keep a generated secret key (loadConfig applies ./data for PGlite).
  ZHIDA_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case SQL identifier')
    .default('public'),
  REDIS_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  ZHIDA_DEMO: booleanFromEnv.default(true),
  // A month of 数据看板 history simulated on each demo tenant's own bot: half the CPU of a first demo start.
  ZHIDA_DEMO_HISTORY: booleanFromEnv.default(true),
  COOKIE_SECURE: booleanFromEnv.default(false),
  // Webhook targets on private, loopback and link-local addresses (tests, on-premise installs); off: public hosts only.
  ZHIDA_WEBHOOK_ALLOW_PRIVATE: booleanFromEnv.default(false),
  // Webhook targets over plain http; off: https only.
  ZHIDA_WEBHOOK_ALLOW_HTTP: booleanFromEnv.default(false),
  // The monthly report by e-mail: smtp://user:pass@host:587 or smtps://…:465; unset, reports are only stored and downloadable.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587')
    .optional(),
  SMTP_FROM: z.string().min(3).default('智答 Zhida <noreply@zhida.local>'),
  // The Chromium that prints the monthly report's PDF (playwright-core drives it); missing, reports are HTML only.
  ZHIDA_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  // OCR of scanned PDF pages on document import: auto = on when the Tesseract binary and its languages are there.
  ZHIDA_OCR: z.enum(['auto', 'on', 'off']).default('auto'),
  ZHIDA_TESSERACT_PATH: z.string().min(1).default('tesseract'),
  ZHIDA_OCR_LANGUAGES: z
    .string()
    .regex(/^[a-z_]+(\+[a-z_]+)*$/, 'Tesseract languages joined by +, e.g. chi_sim+eng')
    .default('chi_sim+eng'),
  // Behind nginx every request comes from the proxy's address: per-IP limits would then share one budget for all
  // visitors. The proxies whose X-Forwarded-For is believed: comma-separated addresses/CIDRs, or a hop count.
  ZHIDA_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx): string[] | number | false => {
      const text = (v ?? '').trim();
      if (text === '') return false;
      if (/^\d{1,2}$/.test(text)) return Number(text);
      const parts = text.split(',').map((p) => p.trim());
      if (parts.every((p) => isIP(p.split('/')[0] ?? '') !== 0 && /^[^/]+(\/\d{1,3})?$/.test(p))) return parts;
      ctx.addIssue({ code: 'custom', message: 'must be proxy addresses/CIDRs, comma-separated (e.g. 127.0.0.1,10.0.0.0/8), or a hop count' });
      return false;
    }),
  // Video calls (#15): STUN and TURN URLs, comma-separated (stun:host:3478, turn:host:3478?transport=udp, turns:host:5349).
  ZHIDA_STUN_URLS: iceUrlList(/^stuns?:/),
  ZHIDA_TURN_URLS: iceUrlList(/^turns?:/),
  // coturn's static-auth-secret (use-auth-secret): calls get time-limited TURN credentials derived from it, never the secret.
  ZHIDA_TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  ZHIDA_TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  // The enterprise backend (CRM/ERP) the tenants' HTTP connectors call, each tenant at {url}/t/{tenantId}, every request
  // HMAC-signed with the secret; `npm start` points it at the demo enterprise. Unset: no self-service capability (the bot offers a human or a ticket).
  ZHIDA_ENTERPRISE_URL: z.string().url().optional(),
  ZHIDA_ENTERPRISE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  ZHIDA_SECRET_KEY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const key = parseSecretKey(v);
      // The message never repeats the value: it is a secret even when malformed.
      if (!key) ctx.addIssue({ code: 'custom', message: 'must be 32 bytes as base64 (44 characters, or 43 without padding) or as 64 hex characters' });
      return key ?? undefined;
    }),
  // Keys being rotated out, comma-separated: values sealed with them still open and are sealed again with ZHIDA_SECRET_KEY.
  ZHIDA_SECRET_KEY_PREVIOUS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const parts = (v ?? '').split(',').map((p) => p.trim()).filter((p) => p.length > 0);
      const keys = parts.map(parseSecretKey);
      const bad = keys.findIndex((k) => k === null);
      if (bad >= 0) ctx.addIssue({ code: 'custom', message: `key ${bad + 1} must be 32 bytes as base64 or as 64 hex characters` });
      return keys.filter((k): k is Buffer => k !== null);
    }),
});

/** A comma-separated list of ICE server URLs, each starting with the given scheme. */
function iceUrlList(scheme: RegExp) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      const urls = (v ?? '').split(',').map((u) => u.trim()).filter((u) => u.length > 0);
      for (const u of urls) if (!scheme.test(u) || /\s/.test(u)) ctx.addIssue({ code: 'custom', message: `not a ${scheme.source.replace(/[\^?:]/g, '')} URL: ${u}` });
      return urls;
    });
}

/** A 32-byte key written as 64 hex characters or as base64/base64url; null for anything else. */
export function parseSecretKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    // Node's base64 decoder takes both alphabets.
    const key = Buffer.from(text, 'base64');
    // 43 characters carry 258 bits: text that does not re-encode to itself has stray low bits, so is not exactly these 32 bytes.
    const canonical = text.replace(/=$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    if (key.length === 32 && key.toString('base64url') === canonical) return key;
  }
  return null;
}

export type RawConfig = z.infer<typeof configSchema>;

export interface AppConfig {
  port: number;
  host: string;
  /**
   * PGlite directory, and where a generated secret key is kept; `null` keeps
   * the database in memory (tests) or, with PostgreSQL, means ZHIDA_DATA_DIR
   * was not set.
   */
  dataDir: string | null;
  databaseUrl: string | null;
  databaseSchema: string;
  redisUrl: string | null;
  logLevel: RawConfig['LOG_LEVEL'];
  publicUrl: string | null;
  seedDemo: boolean;
  /** ZHIDA_DEMO_HISTORY: with seedDemo, a month of simulated dashboard history per demo tenant (once per tenant). */
  seedDemoHistory: boolean;
  cookieSecure: boolean;
  /** ZHIDA_SECRET_KEY (32 bytes) for secrets encrypted at rest; null: a key file in dataDir (see resolveSecretKey). */
  secretKey: Buffer | null;
  /** ZHIDA_SECRET_KEY_PREVIOUS: keys being rotated out, still accepted for opening sealed values. */
  previousSecretKeys?: Buffer[];
  /** Where the built widget and console live; null disables static serving (API-only tests). */
  staticRoot: string | null;
  /** ZHIDA_WEBHOOK_ALLOW_PRIVATE: webhooks may target private, loopback and link-local addresses (default false). */
  webhookAllowPrivate?: boolean;
  /** ZHIDA_WEBHOOK_ALLOW_HTTP: webhooks may target plain http URLs (default false: https only). */
  webhookAllowHttp?: boolean;
  /** SMTP_URL and SMTP_FROM: where monthly reports are mailed from; null/absent: not mailed. */
  smtp?: { url: string; from: string } | null;
  /** STUN/TURN for video calls; absent: no ICE servers (calls work on one network only). */
  ice?: { stunUrls: string[]; turnUrls: string[]; turnSecret: string | null; turnTtlSeconds: number };
  /** ZHIDA_CHROMIUM_PATH: the browser that prints report PDFs; null/absent: /usr/bin/chromium. */
  chromiumPath?: string | null;
  /** ZHIDA_OCR, ZHIDA_TESSERACT_PATH, ZHIDA_OCR_LANGUAGES: OCR of scanned PDF pages; absent: auto with the defaults. */
  ocr?: { mode: 'auto' | 'on' | 'off'; binary: string; languages: string };
  /** ZHIDA_TRUST_PROXY: proxies whose X-Forwarded-For gives the client address (Fastify `trustProxy`); false/absent: none. */
  trustProxy?: string[] | number | false;
  /** ZHIDA_ENTERPRISE_URL/SECRET: orders, returns, parcels, invoices and phone accounts come from this backend over signed HTTP; null/absent: none (self-service answers `not_configured`). */
  enterpriseBackend?: { url: string; secret: string } | null;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

/** Parses the environment once, at the entry point. */
export function loadConfig(env: Record<string, string | undefined>, staticRoot: string | null): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${detail}`);
  }
  const c = parsed.data;
  if (c.ZHIDA_ENTERPRISE_URL && !c.ZHIDA_ENTERPRISE_SECRET) throw new ConfigError('Invalid configuration: ZHIDA_ENTERPRISE_SECRET: required with ZHIDA_ENTERPRISE_URL');
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: c.ZHIDA_DATA_DIR ?? (c.DATABASE_URL ? null : './data'),
    databaseUrl: c.DATABASE_URL ?? null,
    databaseSchema: c.DATABASE_SCHEMA,
    redisUrl: c.REDIS_URL ?? null,
    logLevel: c.LOG_LEVEL,
    publicUrl: c.PUBLIC_URL ?? null,
    seedDemo: c.ZHIDA_DEMO,
    seedDemoHistory: c.ZHIDA_DEMO_HISTORY,
    cookieSecure: c.COOKIE_SECURE,
    secretKey: c.ZHIDA_SECRET_KEY ?? null,
    previousSecretKeys: c.ZHIDA_SECRET_KEY_PREVIOUS,
    staticRoot,
    webhookAllowPrivate: c.ZHIDA_WEBHOOK_ALLOW_PRIVATE,
    webhookAllowHttp: c.ZHIDA_WEBHOOK_ALLOW_HTTP,
    smtp: c.SMTP_URL ? { url: c.SMTP_URL, from: c.SMTP_FROM } : null,
    chromiumPath: c.ZHIDA_CHROMIUM_PATH,
    ocr: { mode: c.ZHIDA_OCR, binary: c.ZHIDA_TESSERACT_PATH, languages: c.ZHIDA_OCR_LANGUAGES },
    trustProxy: c.ZHIDA_TRUST_PROXY,
    ice: { stunUrls: c.ZHIDA_STUN_URLS, turnUrls: c.ZHIDA_TURN_URLS, turnSecret: c.ZHIDA_TURN_SECRET ?? null, turnTtlSeconds: c.ZHIDA_TURN_TTL_SECONDS },
    enterpriseBackend: c.ZHIDA_ENTERPRISE_URL && c.ZHIDA_ENTERPRISE_SECRET ? { url: c.ZHIDA_ENTERPRISE_URL, secret: c.ZHIDA_ENTERPRISE_SECRET } : null,
  };
}

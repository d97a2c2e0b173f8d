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
  ZHIDA_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case SQL identifier')
    .default('public'),
  REDIS_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  ZHIDA_DEMO: booleanFromEnv.default(true),
  COOKIE_SECURE: booleanFromEnv.default(false),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface AppConfig {
  port: number;
  host: string;
  /** PGlite directory; `null` keeps the database in memory (tests). */
  dataDir: string | null;
  databaseUrl: string | null;
  databaseSchema: string;
  redisUrl: string | null;
  logLevel: RawConfig['LOG_LEVEL'];
  publicUrl: string | null;
  seedDemo: boolean;
  cookieSecure: boolean;
  /** Where the built widget and console live; null disables static serving (API-only tests). */
  staticRoot: string | null;
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
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: c.ZHIDA_DATA_DIR,
    databaseUrl: c.DATABASE_URL ?? null,
    databaseSchema: c.DATABASE_SCHEMA,
    redisUrl: c.REDIS_URL ?? null,
    logLevel: c.LOG_LEVEL,
    publicUrl: c.PUBLIC_URL ?? null,
    seedDemo: c.ZHIDA_DEMO,
    cookieSecure: c.COOKIE_SECURE,
    staticRoot,
  };
}

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseSecretKey, type AppConfig } from './config.js';

/** The file in the data directory that holds a generated key (64 hex characters). */
export const SECRET_KEY_FILE = 'secret.key';

export interface ResolvedSecretKey {
  key: Buffer;
  /**
   * env: ZHIDA_SECRET_KEY; file: read from the data directory; created: just
   * generated into it; ephemeral: in-memory database, so the key lives exactly
   * as long as the data it protects.
   */
  source: 'env' | 'file' | 'created' | 'ephemeral';
  /** The key file, for `file` and `created`. */
  path: string | null;
}

/**
 * The key for secrets encrypted at rest. ZHIDA_SECRET_KEY wins. Without it a
 * key is generated once into `<dataDir>/secret.key` (mode 0600) and reused on
 * later starts — the zero-config path. With PostgreSQL that needs an explicit
 * ZHIDA_DATA_DIR: several app nodes each generating their own key into a
 * default ./data would each fail to open the others' values, so that case
 * stops the server instead.
 */
export function resolveSecretKey(config: Pick<AppConfig, 'secretKey' | 'dataDir' | 'databaseUrl'>): ResolvedSecretKey {
  if (config.secretKey) return { key: config.secretKey, source: 'env', path: null };
  if (config.dataDir === null) {
    if (config.databaseUrl) {
      throw new ConfigError(
        'Invalid configuration: ZHIDA_SECRET_KEY is required with DATABASE_URL (32 bytes as base64 or 64 hex characters, e.g. `openssl rand -base64 32`), ' +
          'unless ZHIDA_DATA_DIR is set for the server to generate and keep one there',
      );
    }
    return { key: randomBytes(32), source: 'ephemeral', path: null };
  }
  const path = join(config.dataDir, SECRET_KEY_FILE);
  const existing = readKeyFile(path);
  if (existing) return { key: existing, source: 'file', path };
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    // `wx`: if another process created the file first, its key is the one to use.
    writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const raced = readKeyFile(path);
    if (!raced) throw new ConfigError(`Invalid configuration: ${path} is empty or unreadable`);
    return { key: raced, source: 'file', path };
  }
  return { key, source: 'created', path };
}

function readKeyFile(path: string): Buffer | null {
  let text: string;
  try {
    if (!statSync(path).isFile()) throw new ConfigError(`Invalid configuration: ${path} is not a file`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const key = parseSecretKey(text.trim());
  // Never replace a damaged key file: the values sealed with the old key would be lost for good.
  if (!key) throw new ConfigError(`Invalid configuration: ${path} does not hold a 32-byte key (64 hex characters); restore it or set ZHIDA_SECRET_KEY`);
  return key;
}

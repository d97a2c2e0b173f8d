import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app/build-app.js';
import { ConfigError, loadConfig } from './config.js';
import { resolveSecretKey, SECRET_KEY_FILE } from './secret-key.js';

const root = mkdtempSync(join(tmpdir(), 'zhida-secret-key-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `d${n++}`, 'data');
const PG = 'postgres://db.internal/zhida';

describe('resolveSecretKey', () => {
  it('uses ZHIDA_SECRET_KEY when set, and writes no file', () => {
    const key = randomBytes(32);
    const dataDir = freshDir();
    const resolved = resolveSecretKey(loadConfig({ ZHIDA_SECRET_KEY: key.toString('hex'), ZHIDA_DATA_DIR: dataDir }, null));
    expect(resolved).toEqual({ key, source: 'env', path: null });
    expect(existsSync(join(dataDir, SECRET_KEY_FILE))).toBe(false);
  });

  it('zero-config PGlite: generates a key into the data directory (mode 0600) once, then reuses it', () => {
    const dataDir = freshDir();
    const config = loadConfig({ ZHIDA_DATA_DIR: dataDir }, null);
    const first = resolveSecretKey(config);
    const path = join(dataDir, SECRET_KEY_FILE);
    expect(first).toMatchObject({ source: 'created', path });
    expect(first.key).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.key.toString('hex'));

    const second = resolveSecretKey(config);
    expect(second).toEqual({ key: first.key, source: 'file', path });
  });

  it('PostgreSQL: uses a key file only where ZHIDA_DATA_DIR is set, else stops', () => {
    const dataDir = freshDir();
    expect(resolveSecretKey(loadConfig({ DATABASE_URL: PG, ZHIDA_DATA_DIR: dataDir }, null))).toMatchObject({ source: 'created', path: join(dataDir, SECRET_KEY_FILE) });
    const err = (() => {
      try {
        resolveSecretKey(loadConfig({ DATABASE_URL: PG }, null));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toMatch(/ZHIDA_SECRET_KEY is required with DATABASE_URL/);
  });

  it('never replaces a damaged key file', () => {
    const dataDir = freshDir();
    const config = loadConfig({ ZHIDA_DATA_DIR: dataDir }, null);
    resolveSecretKey(config);
    const path = join(dataDir, SECRET_KEY_FILE);
    writeFileSync(path, 'not a key\n');
    expect(() => resolveSecretKey(config)).toThrow(ConfigError);
    expect(readFileSync(path, 'utf8')).toBe('not a key\n');
  });

  it('gives an in-memory database a key that lives as long as it does', () => {
    const a = resolveSecretKey({ secretKey: null, dataDir: null, databaseUrl: null });
    const b = resolveSecretKey({ secretKey: null, dataDir: null, databaseUrl: null });
    expect(a.source).toBe('ephemeral');
    expect(a.key).toHaveLength(32);
    expect(a.key.equals(b.key)).toBe(false);
  });

  it('stops buildApp before it connects to PostgreSQL without a key', async () => {
    // Port 9 (discard) never answers PostgreSQL: reaching the database would fail differently and slower.
    const config = loadConfig({ DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none', LOG_LEVEL: 'silent' }, null);
    await expect(buildApp(config)).rejects.toThrow(/ZHIDA_SECRET_KEY is required/);
  });
});

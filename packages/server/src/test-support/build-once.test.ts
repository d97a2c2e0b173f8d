import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildOnce } from './build-once.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('buildOnce', () => {
  it('builds in place of a holder that died with the lock held, and frees the lock', async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhida-build-once-'));
    const lock = join(dir, 'thing.lock');
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(lock, String(dead));
    const file = join(dir, 'thing');
    const built = await buildOnce(lock, () => (existsSync(file) ? readFileSync(file, 'utf8') : null), async () => {
      writeFileSync(file, 'built');
      return 'built';
    });
    expect(built).toBe('built');
    expect(existsSync(lock)).toBe(false);
  });

  it('waits while a living holder builds, then returns what it built', async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhida-build-once-'));
    const lock = join(dir, 'thing.lock');
    const file = join(dir, 'thing');
    writeFileSync(lock, String(process.pid));
    setTimeout(() => {
      writeFileSync(file, 'by the holder');
      rmSync(lock);
    }, 500);
    const got = await buildOnce(lock, () => (existsSync(file) ? readFileSync(file, 'utf8') : null), () => Promise.resolve('by a second builder'));
    expect(got).toBe('by the holder');
  });
});

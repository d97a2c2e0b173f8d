import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from './open-pglite.js';

describe('openPglite', () => {
  const root = mkdtempSync(join(tmpdir(), 'open-pglite-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates a missing data directory (initdb in a child process), keeps what is written, and runs with the smaller shared buffers', async () => {
    const dir = join(root, 'data');
    const first = await openPglite(dir);
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
    await first.exec('create table kept (n int); insert into kept values (42)');
    expect((await first.query<{ setting: string; unit: string }>(`select setting, unit from pg_settings where name = 'shared_buffers'`)).rows[0]).toEqual({ setting: '4096', unit: '8kB' });
    await first.close();

    const again = await openPglite(dir);
    expect((await again.query<{ n: number }>('select n from kept')).rows).toEqual([{ n: 42 }]);
    await again.close();
  });

  it('opens an in-memory database when there is no data directory', async () => {
    const db = await openPglite(null);
    expect((await db.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await db.close();
  });
});

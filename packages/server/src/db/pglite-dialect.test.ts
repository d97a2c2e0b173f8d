import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PGliteDialect } from './pglite-dialect.js';
import { PglitePreparedStatements } from './pglite-prepared-statements.js';

describe('PGliteDialect: one call per statement, prepared once per text', () => {
  let pglite: PGlite;
  let db: Kysely<unknown>;
  beforeEach(async () => {
    pglite = new PGlite();
    await pglite.waitReady;
    // Two statements at most, so eviction happens within a test.
    PglitePreparedStatements.of(pglite, 2);
    db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
    await sql`create table t (id int primary key, at timestamptz, raw bytea, doc jsonb, tags text[], ok boolean, note text)`.execute(db);
  });
  afterEach(() => db.destroy());

  it('sends each kind of parameter as PostgreSQL reads it, and reads it back', async () => {
    const at = new Date('2026-12-08T01:02:03.456Z');
    const raw = new Uint8Array([0, 1, 254, 255]);
    await sql`insert into t values (${1}, ${at}, ${raw}, ${JSON.stringify({ a: '运费' })}, ${['a"b', 'c\\d', null]}, ${true}, ${null})`.execute(db);
    const { rows } = await sql<{ at: Date; raw: Uint8Array; doc: unknown; tags: (string | null)[]; ok: boolean; note: null }>`select at, raw, doc, tags, ok, note from t where id = ${1}`.execute(db);
    expect(rows[0]).toEqual({ at, raw, doc: { a: '运费' }, tags: ['a"b', 'c\\d', null], ok: true, note: null });
  });

  it('keeps at most its capacity of statements prepared, and runs an evicted one again', async () => {
    for (let round = 0; round < 2; round++) {
      for (const id of [1, 2, 3]) expect((await sql<{ n: number }>`select ${id}::int + ${round}::int as n`.execute(db)).rows[0]?.n).toBe(id + round);
    }
    const prepared = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`.execute(db);
    expect(prepared.rows[0]?.n).toBeGreaterThan(0);
    expect(prepared.rows[0]?.n).toBeLessThanOrEqual(2);
  });

  it('runs a prepared select * again after a migration changed the table', async () => {
    const all = () => sql<Record<string, unknown>>`select * from t where id = ${1}`.execute(db);
    await sql`insert into t (id) values (1)`.execute(db);
    expect(Object.keys((await all()).rows[0]!)).not.toContain('extra');
    await sql`alter table t add column extra int default 7`.execute(db);
    expect((await all()).rows[0]).toMatchObject({ extra: 7 });
  });

  it('stays usable after a statement fails, in and out of a transaction', async () => {
    const insert = (id: number) => sql`insert into t (id) values (${id})`.execute(db);
    await insert(1);
    await expect(insert(1)).rejects.toMatchObject({ code: '23505' });
    await expect(db.transaction().execute(async (trx) => {
      await sql`insert into t (id) values (${2})`.execute(trx);
      await sql`insert into t (id) values (${1})`.execute(trx);
    })).rejects.toMatchObject({ code: '23505' });
    await insert(3);
    expect((await sql<{ id: number }>`select id from t order by id`.execute(db)).rows.map((r) => r.id)).toEqual([1, 3]);
  });
});

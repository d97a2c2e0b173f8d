import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/schema.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { AuditChainVerifier } from './audit-chain-verifier.js';

/** What an attacker with database access does: as the login superuser, with the append-only trigger bypassed. */
async function tamper(db: Kysely<Database>, statement: ReturnType<typeof sql>) {
  await db.transaction().execute(async (trx) => {
    await sql`set local role postgres`.execute(trx);
    await sql`set local session_replication_role = replica`.execute(trx);
    await statement.execute(trx);
  });
}

describe.each(await testBackends())('tamper-evident audit log (%s)', (backend) => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  const verify = (id: string) => t.as({ id }, () => new AuditChainVerifier(t.app.zhida.database.db).verify(id));

  beforeAll(async () => {
    t = await TestApp.start(backend);
    tenant = await t.createTenant('chain-a');
    other = await t.createTenant('chain-b');
  });
  afterAll(() => t.close());

  it('chains forty entries written at once without forking, each linking to the one before', async () => {
    const { audit } = t.app.zhida;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => t.as(tenant, () => audit.record({ tenantId: tenant.id, actorType: 'system', actorId: null, action: 'test.concurrent', detail: { i, at: new Date(), nested: { b: 1, a: [2, { z: 1, y: 2 }] } } }))),
    );
    await t.as(other, () => audit.record({ tenantId: other.id, actorType: 'system', actorId: null, action: 'test.other' }));
    const rows = await t.as(tenant, () => t.app.zhida.database.db.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash']).where('tenant_id', '=', tenant.id).orderBy('seq').execute());
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
    const report = await verify(tenant.id);
    expect(report.breaks).toEqual([]);
    expect(report.checked).toBe(40);
    expect((await verify(other.id)).checked).toBe(1);
  });

  it('still refuses UPDATE and DELETE from the app', async () => {
    const db = t.app.zhida.database.db;
    await expect(t.as(tenant, () => db.updateTable('audit_log').set({ action: 'x' }).where('tenant_id', '=', tenant.id).execute())).rejects.toThrow(/append-only/);
    await expect(t.as(tenant, () => db.deleteFrom('audit_log').where('tenant_id', '=', tenant.id).execute())).rejects.toThrow(/append-only/);
  });

  it('finds an entry whose detail was changed, and names it', async () => {
    const db = t.app.zhida.database.db;
    await tamper(db, sql`update audit_log set detail = '{"i": 999}'::jsonb where tenant_id = ${tenant.id} and seq = 7`);
    const report = await verify(tenant.id);
    expect(report.breaks).toEqual([expect.objectContaining({ seq: 7, problem: 'changed' })]);
    expect((await verify(other.id)).breaks).toEqual([]);
  });

  it('finds a deleted entry in the middle and one cut from the end', async () => {
    const db = t.app.zhida.database.db;
    await tamper(db, sql`delete from audit_log where tenant_id = ${tenant.id} and seq in (20, 40)`);
    const problems = (await verify(tenant.id)).breaks.map((b) => `${b.problem}@${b.seq}`);
    expect(problems).toEqual(['changed@7', 'missing@20', 'head_mismatch@40']);
  });

  it('refuses a common --admin-password, `zhida audit verify` reports an intact chain, `zhida privacy export|delete` work (PGlite on disk)', async () => {
    if (backend !== 'pglite') return;
    const { runCli } = await import('../cli/zhida-cli.js');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'zhida-audit-'));
    const env = { ZHIDA_DATA_DIR: dir, LOG_LEVEL: 'silent' };
    try {
      expect(await runCli(['tenant', 'create', '--template', 'ecommerce', '--slug', 'shop', '--admin-password', '12345678'], env, () => undefined)).toBe(2);
      expect(await runCli(['tenant', 'create', '--template', 'ecommerce', '--slug', 'shop'], env, () => undefined)).toBe(0);
      expect(await runCli(['apikey', 'create', '--tenant', 'shop'], env, () => undefined)).toBe(0);
      const ok: string[] = [];
      expect(await runCli(['audit', 'verify'], env, (l) => ok.push(l))).toBe(0);
      expect(ok.join('\n')).toMatch(/shop: OK/);
      // zhida privacy export / delete against the same database.
      const { createDatabase } = await import('../db/create-database.js');
      const { TenantScope } = await import('../db/tenant-scope.js');
      const { randomUUID } = await import('node:crypto');
      const { existsSync, statSync } = await import('node:fs');
      const database = await createDatabase({ dataDir: dir, databaseUrl: null, databaseSchema: 'public' });
      const shop = await TenantScope.asSystem(() => database.db.selectFrom('tenants').select('id').where('slug', '=', 'shop').executeTakeFirstOrThrow());
      const visitorId = randomUUID();
      await TenantScope.asTenant(shop.id, () => database.db.insertInto('visitors').values({ id: visitorId, tenant_id: shop.id, external_id: 'crm-42', name: '赵六', verified: true, token_hash: 'x' }).execute());
      await database.close();
      const archive = join(dir, 'export.tar.gz');
      const lines: string[] = [];
      expect(await runCli(['privacy', 'export', '--tenant', 'shop', '--external-id', 'crm-42', '--out', archive], env, (l) => lines.push(l))).toBe(0);
      expect(existsSync(archive) && statSync(archive).size > 100).toBe(true);
      expect(await runCli(['privacy', 'delete', '--tenant', 'shop', '--visitor', 'x', '--external-id', 'y'], env, () => undefined)).toBe(2);
      expect(await runCli(['privacy', 'delete', '--tenant', 'shop', '--external-id', 'crm-42'], env, (l) => lines.push(l))).toBe(0);
      expect(lines.join('\n')).toMatch(/Deleted: .*"visitors":1/);
      const again = await createDatabase({ dataDir: dir, databaseUrl: null, databaseSchema: 'public' });
      expect(await TenantScope.asSystem(() => again.db.selectFrom('visitors').select('id').where('id', '=', visitorId).execute())).toEqual([]);
      await again.close();
      expect(await runCli(['audit', 'verify', '--tenant', 'shop'], env, () => undefined)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Two template tenants trained and five CLI runs, each opening the PGlite directory.
  }, 400_000);
});

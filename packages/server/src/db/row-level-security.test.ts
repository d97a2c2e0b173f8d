import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationRepository } from '../conversations/conversation-repository.js';
import { NotFoundError } from '../errors/app-error.js';
import { TenantRepository } from '../tenancy/tenant-repository.js';
import { testConfig } from '../test-support/test-app.js';
import { dropTestSchema, testBackends } from '../test-support/test-backends.js';
import { createDatabase, type DatabaseHandle } from './create-database.js';
import { TenantScope, TenantScopeConflictError } from './tenant-scope.js';

/**
 * SECURITY.md check 7: row-level security is a second wall behind the
 * repositories' own tenant filters. A query with no tenant scope sees nothing;
 * in tenant A's scope a query that forgot its `where tenant_id` still sees only
 * A's rows, and cannot write B's.
 */
describe.each(await testBackends())('row-level security (%s)', (backend) => {
  let handle: DatabaseHandle;
  let dropSchema: () => Promise<void> = async () => {};
  const a = { tenant: randomUUID(), visitor: randomUUID(), conversation: '' };
  const b = { tenant: randomUUID(), visitor: randomUUID(), conversation: '' };

  beforeAll(async () => {
    const config = testConfig(backend);
    handle = await createDatabase(config);
    if (config.databaseUrl) dropSchema = () => dropTestSchema(config.databaseSchema);
    const { db } = handle;
    for (const [name, t] of [['a', a], ['b', b]] as const) {
      await new TenantRepository(db).create({ id: t.tenant, slug: `rls-${name}-${t.tenant.slice(0, 8)}`, name, industry: 'ecommerce' });
      await TenantScope.asTenant(t.tenant, async () => {
        await db.insertInto('visitors').values({ id: t.visitor, tenant_id: t.tenant, external_id: null, name: null, verified: false, token_hash: randomUUID() }).execute();
        const repo = new ConversationRepository(db);
        t.conversation = await repo.create({ tenantId: t.tenant }, t.visitor);
        await repo.appendMessage(
          { tenantId: t.tenant },
          { conversationId: t.conversation, senderType: 'visitor', senderId: t.visitor, senderName: null, text: `hello from ${name}`, clientMsgId: null, quickReplies: [], meta: {} },
        );
      });
    }
  });
  afterAll(async () => {
    await handle?.close();
    await dropSchema();
  });

  it('shows a query run without a tenant no rows at all', async () => {
    const { db } = handle;
    expect(await db.selectFrom('conversations').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('messages').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('visitors').selectAll().execute()).toEqual([]);
    // Nor can it change any: the rows are not there for it.
    const updated = await db.updateTable('conversations').set({ status: 'closed' }).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(0n);
  });

  it('shows a query in A’s scope that forgot its where clause only A’s rows', async () => {
    const { db } = handle;
    const [conversations, messages] = await TenantScope.asTenant(a.tenant, () =>
      Promise.all([db.selectFrom('conversations').select(['id', 'tenant_id']).execute(), db.selectFrom('messages').select(['text', 'tenant_id']).execute()]),
    );
    expect(conversations).toEqual([{ id: a.conversation, tenant_id: a.tenant }]);
    expect(messages.map((m) => m.text)).toEqual(['hello from a']);
  });

  it('answers a repository call for B’s conversation made in A’s scope with not found', async () => {
    const repo = new ConversationRepository(handle.db);
    await expect(TenantScope.asTenant(a.tenant, () => repo.get({ tenantId: b.tenant }, b.conversation))).rejects.toBeInstanceOf(NotFoundError);
    await expect(TenantScope.asTenant(b.tenant, () => repo.get({ tenantId: b.tenant }, b.conversation))).resolves.toMatchObject({ id: b.conversation });
  });

  it('refuses to write a row of B in A’s scope, or to move A’s row to B', async () => {
    const { db } = handle;
    await expect(
      TenantScope.asTenant(a.tenant, () =>
        db.insertInto('visitors').values({ id: randomUUID(), tenant_id: b.tenant, external_id: null, name: null, verified: false, token_hash: randomUUID() }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(TenantScope.asTenant(a.tenant, () => db.updateTable('visitors').set({ tenant_id: b.tenant }).where('id', '=', a.visitor).execute())).rejects.toThrow(
      /row-level security/,
    );
  });

  it('refuses to turn code running as A into code running as B', () => {
    expect(() => TenantScope.asTenant(a.tenant, () => TenantScope.asTenant(b.tenant, () => 'crossed'))).toThrow(TenantScopeConflictError);
    expect(TenantScope.asTenant(a.tenant, () => TenantScope.asTenant(a.tenant, () => 'same'))).toBe('same');
  });

  it('keeps a transaction in the scope it began in', async () => {
    const { db } = handle;
    const seen = await TenantScope.asTenant(b.tenant, () => db.transaction().execute((trx) => trx.selectFrom('conversations').select('id').execute()));
    expect(seen).toEqual([{ id: b.conversation }]);
  });

  it('shows the system scope every tenant’s rows', async () => {
    const ids = await TenantScope.asSystem(() => handle.db.selectFrom('conversations').select('id').execute());
    expect(ids.map((r) => r.id).sort()).toEqual([a.conversation, b.conversation].sort());
  });

  it('queries as a role the policies bind, not as a superuser', async () => {
    const { rows } = await sql<{ rolsuper: boolean; rolbypassrls: boolean }>`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`.execute(handle.db);
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
  });

  it('has the tenant policy, enabled and forced, on every table with a tenant_id', async () => {
    const { rows } = await sql<{ table_name: string; rls: boolean; forced: boolean; policies: string[] }>`
      select c.table_name, k.relrowsecurity as rls, k.relforcerowsecurity as forced,
        coalesce(array(select p.policyname::text from pg_policies p where p.schemaname = c.table_schema and p.tablename = c.table_name order by 1), '{}') as policies
      from information_schema.columns c
      join pg_class k on k.relname = c.table_name and k.relnamespace = c.table_schema::regnamespace
      where c.table_schema = current_schema() and c.column_name = 'tenant_id' and k.relkind = 'r'
      order by c.table_name`.execute(handle.db);
    expect(rows.length).toBeGreaterThan(30);
    const unguarded = rows.filter((r) => !r.rls || !r.forced || !r.policies.includes('tenant_isolation')).map((r) => r.table_name);
    expect(unguarded).toEqual([]);
  });
});

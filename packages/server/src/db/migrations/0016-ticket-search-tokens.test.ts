import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { searchTextTokens, ticketQueryTokens, ticketSearchText } from '../../tickets/ticket-search-text.js';
import { PGliteDialect } from '../pglite-dialect.js';
import { migrations } from './index.js';

// Tickets filed before 0016 have only their search_text column; the migration must give them the
// same token rows TicketService writes for a new ticket, or the search box stops finding them.
describe('migration 0016-ticket-search-tokens', () => {
  it('backfills every old ticket’s tokens exactly as a new ticket gets them', async () => {
    const pglite = new PGlite();
    await pglite.waitReady;
    const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      expect((await migrator.migrateTo('0015-handoff')).error).toBeUndefined();
      const tenants = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
      for (const [i, id] of tenants.entries()) {
        await sql`insert into tenants (id, slug, name, industry) values (${id}, ${`m16-${i}`}, 'm16', 'ecommerce')`.execute(db);
      }
      const old = [
        { id: '00000000-0000-4000-8000-00000000000a', tenant: tenants[0]!, number: 'GD202611010001', subject: '退货', description: '耳机坏了，要退货退款', contact: { phone: '138 0000 1234', name: '王芳' } },
        { id: '00000000-0000-4000-8000-00000000000b', tenant: tenants[0]!, number: 'GD202611010002', subject: 'Refund', description: 'order 20261118883301 never arrived', contact: { email: 'A.Li@example.com' } },
        { id: '00000000-0000-4000-8000-00000000000c', tenant: tenants[1]!, number: 'GD202611010001', subject: '发票', description: '开具增值税专用发票', contact: {} },
      ];
      for (const t of old) {
        await sql`insert into tickets (id, tenant_id, number, subject, description, status, priority, channel, search_text, created_at, updated_at)
          values (${t.id}, ${t.tenant}, ${t.number}, ${t.subject}, ${t.description}, 'open', 'P3', 'widget', ${ticketSearchText(t)}, now(), now())`.execute(db);
      }

      expect((await migrator.migrateTo('0016-ticket-search-tokens')).error).toBeUndefined();

      for (const t of old) {
        const { rows } = await sql<{ tenant_id: string; token: string }>`select tenant_id, token from ticket_search_tokens where ticket_id = ${t.id}`.execute(db);
        expect(rows.every((r) => r.tenant_id === t.tenant)).toBe(true);
        expect(rows.map((r) => r.token).sort()).toEqual(searchTextTokens(ticketSearchText(t)).sort());
      }
      // What the search box asks for finds the old tickets through the new rows, within their tenant only.
      const find = async (tenant: string, q: string) => {
        let ids: string[] | null = null;
        for (const token of ticketQueryTokens(q)) {
          const { rows } = await sql<{ ticket_id: string }>`select ticket_id from ticket_search_tokens where tenant_id = ${tenant} and token = ${token}`.execute(db);
          const found = rows.map((r) => r.ticket_id);
          ids = ids === null ? found : ids.filter((id) => found.includes(id));
        }
        return (ids ?? []).sort();
      };
      expect(await find(tenants[0]!, '耳机坏了')).toEqual([old[0]!.id]);
      expect(await find(tenants[0]!, '13800001234')).toEqual([old[0]!.id]);
      expect(await find(tenants[0]!, 'a.li@example.com')).toEqual([old[1]!.id]);
      expect(await find(tenants[0]!, 'GD202611010001')).toEqual([old[0]!.id]);
      expect(await find(tenants[1]!, 'GD202611010001')).toEqual([old[2]!.id]);
      expect(await find(tenants[1]!, '耳机坏了')).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});

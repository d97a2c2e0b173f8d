import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { PGliteDialect } from '../pglite-dialect.js';
import { migrations } from './index.js';

// The migration's own SQL on an 0013 database that holds alerts keyed the old way (by due_at),
// including the duplicates that keying let through. PGlite as its superuser, before the app role.
describe('migration 0014-sla-alert-run', () => {
  it('derives each old alert’s run start from the history and keeps the first of each run', async () => {
    const pglite = new PGlite();
    await pglite.waitReady;
    const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const to13 = await migrator.migrateTo('0013-routing-last-assigned');
      expect(to13.error).toBeUndefined();
      const tenant = '00000000-0000-4000-8000-000000000001';
      const ticket = '00000000-0000-4000-8000-000000000002';
      const t = (iso: string) => `2026-12-10T${iso}+08:00`;
      await sql`insert into tenants (id, slug, name, industry) values (${tenant}, 'm14', 'm14', 'ecommerce')`.execute(db);
      await sql`insert into tickets (id, tenant_id, number, subject, description, status, priority, channel, created_at, updated_at)
        values (${ticket}, ${tenant}, 'GD1', '退货', '退货', 'open', 'P3', 'widget', ${t('09:00:00')}, ${t('09:00:00')})`.execute(db);
      const event = (seq: number, type: string, at: string, data: object) =>
        sql`insert into ticket_events (id, tenant_id, ticket_id, seq, type, actor_type, public, data, created_at)
          values (gen_random_uuid(), ${tenant}, ${ticket}, ${seq}, ${type}, 'agent', false, ${JSON.stringify(data)}::jsonb, ${t(at)})`.execute(db);
      await event(1, 'customer_reply', '09:20:00', {});
      await event(2, 'status_changed', '10:00:00', { from: 'open', to: 'resolved' });
      await event(3, 'status_changed', '11:00:00', { from: 'resolved', to: 'open' });
      const alert = (clock: string, level: string, due: string, fired: string) =>
        sql`insert into ticket_sla_alerts (tenant_id, ticket_id, clock, level, due_at, fired_at) values (${tenant}, ${ticket}, ${clock}, ${level}, ${t(due)}, ${t(fired)})`.execute(db);
      await alert('first_response', 'warning', '10:00:00', '09:48:00');
      await alert('first_response', 'warning', '10:40:00', '10:30:00'); // the duplicate a pause let through
      await alert('next_response', 'warning', '09:50:00', '09:44:00');
      await alert('resolution', 'warning', '09:50:00', '09:40:00');
      await alert('resolution', 'warning', '11:30:00', '11:20:00'); // after the reopen: a run of its own

      const to14 = await migrator.migrateTo('0014-sla-alert-run');
      expect(to14.error).toBeUndefined();
      const { rows } = await sql<{ clock: string; due_at: Date; run_started_at: Date }>`select clock, due_at, run_started_at from ticket_sla_alerts order by clock, fired_at`.execute(db);
      expect(rows.map((r) => [r.clock, new Date(r.due_at).toISOString(), new Date(r.run_started_at).toISOString()])).toEqual([
        ['first_response', new Date(t('10:00:00')).toISOString(), new Date(t('09:00:00')).toISOString()],
        ['next_response', new Date(t('09:50:00')).toISOString(), new Date(t('09:20:00')).toISOString()],
        ['resolution', new Date(t('09:50:00')).toISOString(), new Date(t('09:00:00')).toISOString()],
        ['resolution', new Date(t('11:30:00')).toISOString(), new Date(t('11:00:00')).toISOString()],
      ]);
      // The run is the key now: the same warning of the same run is refused.
      await expect(sql`insert into ticket_sla_alerts (tenant_id, ticket_id, clock, level, due_at, run_started_at) values (${tenant}, ${ticket}, 'first_response', 'warning', ${t('11:00:00')}, ${t('09:00:00')})`.execute(db)).rejects.toThrow();
    } finally {
      await db.destroy();
    }
  });
});

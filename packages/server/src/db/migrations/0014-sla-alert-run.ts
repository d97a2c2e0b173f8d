import { sql, type Kysely } from 'kysely';

// An SLA alert fires once per RUN of a clock, not once per deadline: a pause moves a clock's
// deadline, and keying alerts by due_at let the same warning fire again after every resume.
// A run is named by the instant it started (the ticket's creation, the reopen that restarted
// resolution, the customer reply that started a next-response clock), kept in its own column so
// due_at still says which deadline the alert was about. Old rows get their run start derived from
// the history as of when they fired; the duplicates the old key let through collapse to the first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ticket_sla_alerts add column run_started_at timestamptz`.execute(db);
  await sql`update ticket_sla_alerts a set run_started_at = coalesce(
      case a.clock
        when 'next_response' then (select max(e.created_at) from ticket_events e
          where e.tenant_id = a.tenant_id and e.ticket_id = a.ticket_id and e.type = 'customer_reply' and e.created_at <= a.fired_at)
        when 'resolution' then greatest(t.created_at, (select max(e.created_at) from ticket_events e
          where e.tenant_id = a.tenant_id and e.ticket_id = a.ticket_id and e.type = 'status_changed'
            and e.data->>'from' in ('resolved', 'closed') and e.data->>'to' not in ('resolved', 'closed') and e.created_at <= a.fired_at))
        else t.created_at
      end, t.created_at, a.due_at)
    from tickets t where t.id = a.ticket_id`.execute(db);
  await sql`update ticket_sla_alerts set run_started_at = due_at where run_started_at is null`.execute(db);
  await sql`delete from ticket_sla_alerts a using ticket_sla_alerts b
    where a.ticket_id = b.ticket_id and a.clock = b.clock and a.level = b.level and a.run_started_at = b.run_started_at
      and (a.fired_at, a.due_at) > (b.fired_at, b.due_at)`.execute(db);
  await sql`alter table ticket_sla_alerts alter column run_started_at set not null`.execute(db);
  await sql`alter table ticket_sla_alerts drop constraint ticket_sla_alerts_pkey`.execute(db);
  await sql`alter table ticket_sla_alerts add primary key (ticket_id, clock, level, run_started_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ticket_sla_alerts drop constraint ticket_sla_alerts_pkey`.execute(db);
  await sql`alter table ticket_sla_alerts add primary key (ticket_id, clock, level, due_at)`.execute(db);
  await sql`alter table ticket_sla_alerts drop column if exists run_started_at`.execute(db);
}

import { sql, type Kysely } from 'kysely';

// The demo shop's after-sales system moves returns and exchanges along (job `demo.after_sales`),
// so each request keeps when its status last changed and one row per step reached. Existing
// requests count as changed when they were filed. A step is recorded once: the primary key
// makes a re-run, or a second node doing the same step, a no-op.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table demo_returns add column status_changed_at timestamptz not null default now()`.execute(db);
  await sql`update demo_returns set status_changed_at = created_at`.execute(db);
  await sql`create table demo_return_events (
    tenant_id uuid not null references tenants(id) on delete cascade,
    reference text not null, status text not null, at timestamptz not null,
    primary key (tenant_id, reference, status),
    foreign key (tenant_id, reference) references demo_returns (tenant_id, reference) on delete cascade)`.execute(db);
  await sql`insert into demo_return_events (tenant_id, reference, status, at)
    select tenant_id, reference, 'submitted', created_at from demo_returns`.execute(db);
  // The job looks for requests still in flight, per tenant.
  await sql`create index demo_returns_in_flight on demo_returns (tenant_id, status)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists demo_returns_in_flight`.execute(db);
  await sql`drop table if exists demo_return_events`.execute(db);
  await sql`alter table demo_returns drop column if exists status_changed_at`.execute(db);
}

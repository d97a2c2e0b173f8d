import { sql, type Kysely } from 'kysely';

// The ticket tables' row-level security called current_setting() twice for every row a query
// looked at: a filter PostgreSQL cannot turn into an index condition, so a queue's count(*) over
// 10,000 tickets spent most of its time in the policy (20 ms against 6 ms without it, EXPLAIN
// ANALYZE in bench/results/tickets.md). Inside a scalar sub-select the settings are read once per
// statement (an InitPlan) and each row only compares two values. Same rule, same tables.
const tables = [
  'business_calendars', 'agent_groups', 'agent_group_members', 'ticket_categories', 'ticket_routing_rules', 'sla_policies',
  'tickets', 'ticket_events', 'ticket_attachments', 'ticket_sla_alerts', 'ticket_training_examples', 'webhook_endpoints', 'webhook_deliveries',
  'ticket_search_tokens',
];

const ONCE = "(select current_setting('zhida.all_tenants', true) = 'on') or tenant_id = (select nullif(current_setting('zhida.tenant_id', true), '')::uuid)";
const PER_ROW = "current_setting('zhida.all_tenants', true) = 'on' or tenant_id = nullif(current_setting('zhida.tenant_id', true), '')::uuid";

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) await sql.raw(`alter policy tenant_isolation on ${table} using (${ONCE}) with check (${ONCE})`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) await sql.raw(`alter policy tenant_isolation on ${table} using (${PER_ROW}) with check (${PER_ROW})`).execute(db);
}

import { sql, type Kysely } from 'kysely';

// Ties demo orders and service requests to the enterprise's own customer id
// (the `userId` a tenant's site passes to the widget, `visitors.external_id`),
// so self-service search can show a verified visitor their own records.
// Nullable: records made by anonymous visitors belong to no one.
const statements = [
  `alter table demo_orders add column customer_id text`,
  `create index demo_orders_customer on demo_orders (tenant_id, customer_id)`,
  `alter table demo_service_requests add column customer_id text`,
  `create index demo_service_requests_customer on demo_service_requests (tenant_id, customer_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['demo_service_requests', 'demo_orders']) await sql.raw(`alter table ${table} drop column if exists customer_id`).execute(db);
}

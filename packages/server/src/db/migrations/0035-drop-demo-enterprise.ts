import { sql, type Kysely } from 'kysely';

// The demo tenants' shop, bank, service centre and operator left the product (#19): they are the
// demo-enterprise service now, reached over signed HTTP like a customer's CRM/ERP, with their own
// books. Their old tables and the in-process after-sales job go; a pending `demo.after_sales` job
// would otherwise fail on every poll with no handler to run it.
const tables = [
  'demo_usage', 'demo_phone_bills', 'demo_subscribers', 'demo_plans', 'demo_applications', 'demo_appointments',
  'demo_appointment_slots', 'demo_gov_services', 'demo_transfers', 'demo_card_bills', 'demo_cards', 'demo_accounts',
  'demo_customers', 'demo_service_requests', 'demo_refunds', 'demo_return_events', 'demo_returns', 'demo_logistics_events', 'demo_orders',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) await sql.raw(`drop table if exists ${table} cascade`).execute(db);
  await sql`delete from jobs where kind = 'demo.after_sales'`.execute(db);
}

// Nothing to restore: the rows were demo data, which the demo-enterprise service seeds for itself.
export async function down(): Promise<void> {}

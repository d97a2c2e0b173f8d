import { sql, type Kysely } from 'kysely';

// When a member was last given work automatically, so equally loaded members take turns
// (round-robin). Kept on every membership row of the person (the dispatcher holds all of them
// locked while it assigns), so it is read without scanning the ticket event log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table agent_group_members add column last_assigned_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table agent_group_members drop column if exists last_assigned_at`.execute(db);
}

import { sql, type Kysely } from 'kysely';

// The installation address of a demo broadband line, so a repair can be filed by the
// address a customer knows instead of the account number printed on a contract.
// Nullable: subscribers without broadband have none, and rows seeded before this
// migration get theirs when the demo seed next runs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table demo_subscribers add column broadband_address text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table demo_subscribers drop column if exists broadband_address`.execute(db);
}

import { sql, type Kysely } from 'kysely';

// Staff multi-factor authentication (TOTP, RFC 6238).
// users: the confirmed secret (base32), a secret awaiting confirmation, when MFA was
// switched on, and the last accepted time step (so an accepted code is never accepted again).
// tenants: whether every staff user must have MFA.
// mfa_challenges: the single-use, 5-minute token a password login returns when the
// second factor is still missing; only its SHA-256 is stored.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column mfa_secret text`.execute(db);
  await sql`alter table users add column mfa_pending_secret text`.execute(db);
  await sql`alter table users add column mfa_enabled_at timestamptz`.execute(db);
  await sql`alter table users add column mfa_last_step integer`.execute(db);
  await sql`alter table tenants add column mfa_required boolean not null default false`.execute(db);
  await db.schema
    .createTable('mfa_challenges')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('mfa_challenges_tenant_user').on('mfa_challenges').columns(['tenant_id', 'user_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mfa_challenges').ifExists().execute();
  await sql`alter table tenants drop column if exists mfa_required`.execute(db);
  for (const column of ['mfa_last_step', 'mfa_enabled_at', 'mfa_pending_secret', 'mfa_secret']) {
    await sql`alter table users drop column if exists ${sql.ref(column)}`.execute(db);
  }
}

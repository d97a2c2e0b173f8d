import { sql, type Kysely } from 'kysely';

// A tenant's bot configuration (installed from an industry template, then
// editable) and its trained NLU model. The model row records which
// training-data version it was trained on, so every node can tell when it is
// stale and the previous model keeps serving until a new one is stored.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bot_configs')
    .addColumn('tenant_id', 'uuid', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('template_id', 'text')
    .addColumn('config', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('nlu_models')
    .addColumn('tenant_id', 'uuid', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('data_version', 'integer', (c) => c.notNull())
    .addColumn('model', 'jsonb', (c) => c.notNull())
    .addColumn('train_ms', 'integer', (c) => c.notNull())
    .addColumn('trained_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('nlu_models').ifExists().execute();
  await db.schema.dropTable('bot_configs').ifExists().execute();
}

import { sql, type Kysely } from 'kysely';

// A trained model was one jsonb value of up to 15.6 MB in nlu_models.model. PGlite's PostgreSQL runs in
// WebAssembly, whose memory grows and is never given back: detoasting, converting and sending one such value
// grew it by ~140 MB for good, per tenant (bench/results/chat.md). The model's bytes now live in chunks of
// 256 KiB, read one statement each; nlu_models.model keeps a small manifest ({ engine, id, chunks, bytes })
// that says which chunks make the model. Existing models are moved here, not retrained.
const ALLOWED = "current_setting('zhida.all_tenants', true) = 'on' or tenant_id = nullif(current_setting('zhida.tenant_id', true), '')::uuid";
const CHUNK = 262144;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table nlu_model_chunks (
    tenant_id uuid not null references tenants(id) on delete cascade,
    model_id uuid not null,
    seq integer not null,
    bytes bytea not null,
    primary key (tenant_id, model_id, seq))`.execute(db);
  await sql`alter table nlu_model_chunks enable row level security`.execute(db);
  await sql`alter table nlu_model_chunks force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on nlu_model_chunks using (${ALLOWED}) with check (${ALLOWED})`).execute(db);

  // One tenant at a time, so no statement holds more than one whole model.
  const { rows } = await sql<{ tenant_id: string }>`select tenant_id from nlu_models where model ? 'id' is not true`.execute(db);
  for (const { tenant_id } of rows) {
    await sql`with m as (
        select tenant_id, gen_random_uuid() as id, convert_to(model::text, 'UTF8') as b, model->'engine' as engine from nlu_models where tenant_id = ${tenant_id}
      ), c as (
        insert into nlu_model_chunks (tenant_id, model_id, seq, bytes)
        select m.tenant_id, m.id, g, substring(m.b from g * ${CHUNK} + 1 for ${CHUNK})
        from m, generate_series(0, (octet_length(m.b) - 1) / ${CHUNK}) g
      )
      update nlu_models n set model = jsonb_strip_nulls(jsonb_build_object(
        'engine', m.engine, 'id', m.id, 'chunks', (octet_length(m.b) + ${CHUNK} - 1) / ${CHUNK}, 'bytes', octet_length(m.b)))
      from m where n.tenant_id = m.tenant_id`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The models cannot be put back into one value cheaply; without them every tenant retrains on start.
  await sql`delete from nlu_models where model ? 'id'`.execute(db);
  await sql`drop table if exists nlu_model_chunks`.execute(db);
}

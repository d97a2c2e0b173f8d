import { sql, type Kysely } from 'kysely';

// Agent assist lists the passages of the tenant's documents (#18) beside FAQs and articles; the shown suggestions
// are stored for the adoption rate, so the stored kind must admit them.
const KINDS_BEFORE = ['faq', 'article', 'similar_conversation', 'similar_ticket', 'canned', 'empathy'];
const KINDS = [...KINDS_BEFORE, 'passage'];

const check = (kinds: readonly string[]) => `alter table assist_suggestions add constraint assist_suggestions_kind_check check (kind in (${kinds.map((k) => `'${k}'`).join(', ')}))`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table assist_suggestions drop constraint assist_suggestions_kind_check`.execute(db);
  await sql.raw(check(KINDS)).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from assist_suggestions where kind = 'passage'`.execute(db);
  await sql`alter table assist_suggestions drop constraint assist_suggestions_kind_check`.execute(db);
  await sql.raw(check(KINDS_BEFORE)).execute(db);
}

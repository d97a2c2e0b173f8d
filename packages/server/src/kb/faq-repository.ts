import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { toFaqDto, type FaqDto, type FaqInput } from './faq-dto.js';

/** The tenant's FAQ entries. Every write bumps the tenant's kb_version so bots on every node rebuild their index. */
export class FaqRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(ctx: TenantContext, filter: { q?: string; category?: string } = {}): Promise<FaqDto[]> {
    let query = this.db.selectFrom('faqs').selectAll().where('tenant_id', '=', ctx.tenantId);
    if (filter.category) query = query.where('category', '=', filter.category);
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([eb('question', 'ilike', pattern), eb('answer', 'ilike', pattern), eb(sql`paraphrases::text`, 'ilike', pattern)]),
      );
    }
    const rows = await query.orderBy('category').orderBy('created_at').execute();
    return rows.map(toFaqDto);
  }

  async get(ctx: TenantContext, id: string): Promise<FaqDto> {
    const row = await this.db.selectFrom('faqs').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('FAQ');
    return toFaqDto(row);
  }

  async create(ctx: TenantContext, input: FaqInput): Promise<FaqDto> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('faqs')
        .values({ id: randomUUID(), tenant_id: ctx.tenantId, question: input.question, paraphrases: JSON.stringify(input.paraphrases), answer: input.answer, category: input.category })
        .returningAll()
        .executeTakeFirstOrThrow();
      await bumpVersion(trx, ctx);
      return toFaqDto(row);
    });
  }

  async createMany(ctx: TenantContext, inputs: FaqInput[]): Promise<void> {
    if (inputs.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('faqs')
        .values(inputs.map((f) => ({ id: randomUUID(), tenant_id: ctx.tenantId, question: f.question, paraphrases: JSON.stringify(f.paraphrases), answer: f.answer, category: f.category })))
        .execute();
      await bumpVersion(trx, ctx);
    });
  }

  async update(ctx: TenantContext, id: string, patch: Partial<FaqInput>): Promise<FaqDto> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('faqs')
        .set({
          ...(patch.question !== undefined ? { question: patch.question } : {}),
          ...(patch.paraphrases !== undefined ? { paraphrases: JSON.stringify(patch.paraphrases) } : {}),
          ...(patch.answer !== undefined ? { answer: patch.answer } : {}),
          ...(patch.category !== undefined ? { category: patch.category } : {}),
          updated_at: new Date(),
        })
        .where('tenant_id', '=', ctx.tenantId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new NotFoundError('FAQ');
      await bumpVersion(trx, ctx);
      return toFaqDto(row);
    });
  }

  async delete(ctx: TenantContext, id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const res = await trx.deleteFrom('faqs').where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw new NotFoundError('FAQ');
      await bumpVersion(trx, ctx);
    });
  }

  async version(ctx: TenantContext): Promise<number> {
    const row = await this.db.selectFrom('tenants').select('kb_version').where('id', '=', ctx.tenantId).executeTakeFirstOrThrow();
    return row.kb_version;
  }
}

async function bumpVersion(trx: Kysely<Database>, ctx: TenantContext): Promise<void> {
  await trx.updateTable('tenants').set((eb) => ({ kb_version: eb('kb_version', '+', 1) })).where('id', '=', ctx.tenantId).execute();
}

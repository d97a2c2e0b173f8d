import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import { kbDatabase, type KbDatabase } from '../kb/articles/kb-database.js';
import type { SuggestionStatus } from '../kb/articles/kb-schema.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { questionKey } from './question-key.js';
import { toSuggestionDto, type SuggestionDto } from './suggestion-dto.js';
import type { Proposal } from './suggestion-proposer.js';

/** The tenant's FAQ proposals (kb_suggestions). */
export class SuggestionRepository {
  private readonly db: Kysely<KbDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = kbDatabase(db);
  }

  async list(ctx: TenantContext, status?: SuggestionStatus): Promise<SuggestionDto[]> {
    let query = this.db.selectFrom('kb_suggestions').selectAll().where('tenant_id', '=', ctx.tenantId);
    if (status) query = query.where('status', '=', status);
    const rows = await query.orderBy('created_at', 'desc').orderBy('sample_count', 'desc').orderBy('id').limit(500).execute();
    return rows.map(toSuggestionDto);
  }

  async get(ctx: TenantContext, id: string): Promise<SuggestionDto> {
    const row = await this.db.selectFrom('kb_suggestions').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('Suggestion');
    return toSuggestionDto(row);
  }

  /**
   * Replaces the tenant's pending proposals with a fresh set. What staff
   * already rejected is not proposed again: a rejected new-FAQ question, or a
   * paraphrase rejected for the same FAQ.
   */
  async replacePending(ctx: TenantContext, proposals: readonly Proposal[]): Promise<SuggestionDto[]> {
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('kb_suggestions').where('tenant_id', '=', ctx.tenantId).where('status', '=', 'pending').execute();
      const rejected = await trx.selectFrom('kb_suggestions').select(['kind', 'faq_id', 'question', 'paraphrases']).where('tenant_id', '=', ctx.tenantId).where('status', '=', 'rejected').execute();
      const rejectedQuestions = new Set(rejected.filter((r) => r.kind === 'new_faq').map((r) => questionKey(r.question)));
      const rejectedParaphrases = new Set(rejected.filter((r) => r.kind === 'paraphrase').flatMap((r) => r.paraphrases.map((p) => `${r.faq_id}\u0000${questionKey(p.text)}`)));
      const rows = proposals.flatMap((p) => {
        if (p.kind === 'new_faq') return rejectedQuestions.has(questionKey(p.question)) ? [] : [p];
        const paraphrases = p.paraphrases.filter((x) => !rejectedParaphrases.has(`${p.faqId}\u0000${questionKey(x.text)}`));
        return paraphrases.length > 0 ? [{ ...p, paraphrases }] : [];
      });
      if (rows.length === 0) return [];
      const inserted = await trx
        .insertInto('kb_suggestions')
        .values(rows.map((p) => ({ id: randomUUID(), tenant_id: ctx.tenantId, kind: p.kind, faq_id: p.faqId, question: p.question, paraphrases: JSON.stringify(p.paraphrases), sample_count: p.sampleCount })))
        .returningAll()
        .execute();
      return inserted.sort((a, b) => b.sample_count - a.sample_count || (a.question < b.question ? -1 : 1)).map(toSuggestionDto);
    });
  }

  /** Moves a pending suggestion to `status`; only one caller can win, the others get a conflict. */
  async decide(ctx: TenantContext, id: string, status: 'accepted' | 'rejected' | 'pending', from: SuggestionStatus = 'pending'): Promise<SuggestionDto> {
    const row = await this.db
      .updateTable('kb_suggestions')
      .set({ status, decided_at: status === 'pending' ? null : new Date() })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .where('status', '=', from)
      .returningAll()
      .executeTakeFirst();
    if (row) return toSuggestionDto(row);
    await this.get(ctx, id); // 404 when it is not this tenant's
    throw new ConflictError('This suggestion has already been decided', 'already_decided');
  }
}

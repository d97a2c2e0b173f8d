import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { NotFoundError } from '../../errors/app-error.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import { handoffDatabase, type HandoffDatabase } from '../handoff-schema.js';
import type { AssistCandidate, AssistSuggestionDto } from './assist-suggestion-dto.js';

/** A suggestion an agent used, and what it came from. */
export interface UsedSuggestion {
  id: string;
  usedAt: string;
  kind: AssistSuggestionDto['kind'];
  refId: string | null;
  conversationId: string;
  first: boolean;
}

/** The suggestions shown to agents and which of them were used: the adoption rate. */
export class AssistSuggestionRepository {
  private readonly db: Kysely<HandoffDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = handoffDatabase(db);
  }

  /** Stores what was shown, in the order shown, and returns the items with their ids. */
  async recordShown(ctx: TenantContext, shown: { conversationId: string; userId: string | null; messageId: string | null }, items: readonly AssistCandidate[]): Promise<AssistSuggestionDto[]> {
    if (items.length === 0) return [];
    const now = new Date();
    const withIds = items.map((item) => ({ id: randomUUID(), ...item }));
    await this.db
      .insertInto('assist_suggestions')
      .values(
        withIds.map((item, rank) => ({
          id: item.id,
          tenant_id: ctx.tenantId,
          conversation_id: shown.conversationId,
          user_id: shown.userId,
          message_id: shown.messageId,
          kind: item.kind,
          ref_id: item.refId,
          title: item.title,
          body: item.body,
          rank,
          score: item.score,
          shown_at: now,
        })),
      )
      .execute();
    return withIds;
  }

  /**
   * Marks a suggestion used (the first use counts); another tenant's id is not found. `first` says whether this call
   * was that first use.
   */
  async markUsed(ctx: TenantContext, id: string, at: Date): Promise<UsedSuggestion> {
    const row = await this.db
      .updateTable('assist_suggestions')
      .set((eb) => ({ used_at: eb.fn.coalesce('used_at', eb.val(at)) }))
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .returning(['id', 'used_at', 'kind', 'ref_id', 'conversation_id'])
      .executeTakeFirst();
    if (!row?.used_at) throw new NotFoundError('Suggestion');
    const usedAt = new Date(row.used_at);
    return { id: row.id, usedAt: usedAt.toISOString(), kind: row.kind, refId: row.ref_id, conversationId: row.conversation_id, first: usedAt.getTime() === at.getTime() };
  }
}

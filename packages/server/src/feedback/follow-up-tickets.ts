import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { TicketService } from '../tickets/ticket-service.js';
import { ensureFollowUpCategory } from '../tickets/follow-up-category.js';
import type { TicketDatabase } from '../tickets/ticket-schema.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { ConversationRatingRow, FeedbackDatabase, FollowUpRow } from './feedback-schema.js';

/** A rating at or below this many stars is followed up (回访). */
export const FOLLOW_UP_MAX_STARS = 3;

const SYSTEM = { type: 'system' as const, id: null };

/**
 * Turns a low rating into a 回访 ticket for the supervisors of the group that handled the
 * conversation: the native ticket service files it (category 回访, whose SLA policy makes it due
 * within one working day on the tenant's calendar), then it goes to that group and to its first
 * supervisor. The follow_ups row is written first (one per rating), so a retry after a crash
 * finishes the same follow-up instead of starting a second.
 */
export class FollowUpTickets {
  constructor(
    private readonly db: Kysely<FeedbackDatabase>,
    private readonly tickets: TicketService,
  ) {}

  async open(ctx: TenantContext, rating: ConversationRatingRow): Promise<FollowUpRow | null> {
    if (rating.stars > FOLLOW_UP_MAX_STARS) return null;
    const { tenantId } = ctx;
    await this.db
      .insertInto('follow_ups')
      .values({ id: randomUUID(), tenant_id: tenantId, rating_id: rating.id, ticket_id: null, outcome: null, outcome_by: null, customer_stars: null })
      .onConflict((oc) => oc.columns(['tenant_id', 'rating_id']).doNothing())
      .execute();
    const followUp = await this.db.selectFrom('follow_ups').selectAll().where('tenant_id', '=', tenantId).where('rating_id', '=', rating.id).executeTakeFirstOrThrow();
    if (followUp.ticket_id) return followUp;

    const category = await ensureFollowUpCategory(this.db as unknown as Kysely<TicketDatabase>, tenantId);
    const groupId = rating.group_id ?? (await this.defaultGroup(tenantId));
    const ticket = await this.tickets.create(
      tenantId,
      {
        channel: 'chat',
        subject: `回访：客户给出 ${rating.stars} 星评价`,
        description: describe(rating),
        categoryId: category.id,
        priority: rating.stars <= 2 ? 'P2' : 'P3',
        conversationId: rating.conversation_id,
      },
      SYSTEM,
    );
    if (groupId) {
      const supervisor = await this.db
        .selectFrom('agent_group_members')
        .select('user_id')
        .where('tenant_id', '=', tenantId)
        .where('group_id', '=', groupId)
        .where('is_supervisor', '=', true)
        .orderBy('created_at')
        .executeTakeFirst();
      await this.tickets.update(tenantId, ticket.id, { groupId, ...(supervisor ? { assigneeId: supervisor.user_id } : {}) }, SYSTEM);
    }
    return this.db.updateTable('follow_ups').set({ ticket_id: ticket.id }).where('tenant_id', '=', tenantId).where('id', '=', followUp.id).returningAll().executeTakeFirstOrThrow();
  }

  /** Low ratings whose follow-up never got its ticket (the process died in between); the sweep finishes them. */
  async unfinished(ctx: TenantContext): Promise<ConversationRatingRow[]> {
    return this.db
      .selectFrom('conversation_ratings as r')
      .leftJoin('follow_ups as f', (j) => j.onRef('f.rating_id', '=', 'r.id').onRef('f.tenant_id', '=', 'r.tenant_id'))
      .selectAll('r')
      .where('r.tenant_id', '=', ctx.tenantId)
      .where('r.stars', '<=', FOLLOW_UP_MAX_STARS)
      .where((w) => w.or([w('f.id', 'is', null), w('f.ticket_id', 'is', null)]))
      .limit(50)
      .execute();
  }

  private async defaultGroup(tenantId: string): Promise<string | null> {
    const group = await this.db.selectFrom('agent_groups').select('id').where('tenant_id', '=', tenantId).where('is_chat_default', '=', true).executeTakeFirst();
    return group?.id ?? null;
  }
}

function describe(rating: ConversationRatingRow): string {
  const lines = [`客户对会话的评价：${'★'.repeat(rating.stars)}${'☆'.repeat(5 - rating.stars)}（${rating.stars} 星）`];
  if (rating.tags.length > 0) lines.push(`标签：${rating.tags.join('、')}`);
  lines.push(rating.comment ? `客户留言：${rating.comment}` : '客户未留言。');
  lines.push('请在 1 个工作日内联系客户了解原因、补救，并在「服务评价」中记录回访结果。');
  return lines.join('\n');
}

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { TicketService } from '../tickets/ticket-service.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { FeedbackRepository } from './feedback-repository.js';
import type { FollowUpOutcomeInput, FollowUpDto, RatingDto, RatingInput, VisitorFeedbackDto } from './feedback-dto.js';
import type { ConversationRatingRow, FeedbackDatabase } from './feedback-schema.js';
import type { FollowUpTickets } from './follow-up-tickets.js';
import { SURVEY_TAGS } from './survey-tags.js';

const UNIQUE_VIOLATION = '23505';

export type VisitorContext = TenantContext & { visitorId: string };
export type StaffActor = TenantContext & { userId: string | null };

/**
 * What visitors and staff do with feedback: the conversation's rating (one; a second is a 409 and
 * the first stands), 有帮助/没帮助 per bot answer, the survey shown, the follow-up of a low rating
 * (its outcome, then the customer's rating of it). Every id is resolved inside the caller's
 * tenant, and a visitor's inside their own conversations: anything else is a 404.
 */
export class FeedbackService {
  constructor(
    private readonly db: Kysely<FeedbackDatabase>,
    private readonly repo: FeedbackRepository,
    private readonly followUps: FollowUpTickets,
    private readonly tickets: TicketService,
    private readonly events: DomainEvents,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async visitorState(visitor: VisitorContext, conversationId: string): Promise<VisitorFeedbackDto> {
    await this.ownConversation(visitor, conversationId);
    const [survey, rating, answers] = await Promise.all([
      this.db.selectFrom('feedback_surveys').select(['id', 'trigger', 'message_id', 'shown_at']).where('tenant_id', '=', visitor.tenantId).where('conversation_id', '=', conversationId).executeTakeFirst(),
      this.db.selectFrom('conversation_ratings').selectAll().where('tenant_id', '=', visitor.tenantId).where('conversation_id', '=', conversationId).executeTakeFirst(),
      this.db.selectFrom('answer_feedback').select(['message_id', 'helpful']).where('tenant_id', '=', visitor.tenantId).where('conversation_id', '=', conversationId).execute(),
    ]);
    const followUp = rating
      ? await this.db.selectFrom('follow_ups').select(['id', 'outcome', 'customer_stars']).where('tenant_id', '=', visitor.tenantId).where('rating_id', '=', rating.id).executeTakeFirst()
      : undefined;
    return {
      survey: survey ? { id: survey.id, trigger: survey.trigger, messageId: survey.message_id, shown: survey.shown_at !== null } : null,
      rating: rating ? ratingDto(rating) : null,
      answers: answers.map((a) => ({ messageId: a.message_id, helpful: a.helpful })),
      // Only once staff recorded an outcome is there a follow-up for the customer to rate.
      followUp: followUp?.outcome ? { id: followUp.id, outcome: followUp.outcome, customerStars: followUp.customer_stars } : null,
      tags: [...SURVEY_TAGS],
    };
  }

  /** The widget displayed the survey: counted once (response rate = ratings ÷ surveys shown). */
  async surveyShown(visitor: VisitorContext, conversationId: string): Promise<void> {
    await this.ownConversation(visitor, conversationId);
    const updated = await this.db
      .updateTable('feedback_surveys')
      .set({ shown_at: this.clock() })
      .where('tenant_id', '=', visitor.tenantId)
      .where('conversation_id', '=', conversationId)
      .where('shown_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) {
      this.events.emit('rating.requested', { tenantId: visitor.tenantId, conversationId, survey: 'conversation', at: this.clock().toISOString() });
    } else {
      const exists = await this.db.selectFrom('feedback_surveys').select('id').where('tenant_id', '=', visitor.tenantId).where('conversation_id', '=', conversationId).executeTakeFirst();
      if (!exists) throw new NotFoundError('Survey');
    }
  }

  /** Rates the conversation once; ≤ 3 stars opens a 回访 ticket. */
  async rate(visitor: VisitorContext, conversationId: string, input: RatingInput): Promise<RatingDto & { followUp: boolean }> {
    const conversation = await this.ownConversation(visitor, conversationId);
    const handled = await this.db
      .selectFrom('handoff_requests')
      .select(['group_id', 'assigned_to'])
      .where('tenant_id', '=', visitor.tenantId)
      .where('conversation_id', '=', conversationId)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    const survey = await this.db.selectFrom('feedback_surveys').select('id').where('tenant_id', '=', visitor.tenantId).where('conversation_id', '=', conversationId).executeTakeFirst();
    let rating: ConversationRatingRow;
    try {
      rating = await this.db
        .insertInto('conversation_ratings')
        .values({
          id: randomUUID(),
          tenant_id: visitor.tenantId,
          conversation_id: conversationId,
          survey_id: survey?.id ?? null,
          visitor_id: visitor.visitorId,
          agent_id: conversation.assignee_id ?? handled?.assigned_to ?? null,
          group_id: handled?.group_id ?? null,
          stars: input.stars,
          tags: JSON.stringify([...new Set(input.tags)]),
          comment: input.comment,
          created_at: this.clock(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (err) {
      if ((err as { code?: unknown }).code === UNIQUE_VIOLATION) throw new ConflictError('该会话已经评价过，不能重复评价（以第一次评价为准）', 'already_rated');
      throw err;
    }
    this.events.emit('rating.submitted', {
      tenantId: visitor.tenantId,
      conversationId,
      ratingId: rating.id,
      stars: rating.stars,
      tags: rating.tags,
      comment: rating.comment || null,
      survey: 'conversation',
      agentId: rating.agent_id,
      groupId: rating.group_id,
      at: new Date(rating.created_at).toISOString(),
    });
    const followUp = await this.followUps.open(visitor, rating);
    return { ...ratingDto(rating), followUp: followUp !== null };
  }

  /** 有帮助 / 没帮助 on one of the bot's answers in the visitor's conversation; a second click changes it. */
  async answerFeedback(visitor: VisitorContext, conversationId: string, messageId: string, helpful: boolean): Promise<{ messageId: string; helpful: boolean }> {
    await this.ownConversation(visitor, conversationId);
    const message = await this.db
      .selectFrom('messages')
      .select(['id', 'meta'])
      .where('tenant_id', '=', visitor.tenantId)
      .where('conversation_id', '=', conversationId)
      .where('id', '=', messageId)
      .where('sender_type', '=', 'bot')
      .executeTakeFirst();
    if (!message) throw new NotFoundError('Bot answer');
    const record = (message.meta.record ?? {}) as { faqId?: unknown; intent?: unknown };
    const now = this.clock();
    await this.db
      .insertInto('answer_feedback')
      .values({
        id: randomUUID(),
        tenant_id: visitor.tenantId,
        conversation_id: conversationId,
        message_id: messageId,
        visitor_id: visitor.visitorId,
        helpful,
        faq_id: typeof record.faqId === 'string' ? record.faqId : null,
        intent: typeof record.intent === 'string' ? record.intent : null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'message_id']).doUpdateSet({ helpful, updated_at: now }))
      .execute();
    this.events.emit('answer.feedback', {
      tenantId: visitor.tenantId,
      conversationId,
      messageId,
      helpful,
      faqId: typeof record.faqId === 'string' ? record.faqId : null,
      intent: typeof record.intent === 'string' ? record.intent : null,
      at: now.toISOString(),
    });
    return { messageId, helpful };
  }

  /** The customer's rating of how the 回访 was handled: once, and only after staff recorded its outcome. */
  async rateFollowUp(visitor: VisitorContext, followUpId: string, stars: number): Promise<{ id: string; customerStars: number }> {
    const row = await this.db
      .selectFrom('follow_ups as f')
      .innerJoin('conversation_ratings as r', (j) => j.onRef('r.id', '=', 'f.rating_id').onRef('r.tenant_id', '=', 'f.tenant_id'))
      .innerJoin('conversations as c', (j) => j.onRef('c.id', '=', 'r.conversation_id').onRef('c.tenant_id', '=', 'r.tenant_id'))
      .select(['f.id', 'f.outcome', 'f.customer_stars', 'r.conversation_id', 'r.agent_id', 'r.group_id'])
      .where('f.tenant_id', '=', visitor.tenantId)
      .where('f.id', '=', followUpId)
      .where('c.visitor_id', '=', visitor.visitorId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Follow-up');
    if (!row.outcome) throw new ConflictError('回访尚未完成，完成后才能评价', 'follow_up_pending');
    const updated = await this.db
      .updateTable('follow_ups')
      .set({ customer_stars: stars, customer_rated_at: this.clock() })
      .where('tenant_id', '=', visitor.tenantId)
      .where('id', '=', followUpId)
      .where('customer_stars', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new ConflictError('这次回访已经评价过了', 'already_rated');
    this.events.emit('rating.submitted', {
      tenantId: visitor.tenantId,
      conversationId: row.conversation_id,
      ratingId: followUpId,
      stars,
      tags: [],
      comment: null,
      survey: 'follow_up',
      agentId: row.agent_id,
      groupId: row.group_id,
      at: this.clock().toISOString(),
    });
    return { id: followUpId, customerStars: stars };
  }

  /** Staff record how the 回访 went; the ticket is resolved with it (unless it already was). */
  async recordOutcome(staff: StaffActor, followUpId: string, input: FollowUpOutcomeInput): Promise<FollowUpDto> {
    const now = this.clock();
    const row = await this.db.selectFrom('follow_ups').selectAll().where('tenant_id', '=', staff.tenantId).where('id', '=', followUpId).executeTakeFirst();
    if (!row) throw new NotFoundError('Follow-up');
    if (row.status === 'done') throw new ConflictError('回访结果已经记录', 'already_recorded');
    await this.db
      .updateTable('follow_ups')
      .set({ status: 'done', outcome: input.outcome, outcome_note: input.note, outcome_by: staff.userId, outcome_at: now })
      .where('tenant_id', '=', staff.tenantId)
      .where('id', '=', followUpId)
      .where('status', '=', 'open')
      .execute();
    if (row.ticket_id) {
      const ticket = await this.db.selectFrom('tickets').select(['status', 'merged_into_id']).where('tenant_id', '=', staff.tenantId).where('id', '=', row.ticket_id).executeTakeFirst();
      if (ticket && !ticket.merged_into_id && (ticket.status === 'new' || ticket.status === 'open' || ticket.status === 'pending_customer')) {
        await this.tickets.update(staff.tenantId, row.ticket_id, { status: 'resolved' }, staff.userId ? { type: 'agent', id: staff.userId } : { type: 'api', id: null });
      }
    }
    return (await this.repo.followUp(staff, followUpId))!;
  }

  private async ownConversation(visitor: VisitorContext, conversationId: string): Promise<{ assignee_id: string | null }> {
    const conversation = await this.db
      .selectFrom('conversations')
      .select(['assignee_id'])
      .where('tenant_id', '=', visitor.tenantId)
      .where('id', '=', conversationId)
      .where('visitor_id', '=', visitor.visitorId)
      .executeTakeFirst();
    if (!conversation) throw new NotFoundError('Conversation');
    return conversation;
  }
}

export function ratingDto(row: ConversationRatingRow): RatingDto {
  return { id: row.id, conversationId: row.conversation_id, stars: row.stars, tags: row.tags, comment: row.comment, createdAt: new Date(row.created_at).toISOString() };
}

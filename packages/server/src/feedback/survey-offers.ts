import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { toMessageDto } from '../conversations/conversation-dto.js';
import type { ConversationRepository } from '../conversations/conversation-repository.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { JobHandler } from '../insights/job-runner.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { FeedbackDatabase, SurveyTrigger } from './feedback-schema.js';

/** A conversation the bot resolved counts as ended after this long without a visitor message. */
export const BOT_IDLE_MS = 10 * 60 * 1000;
/** Conversations that ended longer ago than this are not surveyed any more (after an outage, say). */
const SURVEY_WINDOW_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 1000;
const SWEEP_BATCH = 200;

export const SURVEY_TEXT = '本次服务已结束，请为我们的服务打分（1–5 星），您的评价将帮助我们改进。';

/**
 * Offers the satisfaction survey when a conversation ends: closed by an agent (at once, on the
 * close), or resolved by the bot — no human involved, the bot spoke last and the visitor has been
 * silent for {@link BOT_IDLE_MS}. The survey is a row (one per conversation) plus a system message
 * carrying it into the chat (`meta.kind = 'survey'`), so the widget shows it live, after a reload
 * and on any device. A durable per-tenant job sweeps every minute, which also finishes an offer a
 * crash interrupted (the row without its message) — no in-memory timer.
 */
export class SurveyOffers {
  static readonly JOB_KIND = 'feedback.survey_sweep';

  constructor(
    private readonly db: Kysely<FeedbackDatabase>,
    private readonly conversations: ConversationRepository,
    private readonly events: DomainEvents,
    private readonly options: { idleMs?: number } = {},
  ) {}

  /** Offers the survey in one conversation; false when it already had one. Idempotent. */
  async offer(ctx: TenantContext, conversationId: string, trigger: SurveyTrigger, now = new Date()): Promise<boolean> {
    const conversation = await this.db.selectFrom('conversations').select(['visitor_id']).where('tenant_id', '=', ctx.tenantId).where('id', '=', conversationId).executeTakeFirst();
    if (!conversation) return false;
    const inserted = await this.db
      .insertInto('feedback_surveys')
      .values({ id: randomUUID(), tenant_id: ctx.tenantId, conversation_id: conversationId, visitor_id: conversation.visitor_id, trigger, created_at: now })
      .onConflict((oc) => oc.columns(['tenant_id', 'conversation_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    const survey = inserted ?? (await this.db.selectFrom('feedback_surveys').select(['id', 'message_id']).where('tenant_id', '=', ctx.tenantId).where('conversation_id', '=', conversationId).where('message_id', 'is', null).executeTakeFirst());
    if (!survey) return false;
    await this.deliver(ctx, conversationId, survey.id);
    return inserted !== undefined;
  }

  /** The survey's message, idempotent by its clientMsgId: a retry after a crash finds the one already stored. */
  private async deliver(ctx: TenantContext, conversationId: string, surveyId: string): Promise<void> {
    const { message, created } = await this.conversations.appendMessage(ctx, {
      conversationId,
      senderType: 'system',
      senderId: null,
      senderName: null,
      text: SURVEY_TEXT,
      clientMsgId: `survey:${surveyId}`,
      meta: { kind: 'survey', surveyId },
    });
    await this.db.updateTable('feedback_surveys').set({ message_id: message.id }).where('tenant_id', '=', ctx.tenantId).where('id', '=', surveyId).execute();
    if (created) this.events.emit('message.created', { tenantId: ctx.tenantId, message: toMessageDto(message) });
  }

  /** Offers the survey in every conversation of the tenant that ended and has none yet; returns how many. */
  async sweep(ctx: TenantContext, now = new Date()): Promise<number> {
    const idleSince = new Date(now.getTime() - (this.options.idleMs ?? BOT_IDLE_MS));
    const windowStart = new Date(now.getTime() - SURVEY_WINDOW_MS);
    const noSurvey = sql<boolean>`not exists (select 1 from feedback_surveys s where s.tenant_id = c.tenant_id and s.conversation_id = c.id and s.message_id is not null)`;
    const closed = await this.db
      .selectFrom('conversations as c')
      .select('c.id')
      .where('c.tenant_id', '=', ctx.tenantId)
      .where('c.status', '=', 'closed')
      .where((w) => w.or([w('c.disposition', 'is', null), w('c.disposition', '!=', 'spam')]))
      .where('c.updated_at', '>=', windowStart)
      .where(noSurvey)
      .limit(SWEEP_BATCH)
      .execute();
    // Resolved by the bot: nobody human took part, the visitor asked something, the bot had the last word, and silence since.
    const idle = await this.db
      .selectFrom('conversations as c')
      .innerJoin('messages as last', (j) => j.onRef('last.conversation_id', '=', 'c.id').onRef('last.tenant_id', '=', 'c.tenant_id').onRef('last.seq', '=', 'c.last_seq'))
      .select('c.id')
      .where('c.tenant_id', '=', ctx.tenantId)
      .where('c.status', '=', 'open')
      .where('c.handoff', '=', false)
      .where('c.assignee_id', 'is', null)
      .where('last.sender_type', '=', 'bot')
      .where('last.created_at', '<=', idleSince)
      .where('last.created_at', '>=', windowStart)
      .where(sql<boolean>`exists (select 1 from messages v where v.tenant_id = c.tenant_id and v.conversation_id = c.id and v.sender_type = 'visitor')`)
      .where(sql<boolean>`not exists (select 1 from handoff_requests h where h.tenant_id = c.tenant_id and h.conversation_id = c.id)`)
      .where(noSurvey)
      .limit(SWEEP_BATCH)
      .execute();
    let offered = 0;
    for (const { id } of closed) if (await this.offer(ctx, id, 'closed', now)) offered++;
    for (const { id } of idle) if (await this.offer(ctx, id, 'bot_idle', now)) offered++;
    return offered;
  }

  /** The per-tenant sweep for the JobRunner, every minute. */
  asJob(now: () => Date = () => new Date()): JobHandler {
    return {
      perTenant: true,
      nextRun: (at) => new Date(at.getTime() + SWEEP_EVERY_MS),
      run: async (job) => {
        if (!job.tenantId) throw new Error(`${SurveyOffers.JOB_KIND} needs a tenant`);
        await this.sweep({ tenantId: job.tenantId }, now());
      },
    };
  }
}

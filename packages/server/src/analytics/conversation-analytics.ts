import { sql, type Kysely, type Transaction } from 'kysely';
import type { TurnRecord } from '@zhida/dialogue';
import type { ConversationDto, MessageDto } from '../conversations/conversation-dto.js';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import type { DomainEventMap } from '../events/domain-events.js';
import type { HandoffDatabase } from '../handoff/handoff-schema.js';
import { chinaDayOf } from '../tickets/sla/business-calendar.js';
import type { AnalyticsEventInput } from './analytics-event.js';
import type { AnalyticsRecorder } from './analytics-recorder.js';
import { analyticsDatabase, type AnalyticsConversationRow, type AnalyticsDatabase } from './analytics-schema.js';
import type { BusinessSeconds } from './business-seconds.js';
import { visitorKey } from './visitor-key.js';

/** The channel of an event whose conversation facts are missing; otherwise the conversation's own (migration 0023). */
const WIDGET_CHANNEL = 'web';
const REPEAT_WINDOW_MS = 7 * 86_400_000;
/** An answer below this confidence counts as unanswered (the insights module's threshold too). */
const LOW_CONFIDENCE = 0.6;

export interface ConversationAnalyticsOptions {
  /** A conversation nobody wrote in for this long has ended (the bot resolved it, or the customer left). */
  idleMinutes?: number;
  /** A conversation an agent holds but never closed ends after this long without activity. */
  staleAssignedHours?: number;
  now?: () => Date;
}

type Db = Kysely<AnalyticsDatabase>;
type Facts = AnalyticsConversationRow;

/**
 * Turns the conversation lifecycle (domain events) into analytics events, keeping per
 * conversation what a measure needs from earlier events (when the handoff was asked for, the
 * customer's first intent…) in `analytics_conversations`. Each handler locks the conversation's
 * row, so events arriving together for one conversation are applied one at a time, and writes
 * the facts and the events in one transaction.
 */
export class ConversationAnalytics {
  private readonly db: Db;
  private readonly idleMs: number;
  private readonly staleAssignedMs: number;
  private readonly now: () => Date;

  constructor(
    db: Kysely<Database>,
    private readonly recorder: AnalyticsRecorder,
    private readonly businessSeconds: BusinessSeconds,
    options: ConversationAnalyticsOptions = {},
  ) {
    this.db = analyticsDatabase(db);
    this.idleMs = (options.idleMinutes ?? 30) * 60_000;
    this.staleAssignedMs = (options.staleAssignedHours ?? 24) * 3_600_000;
    this.now = options.now ?? (() => new Date());
  }

  /** A conversation was created or changed: records its start once, and its end when an agent closed it. */
  conversationUpdated(tenantId: string, conversation: ConversationDto): Promise<void> {
    return this.inConversation(tenantId, conversation.id, async (trx, facts, events) => {
      if (conversation.status === 'closed' && !facts.ended_at) await this.end(trx, tenantId, facts, new Date(conversation.updatedAt), events);
    });
  }

  /**
   * One bot turn: the turn itself, the customer's first question (with repeat contact), and self-service progress.
   * After the first turn (the common case) the facts are read unlocked and the turn written by one statement: its
   * update of the facts is relative (counts + 1, intents coalesced), so it commutes with the other handlers' writes,
   * and what the events take from the facts (visitor key, channel, template) never changes once created.
   */
  async botTurn(p: DomainEventMap['bot.turn']): Promise<void> {
    const facts = await TenantScope.asTenant(p.tenantId, () => this.db.selectFrom('analytics_conversations').selectAll().where('tenant_id', '=', p.tenantId).where('conversation_id', '=', p.conversationId).executeTakeFirst());
    if (facts && facts.bot_turns > 0) {
      const intent = turnIntent(p);
      const guard = sql`update analytics_conversations
        set bot_turns = bot_turns + 1, visitor_messages = visitor_messages + 1, last_activity_at = ${new Date(p.at)}::timestamptz,
          last_intent = coalesce(${intent}::text, last_intent), first_intent = coalesce(first_intent, ${intent}::text)
        where tenant_id = ${p.tenantId}::uuid and conversation_id = ${p.conversationId}::uuid and bot_turns > 0
        returning 1`;
      if (await this.recorder.recordGuarded(p.tenantId, botTurnEvents(p, facts), guard)) return;
    }
    // The first turn (it may be a repeat contact, and creates the facts when they are missing): under the facts' lock.
    return this.inConversation(p.tenantId, p.conversationId, async (trx, facts, events) => {
      const at = new Date(p.at);
      const intent = turnIntent(p);
      events.push(...botTurnEvents(p, facts));
      if (facts.bot_turns === 0) {
        const repeat = intent && facts.visitor_key ? await this.askedBefore(trx, p.tenantId, facts, intent, at) : false;
        events.push({ occurredAt: at, conversationId: p.conversationId, visitorKey: facts.visitor_key, channel: facts.channel, template: facts.template, type: 'conversation.engaged', intent, outcome: repeat ? 'repeat' : 'first' });
      }
      await trx
        .updateTable('analytics_conversations')
        .set({
          bot_turns: facts.bot_turns + 1,
          visitor_messages: facts.visitor_messages + 1,
          last_activity_at: at,
          ...(intent ? { last_intent: intent } : {}),
          ...(intent && !facts.first_intent ? { first_intent: intent } : {}),
        })
        .where('tenant_id', '=', p.tenantId)
        .where('conversation_id', '=', p.conversationId)
        .execute();
    });
  }

  /** Queued, assigned, or given up on: the handoff request's time stamps give the wait. */
  handoffChanged(p: DomainEventMap['handoff.changed']): Promise<void> {
    if (!['queued', 'assigned', 'left_message', 'unavailable', 'cancelled'].includes(p.status)) return Promise.resolve();
    return this.inConversation(p.tenantId, p.conversationId, async (trx, facts, events) => {
      if (!(await this.markOnce(trx, p.tenantId, p.requestId, p.status))) return;
      const request = await (trx as unknown as Kysely<HandoffDatabase>).selectFrom('handoff_requests').select(['queued_at', 'assigned_at']).where('tenant_id', '=', p.tenantId).where('id', '=', p.requestId).executeTakeFirst();
      const now = this.now();
      // The request's own time stamps; a request already gone (deleted with its conversation) falls back to what was recorded.
      const queuedAt = request ? new Date(request.queued_at) : facts.handoff_at && p.status !== 'queued' ? new Date(facts.handoff_at) : now;
      const base = { conversationId: p.conversationId, visitorKey: facts.visitor_key, channel: facts.channel, template: facts.template, groupId: p.groupId, intent: facts.last_intent };
      const set: Partial<Record<keyof Facts, unknown>> = { last_activity_at: now };
      if (p.status === 'queued') {
        events.push({ ...base, type: 'handoff.requested', occurredAt: queuedAt, outcome: p.reason });
        if (!facts.handoff_at) Object.assign(set, { handoff_at: queuedAt, handoff_reason: p.reason });
        if (p.groupId) set.group_id = p.groupId;
      } else if (p.status === 'assigned') {
        const assignedAt = request?.assigned_at ? new Date(request.assigned_at) : now;
        const wait = Math.max(0, (assignedAt.getTime() - queuedAt.getTime()) / 1000);
        events.push({ ...base, type: 'handoff.assigned', occurredAt: assignedAt, agentId: p.assignedTo, value: Math.round(wait) });
        Object.assign(set, { assigned_at: facts.assigned_at ?? assignedAt, agent_id: p.assignedTo, wait_seconds: facts.wait_seconds ?? Math.round(wait), ...(p.groupId ? { group_id: p.groupId } : {}) });
      } else {
        events.push({ ...base, type: 'handoff.unserved', occurredAt: now, outcome: p.status });
      }
      await trx.updateTable('analytics_conversations').set(set as never).where('tenant_id', '=', p.tenantId).where('conversation_id', '=', p.conversationId).execute();
    });
  }

  /** The first agent message after a handoff is the first response; its business time from the request (bot time excluded). */
  messageCreated(tenantId: string, message: MessageDto): Promise<void> {
    if (message.senderType !== 'agent' || message.internal) return Promise.resolve();
    return this.inConversation(tenantId, message.conversationId, async (trx, facts, events) => {
      if (facts.first_agent_reply_at) return;
      const at = new Date(message.createdAt);
      // An agent who writes without a handoff (took the chat over) answers the conversation's start.
      const from = facts.handoff_at ? new Date(facts.handoff_at) : new Date(facts.started_at);
      const seconds = await this.businessSeconds.between(trx, tenantId, facts.group_id, from, at);
      events.push({ type: 'agent.first_response', occurredAt: at, conversationId: facts.conversation_id, visitorKey: facts.visitor_key, channel: facts.channel, template: facts.template, groupId: facts.group_id, agentId: message.senderId, intent: facts.last_intent, value: seconds });
      await trx
        .updateTable('analytics_conversations')
        .set({ first_agent_reply_at: at, first_response_business_seconds: seconds, last_activity_at: at, agent_id: facts.agent_id ?? message.senderId, assigned_at: facts.assigned_at ?? at })
        .where('tenant_id', '=', tenantId)
        .where('conversation_id', '=', facts.conversation_id)
        .execute();
    });
  }

  /** A rating of the conversation (or of a follow-up): the event, and the conversation's rating for the per-conversation export. */
  ratingSubmitted(p: DomainEventMap['rating.submitted']): Promise<void> {
    const event = (facts: Facts | null): AnalyticsEventInput => ({
      type: 'rating.submitted',
      occurredAt: new Date(p.at),
      conversationId: p.conversationId,
      visitorKey: facts?.visitor_key ?? null,
      channel: facts?.channel ?? WIDGET_CHANNEL,
      template: facts?.template ?? '',
      agentId: p.agentId ?? facts?.agent_id ?? null,
      groupId: p.groupId ?? facts?.group_id ?? null,
      intent: facts?.last_intent ?? null,
      // Follow-up ratings judge the 回访, not the conversation: kept out of the CSAT cells.
      outcome: p.survey === 'conversation' ? String(p.stars) : `follow_up:${p.stars}`,
      value: p.stars,
      props: { ratingId: p.ratingId, survey: p.survey, tags: p.tags, ...(p.comment ? { comment: p.comment.slice(0, 1000) } : {}) },
    });
    if (!p.conversationId) return this.recorder.record(p.tenantId, [event(null)]);
    return this.inConversation(p.tenantId, p.conversationId, async (trx, facts, events) => {
      events.push(event(facts));
      if (p.survey === 'conversation') await trx.updateTable('analytics_conversations').set({ rating: p.stars }).where('tenant_id', '=', p.tenantId).where('conversation_id', '=', facts.conversation_id).execute();
    });
  }

  /** Ends the tenant's conversations that went quiet: resolved by the bot, or left in a queue nobody answered. Returns how many. */
  endIdle(tenantId: string): Promise<number> {
    return TenantScope.asTenant(tenantId, async () => {
      const now = this.now().getTime();
      const idle = await this.db
        .selectFrom('analytics_conversations')
        .select('conversation_id')
        .where('tenant_id', '=', tenantId)
        .where('ended_at', 'is', null)
        .where('last_activity_at', '<', new Date(now - this.idleMs))
        // A chat an agent holds is the agent's to close; only a long-forgotten one is ended here.
        .where((eb) => eb.or([eb('assigned_at', 'is', null), eb('last_activity_at', '<', new Date(now - this.staleAssignedMs))]))
        .orderBy('last_activity_at')
        .limit(500)
        .execute();
      let ended = 0;
      for (const row of idle) {
        await this.inConversation(tenantId, row.conversation_id, async (trx, facts, events) => {
          if (facts.ended_at) return;
          await this.end(trx, tenantId, facts, new Date(facts.last_activity_at), events);
          ended++;
        });
      }
      return ended;
    });
  }

  private async end(trx: Db, tenantId: string, facts: Facts, at: Date, events: AnalyticsEventInput[]): Promise<void> {
    const outcome = facts.assigned_at || facts.first_agent_reply_at ? 'human' : facts.handoff_at ? 'unserved' : facts.bot_turns > 0 ? 'bot_resolved' : 'no_engagement';
    const resolution = outcome === 'human' ? await this.businessSeconds.between(trx, tenantId, facts.group_id, new Date(facts.handoff_at ?? facts.started_at), at) : null;
    events.push({ type: 'conversation.ended', occurredAt: at, conversationId: facts.conversation_id, visitorKey: facts.visitor_key, channel: facts.channel, template: facts.template, groupId: facts.group_id, agentId: facts.agent_id, intent: facts.first_intent, outcome, value: resolution });
    await trx.updateTable('analytics_conversations').set({ ended_at: at, outcome, resolution_business_seconds: resolution }).where('tenant_id', '=', tenantId).where('conversation_id', '=', facts.conversation_id).execute();
  }

  private async askedBefore(trx: Db, tenantId: string, facts: Facts, intent: string, at: Date): Promise<boolean> {
    const earlier = await trx
      .selectFrom('analytics_conversations')
      .select('conversation_id')
      .where('tenant_id', '=', tenantId)
      .where('visitor_key', '=', facts.visitor_key)
      .where('started_at', '>=', new Date(at.getTime() - REPEAT_WINDOW_MS))
      .where('started_at', '<', new Date(facts.started_at))
      .where('first_intent', '=', intent)
      .where('conversation_id', '!=', facts.conversation_id)
      .limit(1)
      .executeTakeFirst();
    return earlier !== undefined;
  }

  /** True the first time (subject, mark) is seen: a redelivered or replayed event records nothing twice. */
  private async markOnce(trx: Db, tenantId: string, subjectId: string, mark: string): Promise<boolean> {
    const inserted = await trx.insertInto('analytics_marks').values({ tenant_id: tenantId, subject_id: subjectId, mark }).onConflict((oc) => oc.doNothing()).returning('mark').executeTakeFirst();
    return inserted !== undefined;
  }

  /**
   * Runs fn with the conversation's facts locked (created, with its `conversation.started`
   * event, the first time the conversation is seen), then records the events fn collected in
   * the same transaction.
   */
  private inConversation(tenantId: string, conversationId: string, fn: (trx: Db, facts: Facts, events: AnalyticsEventInput[]) => Promise<void>): Promise<void> {
    return TenantScope.asTenant(tenantId, () =>
      this.db.transaction().execute(async (trx) => {
        const events: AnalyticsEventInput[] = [];
        const facts = (await this.lockFacts(trx, tenantId, conversationId)) ?? (await this.createFacts(trx, tenantId, conversationId, events));
        if (!facts) return;
        await fn(trx, facts, events);
        await this.recorder.record(tenantId, events, trx);
      }),
    );
  }

  private lockFacts(trx: Transaction<AnalyticsDatabase>, tenantId: string, conversationId: string): Promise<Facts | undefined> {
    return trx.selectFrom('analytics_conversations').selectAll().where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId).forUpdate().executeTakeFirst();
  }

  private async createFacts(trx: Transaction<AnalyticsDatabase>, tenantId: string, conversationId: string, events: AnalyticsEventInput[]): Promise<Facts | undefined> {
    const conversation = await trx
      .selectFrom('conversations as c')
      .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
      .leftJoin('bot_configs as b', 'b.tenant_id', 'c.tenant_id')
      .select(['c.created_at', 'c.channel', 'v.id as visitor_id', 'v.external_id', 'v.verified', 'b.template_id'])
      .where('c.tenant_id', '=', tenantId)
      .where('c.id', '=', conversationId)
      .executeTakeFirst();
    if (!conversation) return undefined;
    const startedAt = new Date(conversation.created_at);
    const key = visitorKey(tenantId, { externalId: conversation.verified ? conversation.external_id : null, visitorId: conversation.visitor_id });
    const template = conversation.template_id ?? '';
    const inserted = await trx
      .insertInto('analytics_conversations')
      .values({ tenant_id: tenantId, conversation_id: conversationId, started_at: startedAt, day: chinaDayOf(startedAt), visitor_key: key, channel: conversation.channel, template, last_activity_at: startedAt })
      .onConflict((oc) => oc.doNothing())
      .returning('conversation_id')
      .executeTakeFirst();
    if (inserted) events.push({ type: 'conversation.started', occurredAt: startedAt, conversationId, visitorKey: key, channel: conversation.channel, template });
    return this.lockFacts(trx, tenantId, conversationId);
  }
}

function turnIntent(p: DomainEventMap['bot.turn']): string | null {
  return p.records.find((r) => r.intent)?.intent ?? null;
}

/** A turn's events but `conversation.engaged` (the first turn's, which needs the facts locked). */
function botTurnEvents(p: DomainEventMap['bot.turn'], facts: Facts): AnalyticsEventInput[] {
  const base = { occurredAt: new Date(p.at), conversationId: p.conversationId, visitorKey: facts.visitor_key, channel: facts.channel, template: facts.template };
  const events: AnalyticsEventInput[] = [];
  for (const record of p.records) {
    const unanswered = isUnanswered(record);
    events.push({ ...base, type: 'bot.turn', intent: record.intent, flow: record.flowId, step: record.step, faqId: record.faqId, outcome: record.outcome, value: record.confidence, props: { question: p.question.slice(0, 500), ...(unanswered ? { unanswered: true } : {}) } });
  }
  events.push(...selfServiceEvents(base, p));
  return events;
}

function isUnanswered(record: TurnRecord): boolean {
  if (record.outcome === 'fallback') return true;
  return (record.outcome === 'answered' || record.outcome === 'clarified') && record.confidence !== null && record.confidence < LOW_CONFIDENCE;
}

/** Self-service progress from the flow position before and after a turn: started, each step entered, and how it ended. */
function selfServiceEvents(base: Omit<AnalyticsEventInput, 'type'>, p: DomainEventMap['bot.turn']): AnalyticsEventInput[] {
  const { flowBefore: before, flowAfter: after } = p;
  const out: AnalyticsEventInput[] = [];
  const intent = p.records.find((r) => r.intent)?.intent ?? null;
  if (before && (!after || after.flowId !== before.flowId)) {
    const outcomes = p.records.map((r) => r.outcome);
    const finished = outcomes.includes('completed') ? 'selfservice.completed' : outcomes.includes('cancelled') ? 'selfservice.cancelled' : 'selfservice.failed';
    const reason = finished !== 'selfservice.failed' ? null : p.handoffReason ? 'handoff' : outcomes.includes('fallback') ? 'failed' : after ? 'switched' : 'abandoned';
    out.push({ ...base, type: finished, flow: before.flowId, step: before.stepId, outcome: reason });
  }
  // A flow that started and finished within this one turn (a single-step query) is in the records only.
  const quick = new Set<string>();
  for (const r of p.records) {
    if (!r.flowId || r.flowId === before?.flowId || r.flowId === after?.flowId || quick.has(r.flowId)) continue;
    const ended = p.records.filter((x) => x.flowId === r.flowId).map((x) => x.outcome);
    if (!ended.some((o) => o === 'completed' || o === 'cancelled' || o === 'fallback' || o === 'handoff')) continue;
    quick.add(r.flowId);
    const finished = ended.includes('completed') ? 'selfservice.completed' : ended.includes('cancelled') ? 'selfservice.cancelled' : 'selfservice.failed';
    out.push({ ...base, type: 'selfservice.started', flow: r.flowId, intent: r.intent });
    if (r.step) out.push({ ...base, type: 'selfservice.step', flow: r.flowId, step: r.step });
    out.push({ ...base, type: finished, flow: r.flowId, step: r.step, outcome: finished === 'selfservice.failed' ? (p.handoffReason ? 'handoff' : 'failed') : null });
  }
  if (after && (!before || before.flowId !== after.flowId)) out.push({ ...base, type: 'selfservice.started', flow: after.flowId, intent });
  if (after && (!before || before.flowId !== after.flowId || before.stepId !== after.stepId)) out.push({ ...base, type: 'selfservice.step', flow: after.flowId, step: after.stepId });
  return out;
}


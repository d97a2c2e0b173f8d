import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ConversationDisposition, Database } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import type { SlaCalendarCache } from '../tickets/sla/sla-calendar-cache.js';
import type { TicketDatabase } from '../tickets/ticket-schema.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { AgentProfileRepository } from './agent-profile-repository.js';
import { chooseChatGroup } from './chat-group-chooser.js';
import { readChatGroups, withLocaleSkill } from './chat-group-reader.js';
import type { HandoffAnnouncer } from './handoff-announcer.js';
import type { HandoffFollowUp } from './handoff-follow-up.js';
import { handoffPriority } from './handoff-priority.js';
import { HandoffRefusedError } from './handoff-refused-error.js';
import { requeueOffer } from './handoff-requeue.js';
import { activeRequest, lockAgentFor, lockRequest } from './handoff-request-locks.js';
import { handoffDatabase, type HandoffDatabase, type HandoffReason, type HandoffRequestRow, type HandoffStatus } from './handoff-schema.js';
import { agentJoinedText, leaveMessageQuickReply, queuedText, type HandoffLocale } from './handoff-visitor-text.js';
import type { VisitorHandoffStatusReader } from './visitor-handoff-status-reader.js';

const UNIQUE_VIOLATION = '23505';
/** How far back the conversation's topic is looked for when the handoff turn names none a group serves. */
const EARLIER_INTENT_MESSAGES = 20;

/** What the conversation knows when the bot (or a flow) asks for a human. */
export interface HandoffRequestInput {
  conversationId: string;
  reason: HandoffReason;
  riskLevel: string | null;
  emotion: string | null;
  intent: string | null;
  locale: HandoffLocale;
}

/** A signed-in staff member acting on the queue. */
export interface HandoffActor extends TenantContext {
  userId: string;
  name: string;
}

/** Where a transfer or reassignment sends the chat. */
export type HandoffTarget = { userId: string; groupId?: undefined } | { groupId: string; userId?: undefined };

interface Deps {
  profiles: AgentProfileRepository;
  announcer: HandoffAnnouncer;
  status: VisitorHandoffStatusReader;
  calendars: SlaCalendarCache;
  followUp: HandoffFollowUp;
  now: () => Date;
}

/**
 * The handoff queue's lifecycle (docs/design/handoff.md, Flow): request (group, skills, business
 * hours → `queued` or `unavailable`), accept / pull, decline, close and the visitor's cancel.
 * Transfers live in `HandoffTransferService`, expiry and offline agents in `HandoffRequeue`. Every step that changes
 * a request locks it (`FOR UPDATE`) before any agent profile, the router's order; events and
 * visitor messages go out only after the transaction committed.
 */
export class HandoffService {
  private readonly db: Kysely<HandoffDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly deps: Deps,
  ) {
    this.db = handoffDatabase(db);
  }

  /** Flow 1. Idempotent: a conversation with an active request gets that one back. */
  async request(ctx: TenantContext, input: HandoffRequestInput): Promise<{ requestId: string; status: HandoffStatus }> {
    const conversation = await this.db
      .selectFrom('conversations as c')
      .innerJoin('visitors as v', (j) => j.onRef('v.id', '=', 'c.visitor_id').onRef('v.tenant_id', '=', 'c.tenant_id'))
      .select(['c.id', 'v.verified'])
      .where('c.tenant_id', '=', ctx.tenantId)
      .where('c.id', '=', input.conversationId)
      .executeTakeFirst();
    if (!conversation) throw new NotFoundError('Conversation');
    const existing = await activeRequest(this.db, ctx, input.conversationId);
    if (existing) return { requestId: existing.id, status: existing.status };

    const now = this.deps.now();
    const { group, requiredSkills, unavailable } = await this.desk(ctx, input, now);

    let row: HandoffRequestRow;
    try {
      row = await this.db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('handoff_requests')
          .values({
            id: randomUUID(),
            tenant_id: ctx.tenantId,
            conversation_id: input.conversationId,
            group_id: group?.id ?? null,
            reason: input.reason,
            priority: handoffPriority({ reason: input.reason, riskLevel: input.riskLevel, emotion: input.emotion, verified: conversation.verified }),
            required_skills: JSON.stringify(requiredSkills),
            status: unavailable ? 'unavailable' : 'queued',
            queued_at: now,
            created_at: now,
            ...(unavailable ? { ended_at: now, end_reason: unavailable } : {}),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        if (!unavailable) await trx.updateTable('conversations').set({ handoff: true, updated_at: now }).where('tenant_id', '=', ctx.tenantId).where('id', '=', input.conversationId).execute();
        return inserted;
      });
    } catch (err) {
      // Two turns asked at once: the other one's request stands.
      if ((err as { code?: unknown }).code !== UNIQUE_VIOLATION) throw err;
      const winner = await activeRequest(this.db, ctx, input.conversationId);
      if (!winner) throw err;
      return { requestId: winner.id, status: winner.status };
    }

    await this.deps.announcer.changed([row]);
    if (unavailable) {
      const text = await this.deps.status.unavailableText(ctx, row.group_id, unavailable, input.locale);
      await this.deps.announcer.systemMessage(ctx, input.conversationId, text, `handoff:${row.id}:unavailable`, {
        quickReplies: [leaveMessageQuickReply(input.locale)],
        meta: { kind: 'handoff_unavailable', handoffRequestId: row.id, leaveMessage: true },
      });
      await this.deps.status.publish(ctx, [], [input.conversationId]);
      return { requestId: row.id, status: row.status };
    }
    await this.deps.announcer.alert(row);
    await this.deps.followUp.dispatchSoon(ctx.tenantId, row.group_id);
    const status = await this.deps.status.statusOf(ctx, input.conversationId, input.locale);
    if (status.state === 'waiting') {
      await this.deps.announcer.systemMessage(ctx, input.conversationId, queuedText(input.locale, status.ahead ?? 0, status.etaSeconds ?? 0), `handoff:${row.id}:queued`, {
        meta: { kind: 'handoff_queued', handoffRequestId: row.id, ahead: status.ahead, etaSeconds: status.etaSeconds },
      });
    }
    await this.deps.status.publish(ctx, [row.group_id], [input.conversationId]);
    return { requestId: row.id, status: (await activeRequest(this.db, ctx, input.conversationId))?.status ?? row.status };
  }

  /** Flow 3: the offered agent, or any qualified agent with room for a `queued` one ("pull"). */
  async accept(actor: HandoffActor, requestId: string): Promise<HandoffRequestRow> {
    const now = this.deps.now();
    const row = await this.db.transaction().execute(async (trx) => {
      const r = await lockRequest(trx, actor, requestId);
      if (r.status !== 'queued' && r.status !== 'offered') throw new HandoffRefusedError('handoff_already_taken');
      if (r.status === 'offered' && r.offered_to !== actor.userId) throw new HandoffRefusedError('handoff_already_taken');
      await lockAgentFor(trx, this.deps.profiles, actor, actor.userId, r.required_skills, { requireOnline: r.status === 'queued', holding: r.status === 'offered' ? 1 : 0 });
      return this.assign(trx, actor, r, actor.userId, now);
    });
    await this.afterAssigned(actor, row, actor.name);
    return row;
  }

  /** Flow 3: the offered agent passes; the chat goes back to the queue and to someone else. */
  async decline(actor: HandoffActor, requestId: string): Promise<HandoffRequestRow> {
    const row = await this.db.transaction().execute(async (trx) => {
      const r = await lockRequest(trx, actor, requestId);
      if (r.status !== 'offered' || r.offered_to !== actor.userId) throw new HandoffRefusedError('handoff_not_offered_to_you');
      return requeueOffer(trx, r);
    });
    await this.deps.followUp.afterQueueMove(actor, [row]);
    return row;
  }


  /** Flow 6: the conversation closes with a disposition; the active request ends. */
  async close(ctx: TenantContext, conversationId: string, disposition: ConversationDisposition): Promise<void> {
    const now = this.deps.now();
    const ended = await this.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('conversations')
        .set({ status: 'closed', disposition, closed_at: now, handoff: false, updated_at: now })
        .where('tenant_id', '=', ctx.tenantId)
        .where('id', '=', conversationId)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('Conversation');
      return this.endActiveIn(trx, ctx, conversationId, 'closed', now);
    });
    await this.afterEnded(ctx, conversationId, ended);
  }

  /** A conversation closed another way (PATCH status closed): its active request ends too and the bot may answer a reopened chat. */
  async conversationClosed(ctx: TenantContext, conversationId: string): Promise<void> {
    const now = this.deps.now();
    const ended = await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('conversations').set({ handoff: false, closed_at: now }).where('tenant_id', '=', ctx.tenantId).where('id', '=', conversationId).execute();
      return this.endActiveIn(trx, ctx, conversationId, 'closed', now);
    });
    await this.afterEnded(ctx, conversationId, ended);
  }

  /** The visitor gives up waiting: `cancelled`, and the bot answers again. 409 unless waiting. */
  async cancel(ctx: TenantContext, conversationId: string): Promise<void> {
    const now = this.deps.now();
    const row = await this.db.transaction().execute(async (trx) => {
      const r = await activeRequest(trx, ctx, conversationId, true);
      if (!r || r.status === 'assigned') throw new HandoffRefusedError('handoff_not_active', r ? 'an agent has already joined' : undefined);
      await trx.updateTable('conversations').set({ handoff: false, updated_at: now }).where('tenant_id', '=', ctx.tenantId).where('id', '=', conversationId).execute();
      return trx
        .updateTable('handoff_requests')
        .set({ status: 'cancelled', ended_at: now, end_reason: 'visitor_cancelled', offer_expires_at: null })
        .where('id', '=', r.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    await this.afterEnded(ctx, conversationId, row);
  }

  /**
   * An agent writes to a conversation. Waiting in the queue: writing is taking it — the same rules
   * as accept (409 when it is offered to someone else, or the agent lacks a skill or room). Held
   * by an agent, or not in the queue at all: the message simply goes out.
   */
  async beforeAgentPost(actor: HandoffActor, conversationId: string): Promise<void> {
    const r = await activeRequest(this.db, actor, conversationId);
    if (!r || r.status === 'assigned') return;
    await this.accept(actor, r.id);
  }


  private async assign(trx: Kysely<HandoffDatabase>, ctx: TenantContext, r: HandoffRequestRow, userId: string, now: Date): Promise<HandoffRequestRow> {
    const row = await trx
      .updateTable('handoff_requests')
      .set({ status: 'assigned', assigned_to: userId, assigned_at: now, offer_expires_at: null })
      .where('id', '=', r.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('conversations').set({ assignee_id: userId, handoff: true, updated_at: now }).where('tenant_id', '=', ctx.tenantId).where('id', '=', r.conversation_id).execute();
    await trx.updateTable('agent_profiles').set({ last_chat_assigned_at: now }).where('tenant_id', '=', ctx.tenantId).where('user_id', '=', userId).execute();
    return row;
  }

  private async afterAssigned(ctx: TenantContext, row: HandoffRequestRow, agentName: string): Promise<void> {
    const locale = await this.deps.status.localeOf(ctx, row.conversation_id);
    await this.deps.announcer.changed([row]);
    await this.deps.announcer.systemMessage(ctx, row.conversation_id, agentJoinedText(locale, agentName), `handoff:${row.id}:joined`, { meta: { kind: 'agent_joined', handoffRequestId: row.id, agentName } });
    await this.deps.announcer.conversationChanged(ctx, row.conversation_id);
    await this.deps.status.publish(ctx, [row.group_id], [row.conversation_id]);
    await this.deps.followUp.presenceChanged(ctx, [row.assigned_to]);
  }

  private async endActiveIn(trx: Kysely<HandoffDatabase>, ctx: TenantContext, conversationId: string, endReason: string, now: Date): Promise<HandoffRequestRow | null> {
    const r = await activeRequest(trx, ctx, conversationId, true);
    if (!r) return null;
    return trx
      .updateTable('handoff_requests')
      .set({ status: r.status === 'assigned' ? 'ended' : 'cancelled', ended_at: now, end_reason: endReason, offer_expires_at: null })
      .where('id', '=', r.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  private async afterEnded(ctx: TenantContext, conversationId: string, ended: HandoffRequestRow | null): Promise<void> {
    if (ended) {
      await this.deps.announcer.changed([ended]);
      await this.deps.followUp.dispatchSoon(ctx.tenantId, ended.group_id);
      await this.deps.followUp.presenceChanged(ctx, [ended.assigned_to, ended.offered_to]);
    }
    await this.deps.announcer.conversationChanged(ctx, conversationId);
    await this.deps.status.publish(ctx, [ended?.group_id ?? null], [conversationId]);
  }

  /**
   * Whether a request made now would wait for a person (true) or find nobody (false: no chat group, outside its hours,
   * nobody online with the skills). Asked before the bot's turn is stored, so the bot does not promise a transfer that
   * the honest "nobody available" notice then takes back.
   */
  async canQueue(ctx: TenantContext, input: Pick<HandoffRequestInput, 'conversationId' | 'intent' | 'locale'>): Promise<boolean> {
    if (await activeRequest(this.db, ctx, input.conversationId)) return true;
    return (await this.desk(ctx, input, this.deps.now())).unavailable === null;
  }

  /** The desk a request goes to, the skills it needs there, and why nobody could take it now (null: someone can). */
  private async desk(ctx: TenantContext, input: Pick<HandoffRequestInput, 'conversationId' | 'intent' | 'locale'>, now: Date) {
    const group = chooseChatGroup(await readChatGroups(this.db, ctx), [input.intent, ...(await this.earlierIntents(ctx, input.conversationId))]);
    const requiredSkills = group ? withLocaleSkill(group.chat_skills, input.locale) : [];
    let unavailable: 'no_chat_group' | 'outside_hours' | 'no_agent_online' | null = null;
    if (!group) unavailable = 'no_chat_group';
    else if (!(await this.deps.calendars.get(this.db as unknown as Kysely<TicketDatabase>, ctx.tenantId, group.calendar_id)).isOpenAt(now)) unavailable = 'outside_hours';
    else if (!(await this.anyoneOnline(ctx, group.id, requiredSkills))) unavailable = 'no_agent_online';
    return { group, requiredSkills, unavailable };
  }

  /** The intents the bot recognised earlier in the conversation, newest first (from its replies' turn records). */
  private async earlierIntents(ctx: TenantContext, conversationId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('messages')
      .select(sql<string | null>`meta->'record'->>'intent'`.as('intent'))
      .where('tenant_id', '=', ctx.tenantId)
      .where('conversation_id', '=', conversationId)
      .where('sender_type', '=', 'bot')
      .orderBy('seq', 'desc')
      .limit(EARLIER_INTENT_MESSAGES)
      .execute();
    return rows.flatMap((r) => (r.intent ? [r.intent] : []));
  }

  private async anyoneOnline(ctx: TenantContext, groupId: string, requiredSkills: readonly string[]): Promise<boolean> {
    const rows = await this.db
      .selectFrom('agent_group_members as m')
      .innerJoin('agent_profiles as p', 'p.user_id', 'm.user_id')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('p.skills')
      .where('m.tenant_id', '=', ctx.tenantId)
      .where('m.group_id', '=', groupId)
      .where('p.presence', '=', 'online')
      .where('u.active', '=', true)
      .execute();
    return rows.some((r) => requiredSkills.every((s) => r.skills.includes(s)));
  }
}

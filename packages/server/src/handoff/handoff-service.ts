import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ConversationDisposition, Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { NotFoundError } from '../errors/app-error.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { SlaCalendarCache } from '../tickets/sla/sla-calendar-cache.js';
import type { TicketDatabase } from '../tickets/ticket-schema.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { AgentProfileRepository } from './agent-profile-repository.js';
import { chooseChatGroup } from './chat-group-chooser.js';
import type { HandoffAnnouncer } from './handoff-announcer.js';
import { handoffPriority } from './handoff-priority.js';
import { HandoffRefusedError } from './handoff-refused-error.js';
import type { HandoffRouter } from './handoff-router.js';
import { handoffDatabase, HANDOFF_PRIORITY, type HandoffDatabase, type HandoffReason, type HandoffRequestRow, type HandoffStatus } from './handoff-schema.js';
import { agentJoinedText, leaveMessageQuickReply, queuedText, transferredText, type HandoffLocale } from './handoff-visitor-text.js';
import type { VisitorHandoffStatusReader } from './visitor-handoff-status-reader.js';

const UNIQUE_VIOLATION = '23505';
const DEFAULT_OFFER_TIMEOUT_SECONDS = 30;

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
  router: HandoffRouter;
  announcer: HandoffAnnouncer;
  status: VisitorHandoffStatusReader;
  calendars: SlaCalendarCache;
  events: DomainEvents;
  now: () => Date;
  log?: { warn(obj: object, msg: string): void };
}

/**
 * The handoff queue's lifecycle (docs/design/handoff.md, Flow): request (group, skills, business
 * hours → `queued` or `unavailable`), accept / pull, decline, offer expiry, transfer and
 * reassignment, close, the visitor's cancel, and an agent going offline. Every step that changes
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
    const existing = await this.active(this.db, ctx, input.conversationId);
    if (existing) return { requestId: existing.id, status: existing.status };

    const group = chooseChatGroup(await this.chatGroups(this.db, ctx), input.intent);
    const requiredSkills = group ? withLocaleSkill(group.chat_skills, input.locale) : [];
    const now = this.deps.now();
    let unavailable: 'no_chat_group' | 'outside_hours' | 'no_agent_online' | null = null;
    if (!group) unavailable = 'no_chat_group';
    else if (!(await this.deps.calendars.get(this.db as unknown as Kysely<TicketDatabase>, ctx.tenantId, group.calendar_id)).isOpenAt(now)) unavailable = 'outside_hours';
    else if (!(await this.anyoneOnline(ctx, group.id, requiredSkills))) unavailable = 'no_agent_online';

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
      const winner = await this.active(this.db, ctx, input.conversationId);
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
    await this.dispatchSoon(ctx.tenantId, row.group_id);
    const status = await this.deps.status.statusOf(ctx, input.conversationId, input.locale);
    if (status.state === 'waiting') {
      await this.deps.announcer.systemMessage(ctx, input.conversationId, queuedText(input.locale, status.ahead ?? 0, status.etaSeconds ?? 0), `handoff:${row.id}:queued`, {
        meta: { kind: 'handoff_queued', handoffRequestId: row.id, ahead: status.ahead, etaSeconds: status.etaSeconds },
      });
    }
    await this.deps.status.publish(ctx, [row.group_id], [input.conversationId]);
    return { requestId: row.id, status: (await this.active(this.db, ctx, input.conversationId))?.status ?? row.status };
  }

  /** Flow 3: the offered agent, or any qualified agent with room for a `queued` one ("pull"). */
  async accept(actor: HandoffActor, requestId: string): Promise<HandoffRequestRow> {
    const now = this.deps.now();
    const row = await this.db.transaction().execute(async (trx) => {
      const r = await this.lockRequest(trx, actor, requestId);
      if (r.status !== 'queued' && r.status !== 'offered') throw new HandoffRefusedError('handoff_already_taken');
      if (r.status === 'offered' && r.offered_to !== actor.userId) throw new HandoffRefusedError('handoff_already_taken');
      await this.checkAgent(trx, actor, actor.userId, r.required_skills, { requireOnline: r.status === 'queued', holding: r.status === 'offered' ? 1 : 0 });
      return this.assign(trx, actor, r, actor.userId, now);
    });
    await this.afterAssigned(actor, row, actor.name);
    return row;
  }

  /** Flow 3: the offered agent passes; the chat goes back to the queue and to someone else. */
  async decline(actor: HandoffActor, requestId: string): Promise<HandoffRequestRow> {
    const row = await this.db.transaction().execute(async (trx) => {
      const r = await this.lockRequest(trx, actor, requestId);
      if (r.status !== 'offered' || r.offered_to !== actor.userId) throw new HandoffRefusedError('handoff_not_offered_to_you');
      return requeueOffer(trx, r);
    });
    await this.afterQueueMove(actor, [row]);
    return row;
  }

  /**
   * Flow 5 (and the supervisor's reassign): the active request ends (`transferred`) and a new one
   * keeps its wait and priority — offered to a named agent (refused when they are offline, lack a
   * skill or are full), queued in a named group, or, when a supervisor names themself, assigned.
   */
  async transfer(actor: HandoffActor & { userId: string | null }, conversationId: string, target: HandoffTarget, note: string | null, options: { endReason?: string } = {}): Promise<HandoffRequestRow> {
    const now = this.deps.now();
    const locale = await this.deps.status.localeOf(actor, conversationId);
    const takeOver = target.userId !== undefined && target.userId === actor.userId;
    const { ended, created } = await this.db.transaction().execute(async (trx) => {
      const conversation = await trx.selectFrom('conversations').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', conversationId).executeTakeFirst();
      if (!conversation) throw new NotFoundError('Conversation');
      const old = await this.active(trx, actor, conversationId, true);
      let groupId = old?.group_id ?? null;
      let requiredSkills = old?.required_skills ?? [];
      if (!old && target.groupId === undefined) {
        // A chat that never queued (an agent wrote first) still needs a group, or an expired offer would wait nowhere.
        const fallback = chooseChatGroup(await this.chatGroups(trx, actor), null);
        groupId = fallback?.id ?? null;
        requiredSkills = fallback ? withLocaleSkill(fallback.chat_skills, locale) : [];
      }
      if (target.groupId !== undefined) {
        const group = await trx.selectFrom('agent_groups').select(['id', 'chat_skills']).where('tenant_id', '=', actor.tenantId).where('id', '=', target.groupId).executeTakeFirst();
        if (!group) throw new NotFoundError('Agent group');
        groupId = group.id;
        requiredSkills = withLocaleSkill(group.chat_skills, locale);
      }
      if (target.userId !== undefined) {
        const user = await trx.selectFrom('users').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', target.userId).where('active', '=', true).executeTakeFirst();
        if (!user) throw new NotFoundError('User');
        const holding = old?.status === 'assigned' && old.assigned_to === target.userId ? 1 : old?.status === 'offered' && old.offered_to === target.userId ? 1 : 0;
        // Taking a chat over oneself is a supervisor's call: presence and skills do not stop it, capacity still does.
        await this.checkAgent(trx, actor, target.userId, takeOver ? [] : requiredSkills, { requireOnline: !takeOver, holding });
      }
      let endedRow: HandoffRequestRow | null = null;
      if (old) {
        endedRow = await trx
          .updateTable('handoff_requests')
          .set({ status: 'ended', ended_at: now, end_reason: options.endReason ?? 'transferred', offer_expires_at: null })
          .where('id', '=', old.id)
          .returningAll()
          .executeTakeFirstOrThrow();
      }
      const timeout = groupId ? ((await trx.selectFrom('agent_groups').select('offer_timeout_seconds').where('id', '=', groupId).executeTakeFirst())?.offer_timeout_seconds ?? DEFAULT_OFFER_TIMEOUT_SECONDS) : DEFAULT_OFFER_TIMEOUT_SECONDS;
      const status: HandoffStatus = takeOver ? 'assigned' : target.userId !== undefined ? 'offered' : 'queued';
      const inserted = await trx
        .insertInto('handoff_requests')
        .values({
          id: randomUUID(),
          tenant_id: actor.tenantId,
          conversation_id: conversationId,
          group_id: groupId,
          reason: 'transfer',
          priority: old?.priority ?? HANDOFF_PRIORITY.normal,
          required_skills: JSON.stringify(requiredSkills),
          status,
          queued_at: old?.queued_at ?? now,
          created_at: now,
          transfer_note: note,
          transferred_from: actor.userId,
          ...(status === 'offered' ? { offered_to: target.userId!, offered_at: now, offer_expires_at: new Date(now.getTime() + timeout * 1000), offer_count: 1 } : {}),
          ...(status === 'assigned' ? { assigned_to: target.userId!, assigned_at: now } : {}),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('conversations')
        .set({ handoff: true, assignee_id: takeOver ? target.userId! : null, updated_at: now })
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', conversationId)
        .execute();
      if (takeOver) await trx.updateTable('agent_profiles').set({ last_chat_assigned_at: now }).where('tenant_id', '=', actor.tenantId).where('user_id', '=', target.userId!).execute();
      return { ended: endedRow, created: inserted };
    });
    await this.deps.announcer.changed([...(ended ? [ended] : []), created]);
    if (takeOver) await this.deps.announcer.systemMessage(actor, conversationId, agentJoinedText(locale, actor.name), `handoff:${created.id}:joined`, { meta: { kind: 'agent_joined', handoffRequestId: created.id } });
    else await this.deps.announcer.systemMessage(actor, conversationId, transferredText(locale), `handoff:${created.id}:transferred`, { meta: { kind: 'handoff_transferred', handoffRequestId: created.id } });
    await this.deps.announcer.conversationChanged(actor, conversationId);
    for (const groupId of new Set([ended?.group_id, created.group_id])) await this.dispatchSoon(actor.tenantId, groupId ?? null);
    await this.deps.status.publish(actor, [ended?.group_id ?? null, created.group_id], [conversationId]);
    await this.presenceChanged(actor, [ended?.assigned_to, ended?.offered_to, created.assigned_to, created.offered_to]);
    return (await this.db.selectFrom('handoff_requests').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', created.id).executeTakeFirst()) ?? created;
  }

  /** Supervisor: move a live or waiting request to `toUserId` (themself = take over). */
  async reassign(actor: HandoffActor, requestId: string, toUserId: string): Promise<HandoffRequestRow> {
    const r = await this.db.selectFrom('handoff_requests').select(['conversation_id', 'status']).where('tenant_id', '=', actor.tenantId).where('id', '=', requestId).executeTakeFirst();
    if (!r) throw new NotFoundError('Handoff request');
    if (r.status !== 'queued' && r.status !== 'offered' && r.status !== 'assigned') throw new HandoffRefusedError('handoff_not_active');
    return this.transfer(actor, r.conversation_id, { userId: toUserId }, null, { endReason: 'reassigned' });
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
      const r = await this.active(trx, ctx, conversationId, true);
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
    const r = await this.active(this.db, actor, conversationId);
    if (!r || r.status === 'assigned') return;
    await this.accept(actor, r.id);
  }

  /** The loop: offers past their deadline go back to the queue (the agent skipped) and on to the next agent. */
  async expireOffers(limit = 100): Promise<number> {
    const now = this.deps.now();
    const rows = await TenantScope.asSystem(() =>
      this.db.transaction().execute(async (trx) => {
        const due = await trx.selectFrom('handoff_requests').selectAll().where('status', '=', 'offered').where('offer_expires_at', '<=', now).orderBy('offer_expires_at').limit(limit).forUpdate().skipLocked().execute();
        const out: HandoffRequestRow[] = [];
        for (const r of due) out.push(await requeueOffer(trx, r));
        return out;
      }),
    );
    for (const [tenantId, list] of groupByTenant(rows)) await TenantScope.asTenant(tenantId, () => this.afterQueueMove({ tenantId }, list));
    return rows.length;
  }

  /**
   * Flow 4: an agent went offline. Their offers go back to the queue; each assigned chat whose
   * visitor spoke after the agent's last message goes back as a new request with its original
   * `queued_at` (so it keeps its place), the old one ended `agent_offline`.
   */
  async returnChatsOf(tenantId: string, userId: string): Promise<HandoffRequestRow[]> {
    const now = this.deps.now();
    const ctx = { tenantId };
    return TenantScope.asTenant(tenantId, async () => {
      const changed = await this.db.transaction().execute(async (trx) => {
        const held = await trx
          .selectFrom('handoff_requests')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where((eb) => eb.or([eb.and([eb('status', '=', 'offered'), eb('offered_to', '=', userId)]), eb.and([eb('status', '=', 'assigned'), eb('assigned_to', '=', userId)])]))
          .orderBy('id')
          .forUpdate()
          .execute();
        const out: HandoffRequestRow[] = [];
        for (const r of held) {
          if (r.status === 'offered') {
            out.push(await requeueOffer(trx, r));
            continue;
          }
          if (!(await unanswered(trx, tenantId, r.conversation_id))) continue;
          out.push(await trx.updateTable('handoff_requests').set({ status: 'ended', ended_at: now, end_reason: 'agent_offline' }).where('id', '=', r.id).returningAll().executeTakeFirstOrThrow());
          out.push(
            await trx
              .insertInto('handoff_requests')
              .values({
                id: randomUUID(),
                tenant_id: tenantId,
                conversation_id: r.conversation_id,
                group_id: r.group_id,
                reason: r.reason,
                priority: r.priority,
                required_skills: JSON.stringify(r.required_skills),
                skipped_agents: JSON.stringify([userId]),
                status: 'queued',
                queued_at: r.queued_at,
                created_at: now,
                transfer_note: r.transfer_note,
                transferred_from: r.transferred_from,
              })
              .returningAll()
              .executeTakeFirstOrThrow(),
          );
          await trx.updateTable('conversations').set({ assignee_id: null, updated_at: now }).where('tenant_id', '=', tenantId).where('id', '=', r.conversation_id).execute();
        }
        return out;
      });
      await this.afterQueueMove(ctx, changed);
      for (const conversationId of new Set(changed.filter((r) => r.end_reason === 'agent_offline').map((r) => r.conversation_id))) await this.deps.announcer.conversationChanged(ctx, conversationId);
      return changed;
    });
  }

  /** Every group with queued requests (any tenant), for the loop's catch-up dispatch. */
  async groupsWithWaiting(limit = 200): Promise<{ tenantId: string; groupId: string }[]> {
    const rows = await TenantScope.asSystem(() =>
      this.db.selectFrom('handoff_requests').select(['tenant_id', 'group_id']).distinct().where('status', '=', 'queued').where('group_id', 'is not', null).limit(limit).execute(),
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, groupId: r.group_id! }));
  }

  /** The request of the conversation that is queued, offered or assigned, if any. */
  active(db: Kysely<HandoffDatabase>, ctx: TenantContext, conversationId: string, lock = false): Promise<HandoffRequestRow | undefined> {
    const q = db.selectFrom('handoff_requests').selectAll().where('tenant_id', '=', ctx.tenantId).where('conversation_id', '=', conversationId).where('status', 'in', ['queued', 'offered', 'assigned']);
    return (lock ? q.forUpdate() : q).executeTakeFirst();
  }

  private async chatGroups(db: Kysely<HandoffDatabase>, ctx: TenantContext) {
    const groups = await db
      .selectFrom('agent_groups')
      .select(['id', 'chat_intents', 'chat_skills', 'is_chat_default', 'calendar_id', 'created_at'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('handles_chat', '=', true)
      .execute();
    return groups.map((g) => ({ ...g, chatIntents: g.chat_intents, isChatDefault: g.is_chat_default, createdAt: new Date(g.created_at) }));
  }

  private async lockRequest(trx: Kysely<HandoffDatabase>, ctx: TenantContext, requestId: string): Promise<HandoffRequestRow> {
    const r = await trx.selectFrom('handoff_requests').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', requestId).forUpdate().executeTakeFirst();
    if (!r) throw new NotFoundError('Handoff request');
    return r;
  }

  /** Locks the agent's profile (after the request: the router's order) and refuses an agent who cannot take one more chat. */
  private async checkAgent(trx: Kysely<HandoffDatabase>, ctx: TenantContext, userId: string, requiredSkills: readonly string[], options: { requireOnline: boolean; holding: number }): Promise<void> {
    await this.deps.profiles.ensure(trx, ctx, userId);
    const profile = await trx.selectFrom('agent_profiles').select(['presence', 'max_chats', 'skills']).where('tenant_id', '=', ctx.tenantId).where('user_id', '=', userId).forUpdate().executeTakeFirstOrThrow();
    if (options.requireOnline && profile.presence !== 'online') throw new HandoffRefusedError('agent_offline', `presence is ${profile.presence}`);
    const missing = requiredSkills.filter((s) => !profile.skills.includes(s));
    if (missing.length > 0) throw new HandoffRefusedError('agent_lacks_skill', missing.join(', '));
    const load = (await this.deps.profiles.load(trx, ctx, userId)) - options.holding;
    if (load >= profile.max_chats) throw new HandoffRefusedError('agent_at_capacity', `${load} of ${profile.max_chats} chats`);
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
    await this.presenceChanged(ctx, [row.assigned_to]);
  }

  private async endActiveIn(trx: Kysely<HandoffDatabase>, ctx: TenantContext, conversationId: string, endReason: string, now: Date): Promise<HandoffRequestRow | null> {
    const r = await this.active(trx, ctx, conversationId, true);
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
      await this.dispatchSoon(ctx.tenantId, ended.group_id);
      await this.presenceChanged(ctx, [ended.assigned_to, ended.offered_to]);
    }
    await this.deps.announcer.conversationChanged(ctx, conversationId);
    await this.deps.status.publish(ctx, [ended?.group_id ?? null], [conversationId]);
  }

  /** Requests moved back to the queue: tell everyone, offer them again, update the visitors' positions. */
  private async afterQueueMove(ctx: TenantContext, rows: readonly HandoffRequestRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.deps.announcer.changed(rows);
    const groups = [...new Set(rows.map((r) => r.group_id))];
    for (const groupId of groups) await this.dispatchSoon(ctx.tenantId, groupId);
    await this.deps.status.publish(ctx, groups, rows.map((r) => r.conversation_id));
  }

  /**
   * Offers the group's waiting chats now. The step that called it has committed; if this fails the
   * offer loop dispatches the group on its next tick, so the caller's request does not fail for it.
   */
  private async dispatchSoon(tenantId: string, groupId: string | null): Promise<void> {
    if (!groupId) return;
    try {
      await this.deps.router.dispatch(tenantId, groupId);
    } catch (err) {
      this.deps.log?.warn({ err, groupId }, 'immediate handoff dispatch failed; the offer loop retries');
    }
  }

  /** `agent.presence_changed` for agents whose load changed. */
  private async presenceChanged(ctx: TenantContext, userIds: readonly (string | null | undefined)[]): Promise<void> {
    for (const userId of new Set(userIds)) {
      if (!userId) continue;
      const [profile] = await this.deps.profiles.list(ctx, userId);
      if (profile) this.deps.events.emit('agent.presence_changed', { tenantId: ctx.tenantId, userId, presence: profile.presence, activeChats: profile.activeChats, maxChats: profile.maxChats });
    }
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

/** The group's skills, plus `English` for a visitor writing in English. */
export function withLocaleSkill(skills: readonly string[], locale: HandoffLocale): string[] {
  return locale === 'en' && !skills.includes('English') ? [...skills, 'English'] : [...skills];
}

/** An offer declined or expired: back to `queued`, the agent on the request's skip list. */
async function requeueOffer(trx: Kysely<HandoffDatabase>, r: HandoffRequestRow): Promise<HandoffRequestRow> {
  const skipped = r.offered_to && !r.skipped_agents.includes(r.offered_to) ? [...r.skipped_agents, r.offered_to] : r.skipped_agents;
  return trx
    .updateTable('handoff_requests')
    .set({ status: 'queued', offered_to: null, offered_at: null, offer_expires_at: null, skipped_agents: JSON.stringify(skipped) })
    .where('id', '=', r.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The visitor spoke after the agent's last message (or the agent never wrote). */
async function unanswered(trx: Kysely<HandoffDatabase>, tenantId: string, conversationId: string): Promise<boolean> {
  const { rows } = await sql<{ visitor: number | null; agent: number | null }>`
    select max(seq) filter (where sender_type = 'visitor') as visitor, max(seq) filter (where sender_type = 'agent' and not internal) as agent
    from messages where tenant_id = ${tenantId}::uuid and conversation_id = ${conversationId}::uuid`.execute(trx);
  const row = rows[0];
  if (!row || row.visitor === null) return false;
  return row.agent === null || Number(row.agent) < Number(row.visitor);
}

function groupByTenant(rows: readonly HandoffRequestRow[]): Map<string, HandoffRequestRow[]> {
  const out = new Map<string, HandoffRequestRow[]>();
  for (const r of rows) out.set(r.tenant_id, [...(out.get(r.tenant_id) ?? []), r]);
  return out;
}

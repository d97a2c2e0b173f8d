import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import type { AgentProfileRepository } from './agent-profile-repository.js';
import { readChatGroups, withLocaleSkill } from './chat-group-reader.js';
import { chooseChatGroup } from './chat-group-chooser.js';
import type { HandoffAnnouncer } from './handoff-announcer.js';
import type { HandoffFollowUp } from './handoff-follow-up.js';
import { HandoffRefusedError } from './handoff-refused-error.js';
import { activeRequest, lockAgentFor } from './handoff-request-locks.js';
import { handoffDatabase, HANDOFF_PRIORITY, type HandoffDatabase, type HandoffRequestRow, type HandoffStatus } from './handoff-schema.js';
import type { HandoffActor, HandoffTarget } from './handoff-service.js';
import { agentJoinedText, transferredText } from './handoff-visitor-text.js';
import type { VisitorHandoffStatusReader } from './visitor-handoff-status-reader.js';

const DEFAULT_OFFER_TIMEOUT_SECONDS = 30;

interface Deps {
  profiles: AgentProfileRepository;
  announcer: HandoffAnnouncer;
  status: VisitorHandoffStatusReader;
  followUp: HandoffFollowUp;
  now: () => Date;
}

/** Flow 5 and the supervisor's reassign: a chat moves to another agent or group, keeping its wait. */
export class HandoffTransferService {
  private readonly db: Kysely<HandoffDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly deps: Deps,
  ) {
    this.db = handoffDatabase(db);
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
      const old = await activeRequest(trx, actor, conversationId, true);
      let groupId = old?.group_id ?? null;
      let requiredSkills = old?.required_skills ?? [];
      if (!old && target.groupId === undefined) {
        // A chat that never queued (an agent wrote first) still needs a group, or an expired offer would wait nowhere.
        const fallback = chooseChatGroup(await readChatGroups(trx, actor), []);
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
        await lockAgentFor(trx, this.deps.profiles, actor, target.userId, takeOver ? [] : requiredSkills, { requireOnline: !takeOver, holding });
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
    for (const groupId of new Set([ended?.group_id, created.group_id])) await this.deps.followUp.dispatchSoon(actor.tenantId, groupId ?? null);
    await this.deps.status.publish(actor, [ended?.group_id ?? null, created.group_id], [conversationId]);
    await this.deps.followUp.presenceChanged(actor, [ended?.assigned_to, ended?.offered_to, created.assigned_to, created.offered_to]);
    return (await this.db.selectFrom('handoff_requests').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', created.id).executeTakeFirst()) ?? created;
  }

  /** Supervisor: move a live or waiting request to `toUserId` (themself = take over). */
  async reassign(actor: HandoffActor, requestId: string, toUserId: string): Promise<HandoffRequestRow> {
    const r = await this.db.selectFrom('handoff_requests').select(['conversation_id', 'status']).where('tenant_id', '=', actor.tenantId).where('id', '=', requestId).executeTakeFirst();
    if (!r) throw new NotFoundError('Handoff request');
    if (r.status !== 'queued' && r.status !== 'offered' && r.status !== 'assigned') throw new HandoffRefusedError('handoff_not_active');
    return this.transfer(actor, r.conversation_id, { userId: toUserId }, null, { endReason: 'reassigned' });
  }
}

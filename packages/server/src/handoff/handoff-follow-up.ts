import type { DomainEvents } from '../events/domain-events.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { AgentProfileRepository } from './agent-profile-repository.js';
import type { HandoffAnnouncer } from './handoff-announcer.js';
import type { HandoffRouter } from './handoff-router.js';
import type { HandoffRequestRow } from './handoff-schema.js';
import type { VisitorHandoffStatusReader } from './visitor-handoff-status-reader.js';

/** What every committed queue step is followed by: dispatch, the visitors' positions, agents' loads. */
export class HandoffFollowUp {
  constructor(
    private readonly router: HandoffRouter,
    private readonly announcer: HandoffAnnouncer,
    private readonly status: VisitorHandoffStatusReader,
    private readonly profiles: AgentProfileRepository,
    private readonly events: DomainEvents,
    private readonly log?: { warn(obj: object, msg: string): void },
  ) {}

  /**
   * Offers the group's waiting chats now. The step that called it has committed; if this fails the
   * offer loop dispatches the group on its next tick, so the caller's request does not fail for it.
   */
  async dispatchSoon(tenantId: string, groupId: string | null | undefined): Promise<void> {
    if (!groupId) return;
    try {
      await this.router.dispatch(tenantId, groupId);
    } catch (err) {
      this.log?.warn({ err, groupId }, 'immediate handoff dispatch failed; the offer loop retries');
    }
  }

  /** Requests moved back to the queue: tell everyone, offer them again, update the visitors' positions. */
  async afterQueueMove(ctx: TenantContext, rows: readonly HandoffRequestRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.announcer.changed(rows);
    const groups = [...new Set(rows.map((r) => r.group_id))];
    for (const groupId of groups) await this.dispatchSoon(ctx.tenantId, groupId);
    await this.status.publish(ctx, groups, rows.map((r) => r.conversation_id));
  }

  /** `agent.presence_changed` for agents whose load changed. */
  async presenceChanged(ctx: TenantContext, userIds: readonly (string | null | undefined)[]): Promise<void> {
    for (const userId of new Set(userIds)) {
      if (!userId) continue;
      const [profile] = await this.profiles.list(ctx, userId);
      if (profile) this.events.emit('agent.presence_changed', { tenantId: ctx.tenantId, userId, presence: profile.presence, activeChats: profile.activeChats, maxChats: profile.maxChats });
    }
  }
}

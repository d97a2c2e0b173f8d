import { TenantScope } from '../db/tenant-scope.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { AgentProfileRepository } from './agent-profile-repository.js';
import type { AgentProfileDto } from './handoff-dto.js';
import type { HandoffRouter } from './handoff-router.js';
import type { AgentPresence } from './handoff-schema.js';
import type { HandoffRequeue } from './handoff-requeue.js';

/** An online/away agent whose console has not been seen for this long is offline. */
export const PRESENCE_STALE_MS = 60_000;

/**
 * Presence (Flow 4): the agent's own switch, the console heartbeat and the sweep that turns silent
 * agents offline. Going online offers the agent's groups' waiting chats; going offline, either
 * way, returns the agent's offers and unanswered chats to the queue.
 */
export class AgentPresenceService {
  constructor(
    private readonly profiles: AgentProfileRepository,
    private readonly requeue: HandoffRequeue,
    private readonly router: HandoffRouter,
    private readonly events: DomainEvents,
    private readonly now: () => Date,
  ) {}

  async set(ctx: TenantContext, userId: string, presence: AgentPresence): Promise<AgentProfileDto> {
    const before = await this.profiles.setPresence(ctx, userId, presence, this.now());
    if (presence === 'offline' && before !== 'offline') await this.requeue.returnChatsOf(ctx.tenantId, userId);
    const profile = await this.profiles.get(ctx, userId);
    if (presence === 'online') for (const g of profile.groups) await this.router.dispatch(ctx.tenantId, g.id);
    this.events.emit('agent.presence_changed', { tenantId: ctx.tenantId, userId, presence, activeChats: profile.activeChats, maxChats: profile.maxChats });
    return this.profiles.get(ctx, userId);
  }

  /** The gateway's heartbeat: these agents have a console socket on this node now. */
  async heartbeat(agents: readonly { tenantId: string; userId: string }[]): Promise<void> {
    if (agents.length === 0) return;
    await TenantScope.asSystem(() => this.profiles.touch(agents.map((a) => a.userId), this.now()));
  }

  /** Online/away agents silent for 60 s go offline and their chats go back; returns how many. */
  async sweep(): Promise<number> {
    const now = this.now();
    const stale = await TenantScope.asSystem(() => this.profiles.expireStale(new Date(now.getTime() - PRESENCE_STALE_MS), now));
    for (const agent of stale) {
      await this.requeue.returnChatsOf(agent.tenantId, agent.userId);
      const profile = await TenantScope.asTenant(agent.tenantId, () => this.profiles.get({ tenantId: agent.tenantId }, agent.userId));
      this.events.emit('agent.presence_changed', { tenantId: agent.tenantId, userId: agent.userId, presence: 'offline', activeChats: profile.activeChats, maxChats: profile.maxChats });
    }
    return stale.length;
  }
}

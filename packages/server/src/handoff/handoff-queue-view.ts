import { sql, type Kysely } from 'kysely';
import type { ConversationChannel, Database } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import type { SlaCalendarCache } from '../tickets/sla/sla-calendar-cache.js';
import type { TicketDatabase } from '../tickets/ticket-schema.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { AgentProfileRepository } from './agent-profile-repository.js';
import type { HandoffOverviewDto, HandoffRequestDto } from './handoff-dto.js';
import { handoffDatabase, type HandoffDatabase, type HandoffStatus } from './handoff-schema.js';

const SUMMARY_CHARS = 80;
/** Rows a queue view returns at most. */
const VIEW_LIMIT = 500;

/** The staff's read side of the queue: the waiting list, my chats, the supervisor's overview. */
export class HandoffQueueView {
  private readonly db: Kysely<HandoffDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly profiles: AgentProfileRepository,
    private readonly calendars: SlaCalendarCache,
    private readonly now: () => Date,
  ) {
    this.db = handoffDatabase(db);
  }

  /** Waiting (queued/offered) requests of the caller's groups, or of every group for a supervisor (`userId` null). */
  async waiting(ctx: TenantContext, userId: string | null): Promise<HandoffRequestDto[]> {
    let q = this.base(ctx).where('r.status', 'in', ['queued', 'offered']);
    if (userId) q = q.where('r.group_id', 'in', (eb) => eb.selectFrom('agent_group_members').select('group_id').where('tenant_id', '=', ctx.tenantId).where('user_id', '=', userId));
    const rows = await q.orderBy('r.group_id').orderBy('r.priority').orderBy('r.queued_at').orderBy('r.id').limit(VIEW_LIMIT).execute();
    const position = new Map<string | null, number>();
    const items = rows.map((r) => {
      const ahead = position.get(r.group_id) ?? 0;
      position.set(r.group_id, ahead + 1);
      return this.toDto(r, ahead);
    });
    return items.sort((a, b) => a.priority - b.priority || a.queuedAt.localeCompare(b.queuedAt));
  }

  /** One request as the queue shows it; 404 outside the tenant. */
  async one(ctx: TenantContext, requestId: string): Promise<HandoffRequestDto> {
    const row = await this.base(ctx).where('r.id', '=', requestId).executeTakeFirst();
    if (!row) throw new NotFoundError('Handoff request');
    return this.toDto(row, null);
  }

  /** Offers to me and the chats I hold. */
  async mine(ctx: TenantContext, userId: string): Promise<HandoffRequestDto[]> {
    const rows = await this.base(ctx)
      .where((eb) => eb.or([eb.and([eb('r.status', '=', 'offered'), eb('r.offered_to', '=', userId)]), eb.and([eb('r.status', '=', 'assigned'), eb('r.assigned_to', '=', userId)])]))
      .orderBy('r.priority')
      .orderBy('r.queued_at')
      .limit(VIEW_LIMIT)
      .execute();
    return rows.map((r) => this.toDto(r, null));
  }

  async overview(ctx: TenantContext): Promise<HandoffOverviewDto> {
    const now = this.now();
    const [groups, waiting, agents, hot, resolve] = await Promise.all([
      this.db.selectFrom('agent_groups').select(['id', 'name', 'calendar_id']).where('tenant_id', '=', ctx.tenantId).where('handles_chat', '=', true).orderBy('name').execute(),
      this.db
        .selectFrom('handoff_requests')
        .select(['group_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('queued_at').as('oldest')])
        .where('tenant_id', '=', ctx.tenantId)
        .where('status', 'in', ['queued', 'offered'])
        .groupBy('group_id')
        .execute(),
      this.profiles.list(ctx),
      this.base(ctx).where('r.status', 'in', ['queued', 'offered', 'assigned']).where('r.priority', '<=', 1).orderBy('r.priority').orderBy('r.queued_at').limit(100).execute(),
      this.calendars.resolver(this.db as unknown as Kysely<TicketDatabase>, ctx.tenantId),
    ]);
    const online = new Map<string, number>();
    for (const a of agents) if (a.presence === 'online') for (const g of a.groups) online.set(g.id, (online.get(g.id) ?? 0) + 1);
    const signals = await this.lastSignals(
      ctx,
      hot.map((h) => h.conversation_id),
    );
    return {
      groups: groups.map((g) => {
        const w = waiting.find((x) => x.group_id === g.id);
        return {
          id: g.id,
          name: g.name,
          waiting: Number(w?.n ?? 0),
          longestWaitSeconds: w?.oldest ? secondsSince(new Date(w.oldest as Date), now) : 0,
          onlineAgents: online.get(g.id) ?? 0,
          open: resolve(g.calendar_id).isOpenAt(now),
        };
      }),
      agents: agents.map((a) => ({ userId: a.userId, name: a.name, presence: a.presence, activeChats: a.activeChats, maxChats: a.maxChats, skills: a.skills })),
      hot: hot.map((h) => ({
        conversationId: h.conversation_id,
        channel: h.channel,
        requestId: h.id,
        reason: h.reason,
        priority: h.priority,
        status: h.status,
        assignedTo: h.assigned_to,
        // offered_to stays on the row after a decline or expiry; only a live offer names someone.
        offeredTo: h.status === 'offered' ? h.offered_to : null,
        risk: signals.get(h.conversation_id)?.risk ?? null,
        emotion: signals.get(h.conversation_id)?.emotion ?? null,
        waitSeconds: secondsSince(new Date(h.queued_at), now),
      })),
    };
  }

  /** The risk and emotion the bot read in each conversation's latest visitor turn (from its reply's meta). */
  private async lastSignals(ctx: TenantContext, conversationIds: readonly string[]): Promise<Map<string, { risk: string | null; emotion: string | null }>> {
    if (conversationIds.length === 0) return new Map();
    const { rows } = await sql<{ conversation_id: string; risk: string | null; emotion: string | null }>`
      select distinct on (conversation_id) conversation_id, meta->>'risk' as risk, meta->>'emotion' as emotion
      from messages
      where tenant_id = ${ctx.tenantId}::uuid and sender_type = 'bot' and meta ? 'emotion'
        and conversation_id in (${sql.join(conversationIds.map((id) => sql`${id}::uuid`))})
      order by conversation_id, seq desc`.execute(this.db);
    return new Map(rows.map((r) => [r.conversation_id, { risk: r.risk, emotion: r.emotion }]));
  }

  private base(ctx: TenantContext) {
    return this.db
      .selectFrom('handoff_requests as r')
      .innerJoin('conversations as c', 'c.id', 'r.conversation_id')
      .innerJoin('visitors as v', (j) => j.onRef('v.id', '=', 'c.visitor_id').onRef('v.tenant_id', '=', 'c.tenant_id'))
      .leftJoin('agent_groups as g', 'g.id', 'r.group_id')
      .selectAll('r')
      .select(['v.name as visitor_name', 'v.verified', 'g.name as group_name', 'c.channel'])
      .select((eb) =>
        eb
          .selectFrom('messages as m')
          .select('m.text')
          .whereRef('m.conversation_id', '=', 'r.conversation_id')
          .where('m.sender_type', '=', 'visitor')
          .orderBy('m.seq', 'desc')
          .limit(1)
          .as('last_text'),
      )
      .where('r.tenant_id', '=', ctx.tenantId);
  }

  private toDto(
    r: {
      id: string;
      conversation_id: string;
      channel: ConversationChannel;
      visitor_name: string | null;
      verified: boolean;
      group_id: string | null;
      group_name: string | null;
      reason: HandoffRequestDto['reason'];
      priority: number;
      status: HandoffStatus;
      offered_to: string | null;
      offer_expires_at: Date | null;
      assigned_to: string | null;
      queued_at: Date;
      last_text: string | null;
      transfer_note: string | null;
    },
    ahead: number | null,
  ): HandoffRequestDto {
    const text = r.last_text ?? '';
    return {
      id: r.id,
      conversationId: r.conversation_id,
      channel: r.channel,
      visitorName: r.visitor_name,
      verified: r.verified,
      groupId: r.group_id,
      groupName: r.group_name,
      reason: r.reason,
      priority: r.priority,
      status: r.status,
      offeredTo: r.status === 'offered' ? r.offered_to : null,
      offerExpiresAt: r.status === 'offered' && r.offer_expires_at ? new Date(r.offer_expires_at).toISOString() : null,
      assignedTo: r.assigned_to,
      queuedAt: new Date(r.queued_at).toISOString(),
      waitSeconds: secondsSince(new Date(r.queued_at), this.now()),
      ahead,
      summary: text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text,
      transferNote: r.transfer_note,
    };
  }
}

function secondsSince(then: Date, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
}

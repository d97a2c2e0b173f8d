import { sql, type Kysely } from 'kysely';
import type { DomainEvents, VisitorHandoffStatus } from '../events/domain-events.js';
import type { TicketDatabase } from '../tickets/ticket-schema.js';
import type { SlaCalendarCache } from '../tickets/sla/sla-calendar-cache.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { HandoffDatabase } from './handoff-schema.js';
import { noAgentOnlineText, outsideHoursText, type HandoffLocale } from './handoff-visitor-text.js';

/** Mean handling time assumed until a group has ended chats of its own. */
const DEFAULT_HANDLE_SECONDS = 180;
/** Ended chats the mean handling time is taken over. */
const HANDLE_SAMPLE = 50;
/** Waiting conversations told about a queue move at once. */
const PUBLISH_LIMIT = 100;

/** What an estimate needs to know about a group right now. */
interface GroupPace {
  avgHandleSeconds: number;
  /** The online agents' max_chats summed (free + busy). */
  capacity: number;
}

/**
 * The visitor's view of their way to a human (`VisitorHandoffStatus`): position, estimated wait,
 * the agent who joined, or why nobody can. `etaSeconds = (ahead + 1) × mean handling time ÷
 * max(1, online capacity)`, the mean over the group's last 50 ended chats (180 s before any).
 */
export class VisitorHandoffStatusReader {
  constructor(
    private readonly db: Kysely<HandoffDatabase>,
    private readonly calendars: SlaCalendarCache,
    private readonly events: DomainEvents,
    private readonly now: () => Date,
  ) {}

  async statusOf(ctx: TenantContext, conversationId: string, locale: HandoffLocale): Promise<VisitorHandoffStatus> {
    const r = await this.db
      .selectFrom('handoff_requests as r')
      .leftJoin('users as u', 'u.id', 'r.assigned_to')
      .select(['r.id', 'r.status', 'r.group_id', 'r.priority', 'r.queued_at', 'r.end_reason', 'u.name as agent_name'])
      .where('r.tenant_id', '=', ctx.tenantId)
      .where('r.conversation_id', '=', conversationId)
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const none: VisitorHandoffStatus = { state: 'none', ahead: null, etaSeconds: null, agentName: null, message: null };
    if (!r) return none;
    switch (r.status) {
      case 'queued':
      case 'offered': {
        const ahead = await this.db
          .selectFrom('handoff_requests')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', ctx.tenantId)
          .where('group_id', '=', r.group_id)
          .where('status', 'in', ['queued', 'offered'])
          .where((eb) => eb(eb.refTuple('priority', 'queued_at', 'id'), '<', eb.tuple(r.priority, sql<Date>`${new Date(r.queued_at)}::timestamptz`, sql<string>`${r.id}::uuid`)))
          .executeTakeFirstOrThrow();
        const pace = r.group_id ? await this.pace(ctx.tenantId, r.group_id) : { avgHandleSeconds: DEFAULT_HANDLE_SECONDS, capacity: 0 };
        const n = Number(ahead.n);
        return { state: 'waiting', ahead: n, etaSeconds: eta(n, pace), agentName: null, message: null };
      }
      case 'assigned':
        return { state: 'connected', ahead: null, etaSeconds: null, agentName: r.agent_name ?? null, message: null };
      case 'unavailable':
        return { state: 'unavailable', ahead: null, etaSeconds: null, agentName: null, message: await this.unavailableText(ctx, r.group_id, r.end_reason, locale) };
      case 'left_message':
        return { ...none, state: 'left_message' };
      case 'ended':
        return { ...none, state: 'ended' };
      case 'cancelled':
        return none;
    }
  }

  /** The honest "why not": outside the group's hours (with them), or nobody online. */
  async unavailableText(ctx: TenantContext, groupId: string | null, endReason: string | null, locale: HandoffLocale): Promise<string> {
    if (endReason === 'outside_hours' && groupId) {
      const group = await this.db.selectFrom('agent_groups').select('calendar_id').where('tenant_id', '=', ctx.tenantId).where('id', '=', groupId).executeTakeFirst();
      const calendar = await this.calendars.get(this.db as unknown as Kysely<TicketDatabase>, ctx.tenantId, group?.calendar_id ?? null);
      return outsideHoursText(locale, calendar, this.now());
    }
    return noAgentOnlineText(locale);
  }

  /**
   * `handoff.visitor_status` for the group's waiting conversations (the first 100 in queue order)
   * and for `alsoConversationIds` (e.g. the one that just got its agent or left the queue).
   */
  async publish(ctx: TenantContext, groupIds: readonly (string | null)[], alsoConversationIds: readonly string[] = []): Promise<void> {
    const done = new Set<string>();
    for (const groupId of new Set(groupIds)) {
      if (!groupId) continue;
      const waiting = await this.db
        .selectFrom('handoff_requests')
        .select(['conversation_id'])
        .where('tenant_id', '=', ctx.tenantId)
        .where('group_id', '=', groupId)
        .where('status', 'in', ['queued', 'offered'])
        .orderBy('priority')
        .orderBy('queued_at')
        .orderBy('id')
        .limit(PUBLISH_LIMIT)
        .execute();
      if (waiting.length === 0) continue;
      const pace = await this.pace(ctx.tenantId, groupId);
      for (const [ahead, w] of waiting.entries()) {
        done.add(w.conversation_id);
        this.events.emit('handoff.visitor_status', { tenantId: ctx.tenantId, conversationId: w.conversation_id, status: { state: 'waiting', ahead, etaSeconds: eta(ahead, pace), agentName: null, message: null } });
      }
    }
    for (const conversationId of alsoConversationIds) {
      if (done.has(conversationId)) continue;
      const locale = await this.localeOf(ctx, conversationId);
      this.events.emit('handoff.visitor_status', { tenantId: ctx.tenantId, conversationId, status: await this.statusOf(ctx, conversationId, locale) });
    }
  }

  /** The visitor's language, remembered in the dialogue state. */
  async localeOf(ctx: TenantContext, conversationId: string): Promise<HandoffLocale> {
    const row = await this.db.selectFrom('conversations').select('bot_state').where('tenant_id', '=', ctx.tenantId).where('id', '=', conversationId).executeTakeFirst();
    const state = row?.bot_state as { locale?: unknown } | null | undefined;
    return state?.locale === 'en' ? 'en' : 'zh-CN';
  }

  private async pace(tenantId: string, groupId: string): Promise<GroupPace> {
    const { rows } = await sql<{ avg: number | null; capacity: number | null }>`
      select
        (select avg(extract(epoch from (ended_at - assigned_at)))::float8 from (
           select ended_at, assigned_at from handoff_requests
           where tenant_id = ${tenantId}::uuid and group_id = ${groupId}::uuid and status = 'ended' and assigned_at is not null and ended_at is not null
           order by ended_at desc limit ${HANDLE_SAMPLE}) recent) as avg,
        (select sum(p.max_chats)::int from agent_group_members m join agent_profiles p on p.user_id = m.user_id
           where m.tenant_id = ${tenantId}::uuid and m.group_id = ${groupId}::uuid and p.presence = 'online') as capacity`.execute(this.db);
    const row = rows[0];
    return { avgHandleSeconds: row?.avg ? Number(row.avg) : DEFAULT_HANDLE_SECONDS, capacity: Number(row?.capacity ?? 0) };
  }
}

function eta(ahead: number, pace: GroupPace): number {
  return Math.round(((ahead + 1) * pace.avgHandleSeconds) / Math.max(1, pace.capacity));
}

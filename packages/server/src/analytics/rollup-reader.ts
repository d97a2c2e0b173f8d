import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { analyticsDatabase, type AnalyticsDatabase } from './analytics-schema.js';
import type { DashboardFilter } from './dashboard-filter.js';

/** A summed rollup cell. */
export interface RollupSum {
  metric: string;
  count: number;
  total: number;
}

export interface DaySum extends RollupSum {
  day: string;
}

export interface DimensionSum extends RollupSum {
  dimKind: string;
  dimKey: string;
}

export interface RatingComment {
  at: string;
  stars: number;
  comment: string;
  tags: string[];
  conversationId: string | null;
}

/** The metrics the breakdowns (per intent, flow, step, agent, FAQ) need; other cells are never read. */
const BREAKDOWN_METRICS = [
  'bot.turn',
  'selfservice.started',
  'selfservice.completed',
  'selfservice.cancelled',
  'selfservice.failed',
  'selfservice.failed:handoff',
  'selfservice.failed:failed',
  'selfservice.failed:switched',
  'selfservice.failed:abandoned',
  'selfservice.step',
  'handoff.assigned',
  'agent.first_response',
  'conversation.ended:human',
  'rating.submitted',
  'rating.submitted:4',
  'rating.submitted:5',
  'ticket.resolved',
  'answer.feedback:helpful',
  'answer.feedback:not_helpful',
  'handoff.requested',
  'conversation.engaged',
  'conversation.engaged:repeat',
];

/**
 * Reads the daily rollups (never the raw events, except the few newest rating comments through
 * their own index) for one tenant and filter.
 */
export class RollupReader {
  private readonly db: Kysely<AnalyticsDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = analyticsDatabase(db);
  }

  /** Tenant totals per day and metric. */
  async perDay(tenantId: string, f: DashboardFilter): Promise<DaySum[]> {
    const rows = await this.scoped(tenantId, f)
      .select([sql<string>`day::text`.as('day_text'), 'metric', sql<string>`sum(count)`.as('c'), sql<string>`sum(total)`.as('t')])
      .where('dim_kind', '=', 'all')
      .groupBy(['day', 'metric'])
      .execute();
    return rows.map((r) => ({ day: r.day_text, metric: r.metric, count: Number(r.c), total: Number(r.t) }));
  }

  /** Totals over the range per dimension (intent, flow, step, agent, FAQ) for the metrics the dashboard breaks down. */
  async perDimension(tenantId: string, f: DashboardFilter): Promise<DimensionSum[]> {
    const rows = await this.scoped(tenantId, f)
      .select(['dim_kind', 'dim_key', 'metric', sql<string>`sum(count)`.as('c'), sql<string>`sum(total)`.as('t')])
      .where('dim_kind', 'in', ['intent', 'flow', 'step', 'agent', 'faq'])
      .where('metric', 'in', BREAKDOWN_METRICS)
      .groupBy(['dim_kind', 'dim_key', 'metric'])
      .execute();
    return rows.map((r) => ({ dimKind: r.dim_kind, dimKey: r.dim_key, metric: r.metric, count: Number(r.c), total: Number(r.t) }));
  }

  /** The questions the bot most often could not answer, masked, most asked first. */
  async topUnanswered(tenantId: string, f: DashboardFilter, limit: number): Promise<{ question: string; count: number }[]> {
    const rows = await this.scoped(tenantId, f)
      .select(['dim_key', sql<string>`sum(count)`.as('c')])
      .where('dim_kind', '=', 'question')
      .where('metric', '=', 'bot.turn')
      .groupBy('dim_key')
      .orderBy(sql`sum(count)`, 'desc')
      .orderBy('dim_key')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ question: r.dim_key, count: Number(r.c) }));
  }

  /** How many bot turns in the range went unanswered (fallback or low confidence). */
  async unansweredTurns(tenantId: string, f: DashboardFilter): Promise<number> {
    const row = await this.scoped(tenantId, f).select(sql<string | null>`sum(count)`.as('c')).where('dim_kind', '=', 'question').where('metric', '=', 'bot.turn').executeTakeFirst();
    return Number(row?.c ?? 0);
  }

  /** The newest rating comments in the range (masked when recorded). */
  async recentComments(tenantId: string, f: DashboardFilter, limit: number): Promise<RatingComment[]> {
    let q = this.db
      .selectFrom('analytics_events')
      .select(['occurred_at', 'value', 'props', 'conversation_id'])
      .where('tenant_id', '=', tenantId)
      .where('type', '=', 'rating.submitted')
      .where('occurred_at', '>=', new Date(`${f.from}T00:00:00+08:00`))
      .where('occurred_at', '<', new Date(Date.parse(`${f.to}T00:00:00+08:00`) + 86_400_000))
      .where(sql<boolean>`props ? 'comment'`);
    if (f.channel) q = q.where('channel', '=', f.channel);
    if (f.template) q = q.where('template', '=', f.template);
    if (f.groupId) q = q.where('group_id', '=', f.groupId);
    const rows = await q.orderBy('occurred_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      at: new Date(r.occurred_at).toISOString(),
      stars: Number(r.value),
      comment: String(r.props.comment ?? ''),
      tags: Array.isArray(r.props.tags) ? r.props.tags.map(String) : [],
      conversationId: r.conversation_id,
    }));
  }

  private scoped(tenantId: string, f: DashboardFilter): SelectQueryBuilder<AnalyticsDatabase, 'analytics_daily', object> {
    let q = this.db.selectFrom('analytics_daily').where('tenant_id', '=', tenantId).where('day', '>=', f.from).where('day', '<=', f.to);
    if (f.channel) q = q.where('channel', '=', f.channel);
    if (f.template) q = q.where('template', '=', f.template);
    if (f.groupId) q = q.where('group_key', '=', f.groupId);
    return q;
  }
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { analyticsDatabase, type AnalyticsDatabase } from './analytics-schema.js';
import { csvLine } from './csv-line.js';
import { buildDashboard } from './dashboard-builder.js';
import { daysOf, type DashboardFilter } from './dashboard-filter.js';
import { RollupReader } from './rollup-reader.js';

const PAGE = 1000;
const DAYS_PER_CHUNK = 31;
/** Excel opens UTF-8 CSV as such only with a byte-order mark. */
const BOM = '\uFEFF';

const round = (v: number | null, digits = 4): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/**
 * The two CSV downloads, as async line generators read page by page, so an export of any size
 * holds one page in memory. Each read runs in the tenant's scope itself: a stream is consumed
 * after the request handler returned.
 */
export class AnalyticsExport {
  private readonly db: Kysely<AnalyticsDatabase>;
  private readonly reader: RollupReader;

  constructor(db: Kysely<Database>) {
    this.db = analyticsDatabase(db);
    this.reader = new RollupReader(db);
  }

  /** One line per day: the dashboard's daily measures, from the rollups, a month at a time. */
  async *daily(tenantId: string, filter: DashboardFilter): AsyncGenerator<string> {
    yield BOM + csvLine(['day', 'visits', 'conversations', 'bot_resolved', 'handed_off', 'containment_rate', 'handoff_requests', 'avg_wait_s', 'avg_first_response_s', 'ratings', 'csat', 'tickets_created', 'tickets_closed', 'sla_breaches', 'searches', 'selfservice_started', 'selfservice_completed']);
    const days = daysOf(filter);
    for (let i = 0; i < days.length; i += DAYS_PER_CHUNK) {
      const chunk = { ...filter, from: days[i]!, to: days[Math.min(days.length, i + DAYS_PER_CHUNK) - 1]! };
      const perDay = await TenantScope.asTenant(tenantId, () => this.reader.perDay(tenantId, chunk));
      for (const day of daysOf(chunk)) {
        const rows = perDay.filter((r) => r.day === day);
        const d = buildDashboard({ filter: { ...chunk, from: day, to: day }, perDay: rows, totals: rows, perDimension: [], topUnanswered: [], unansweredTurns: 0, recentComments: [], flows: [], agentNames: new Map(), faqQuestions: new Map() }).totals;
        const n = (m: string) => rows.find((r) => r.metric === m)?.count ?? 0;
        yield csvLine([day, d.visits, d.conversations, d.botResolved, d.handedOff, round(d.containmentRate), n('handoff.requested'), round(d.avgWaitSeconds, 1), round(d.avgFirstResponseSeconds, 1), d.ratings, round(d.csat), d.ticketsCreated, n('ticket.closed'), n('ticket.sla_breached'), d.searches, n('selfservice.started'), n('selfservice.completed')]);
      }
    }
  }

  /** One line per conversation started in the range, in (day, id) order, a page at a time. */
  async *conversations(tenantId: string, filter: DashboardFilter): AsyncGenerator<string> {
    yield BOM + csvLine(['conversation_id', 'day', 'started_at', 'channel', 'template', 'customer_key', 'first_intent', 'last_intent', 'bot_turns', 'handoff_at', 'handoff_reason', 'group_id', 'agent_id', 'wait_s', 'first_response_business_s', 'ended_at', 'outcome', 'resolution_business_s', 'rating']);
    let after: { day: string; id: string } | null = null;
    for (;;) {
      const cursor: { day: string; id: string } | null = after;
      const rows = await TenantScope.asTenant(tenantId, () => {
        let q = this.db.selectFrom('analytics_conversations').selectAll().select(sql<string>`day::text`.as('day_text')).where('tenant_id', '=', tenantId).where('day', '>=', filter.from).where('day', '<=', filter.to);
        if (filter.channel) q = q.where('channel', '=', filter.channel);
        if (filter.template) q = q.where('template', '=', filter.template);
        if (filter.groupId) q = q.where('group_id', '=', filter.groupId);
        if (cursor) q = q.where((eb) => eb.or([eb('day', '>', cursor.day), eb.and([eb('day', '=', cursor.day), eb('conversation_id', '>', cursor.id)])]));
        return q.orderBy('day').orderBy('conversation_id').limit(PAGE).execute();
      });
      for (const r of rows) {
        const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
        const num = (v: string | number | null) => (v === null ? null : Number(v));
        yield csvLine([r.conversation_id, r.day_text, iso(r.started_at), r.channel, r.template, r.visitor_key, r.first_intent, r.last_intent, r.bot_turns, iso(r.handoff_at), r.handoff_reason, r.group_id, r.agent_id, num(r.wait_seconds), num(r.first_response_business_seconds), iso(r.ended_at), r.outcome, num(r.resolution_business_seconds), r.rating]);
      }
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1]!;
      after = { day: last.day_text, id: last.conversation_id };
    }
  }
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { feedbackDatabase, type FeedbackDatabase } from '../../feedback/feedback-schema.js';
import { clusterQuestions } from '../../insights/question-clusterer.js';
import { unansweredQuestions } from '../../insights/unanswered-questions.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import { chinaDayOf } from '../../tickets/sla/business-calendar.js';
import { monthBefore, reportMonth, type ReportMonth } from './report-month.js';

/** One month's key figures. Rates are null when their denominator is 0. */
export interface MonthlyKpis {
  /** Conversations started in the month in which the visitor wrote at least once. */
  conversations: number;
  /** …of which no human was asked for (no handoff request): resolved by the bot. */
  botResolved: number;
  /** botResolved ÷ conversations. */
  containment: number | null;
  /** Conversations with a handoff request ÷ conversations. */
  handoffRate: number | null;
  ticketsCreated: number;
  ticketsResolved: number;
  /** Tickets created in the month whose SLA was breached. */
  slaBreached: number;
  ratings: number;
  surveysShown: number;
  /** Share of 4–5 star ratings. */
  csat: number | null;
  /** ratings ÷ surveys shown. */
  responseRate: number | null;
  followUps: number;
  /** Share of rated 回访 the customer gave 4–5 stars. */
  followUpSatisfaction: number | null;
  /** 有帮助 ÷ (有帮助 + 没帮助). */
  helpfulRate: number | null;
}

export interface MonthlyReportData {
  tenantName: string;
  month: string;
  previousMonth: string;
  kpis: MonthlyKpis;
  previous: MonthlyKpis;
  daily: { day: string; conversations: number; botResolved: number }[];
  /** Ratings of the month by stars, index 0 = 1 star. */
  stars: number[];
  /** The FAQ answers the bot gave most in the month. */
  topQuestions: { question: string; count: number }[];
  /** What the bot could not answer well, clustered (the top-question mining). */
  unanswered: { question: string; count: number }[];
  /** Knowledge-base answers refreshed: proposals accepted in the month, and those waiting for review. */
  kbAccepted: { question: string; kind: 'new_faq' | 'paraphrase' }[];
  kbPending: { question: string; sampleCount: number }[];
  /** Sums of the analytics rollups (insight-dashboard's analytics_daily), this month and the one before. */
  activity: { metric: string; current: number; previous: number }[];
  comments: { stars: number; comment: string; tags: string[]; createdAt: string }[];
}

const ACTIVITY_METRICS = ['search.performed', 'search.clicked', 'selfservice.started', 'selfservice.completed', 'selfservice.failed', 'recommendation.shown', 'recommendation.clicked'];

const rate = (n: number, d: number) => (d > 0 ? n / d : null);

/**
 * Reads what the monthly report says about one tenant's month: KPIs against the month before,
 * the daily series, ratings, top and unanswered questions, the knowledge-base refresh and CSAT
 * comments. Everything is read inside the tenant's scope; a monthly job can afford reading the
 * month's rows, the dashboard reads rollups instead.
 */
export class MonthlyReportReader {
  private readonly db: Kysely<FeedbackDatabase>;

  constructor(private readonly raw: Kysely<Database>) {
    this.db = feedbackDatabase(raw);
  }

  async read(ctx: TenantContext, month: string): Promise<MonthlyReportData> {
    const current = reportMonth(month);
    const previousMonth = monthBefore(month);
    const previous = reportMonth(previousMonth);
    const tenant = await this.db.selectFrom('tenants').select('name').where('id', '=', ctx.tenantId).executeTakeFirstOrThrow();
    const [kpis, prior, daily, stars, topQuestions, unanswered, kb, activity, comments] = await Promise.all([
      this.kpis(ctx, current),
      this.kpis(ctx, previous),
      this.daily(ctx, current),
      this.stars(ctx, current),
      this.topQuestions(ctx, current),
      this.unanswered(ctx, current),
      this.kbRefresh(ctx, current),
      this.activity(ctx, current, previous),
      this.comments(ctx, current),
    ]);
    return { tenantName: tenant.name, month, previousMonth, kpis, previous: prior, daily, stars, topQuestions, unanswered, kbAccepted: kb.accepted, kbPending: kb.pending, activity, comments };
  }

  private async kpis(ctx: TenantContext, m: ReportMonth): Promise<MonthlyKpis> {
    const t = ctx.tenantId;
    const conv = await sql<{ engaged: number; resolved: number }>`
      select count(*)::int as engaged,
             count(*) filter (where not exists (select 1 from handoff_requests h where h.tenant_id = c.tenant_id and h.conversation_id = c.id))::int as resolved
      from conversations c
      where c.tenant_id = ${t} and c.created_at >= ${m.from} and c.created_at < ${m.until}
        and exists (select 1 from messages v where v.tenant_id = c.tenant_id and v.conversation_id = c.id and v.sender_type = 'visitor')`.execute(this.raw);
    const tickets = await sql<{ created: number; breached: number; resolved: number }>`
      select count(*) filter (where created_at >= ${m.from} and created_at < ${m.until})::int as created,
             count(*) filter (where created_at >= ${m.from} and created_at < ${m.until} and breached)::int as breached,
             count(*) filter (where resolved_at >= ${m.from} and resolved_at < ${m.until})::int as resolved
      from tickets where tenant_id = ${t} and (created_at >= ${m.from} or resolved_at >= ${m.from})`.execute(this.raw);
    const ratings = await sql<{ n: number; good: number }>`
      select count(*)::int as n, count(*) filter (where stars >= 4)::int as good
      from conversation_ratings where tenant_id = ${t} and created_at >= ${m.from} and created_at < ${m.until}`.execute(this.raw);
    const shown = await sql<{ n: number }>`select count(*)::int as n from feedback_surveys where tenant_id = ${t} and shown_at >= ${m.from} and shown_at < ${m.until}`.execute(this.raw);
    const follow = await sql<{ n: number; rated: number; good: number }>`
      select count(*)::int as n, count(customer_stars)::int as rated, count(*) filter (where customer_stars >= 4)::int as good
      from follow_ups where tenant_id = ${t} and created_at >= ${m.from} and created_at < ${m.until}`.execute(this.raw);
    const answers = await sql<{ yes: number; no: number }>`
      select count(*) filter (where helpful)::int as yes, count(*) filter (where not helpful)::int as no
      from answer_feedback where tenant_id = ${t} and created_at >= ${m.from} and created_at < ${m.until}`.execute(this.raw);
    const c = conv.rows[0]!;
    const k = tickets.rows[0]!;
    const r = ratings.rows[0]!;
    const f = follow.rows[0]!;
    const a = answers.rows[0]!;
    const engaged = Number(c.engaged);
    const resolved = Number(c.resolved);
    return {
      conversations: engaged,
      botResolved: resolved,
      containment: rate(resolved, engaged),
      handoffRate: rate(engaged - resolved, engaged),
      ticketsCreated: Number(k.created),
      ticketsResolved: Number(k.resolved),
      slaBreached: Number(k.breached),
      ratings: Number(r.n),
      surveysShown: Number(shown.rows[0]!.n),
      csat: rate(Number(r.good), Number(r.n)),
      responseRate: rate(Number(r.n), Number(shown.rows[0]!.n)),
      followUps: Number(f.n),
      followUpSatisfaction: rate(Number(f.good), Number(f.rated)),
      helpfulRate: rate(Number(a.yes), Number(a.yes) + Number(a.no)),
    };
  }

  private async daily(ctx: TenantContext, m: ReportMonth): Promise<MonthlyReportData['daily']> {
    const rows = await sql<{ day: string; n: number; resolved: number }>`
      select to_char(c.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, count(*)::int as n,
             count(*) filter (where not exists (select 1 from handoff_requests h where h.tenant_id = c.tenant_id and h.conversation_id = c.id))::int as resolved
      from conversations c
      where c.tenant_id = ${ctx.tenantId} and c.created_at >= ${m.from} and c.created_at < ${m.until}
        and exists (select 1 from messages v where v.tenant_id = c.tenant_id and v.conversation_id = c.id and v.sender_type = 'visitor')
      group by 1`.execute(this.raw);
    const byDay = new Map(rows.rows.map((r) => [r.day, r]));
    const out: MonthlyReportData['daily'] = [];
    for (let at = m.from.getTime(); at < m.until.getTime(); at += 86_400_000) {
      const day = chinaDayOf(new Date(at));
      const row = byDay.get(day);
      out.push({ day, conversations: Number(row?.n ?? 0), botResolved: Number(row?.resolved ?? 0) });
    }
    return out;
  }

  private async stars(ctx: TenantContext, m: ReportMonth): Promise<number[]> {
    const rows = await this.db
      .selectFrom('conversation_ratings')
      .select(['stars', sql<number>`count(*)::int`.as('n')])
      .where('tenant_id', '=', ctx.tenantId)
      .where('created_at', '>=', m.from)
      .where('created_at', '<', m.until)
      .groupBy('stars')
      .execute();
    return [1, 2, 3, 4, 5].map((s) => Number(rows.find((r) => r.stars === s)?.n ?? 0));
  }

  private async topQuestions(ctx: TenantContext, m: ReportMonth): Promise<MonthlyReportData['topQuestions']> {
    const rows = await sql<{ question: string; n: number }>`
      select f.question, count(*)::int as n
      from messages b join faqs f on f.tenant_id = b.tenant_id and f.id::text = b.meta->'record'->>'faqId'
      where b.tenant_id = ${ctx.tenantId} and b.sender_type = 'bot' and b.created_at >= ${m.from} and b.created_at < ${m.until}
      group by f.question order by n desc, f.question limit 10`.execute(this.raw);
    return rows.rows.map((r) => ({ question: r.question, count: Number(r.n) }));
  }

  private async unanswered(ctx: TenantContext, m: ReportMonth): Promise<MonthlyReportData['unanswered']> {
    const texts = await unansweredQuestions(this.raw, ctx, m.from);
    return clusterQuestions(texts)
      .slice(0, 10)
      .map((c) => ({ question: c.representative, count: c.count }));
  }

  private async kbRefresh(ctx: TenantContext, m: ReportMonth): Promise<{ accepted: MonthlyReportData['kbAccepted']; pending: MonthlyReportData['kbPending'] }> {
    const accepted = await sql<{ question: string; kind: 'new_faq' | 'paraphrase' }>`
      select question, kind from kb_suggestions
      where tenant_id = ${ctx.tenantId} and status = 'accepted' and decided_at >= ${m.from} and decided_at < ${m.until}
      order by decided_at limit 20`.execute(this.raw);
    const pending = await sql<{ question: string; sample_count: number }>`
      select question, sample_count from kb_suggestions where tenant_id = ${ctx.tenantId} and status = 'pending' order by sample_count desc limit 10`.execute(this.raw);
    return { accepted: accepted.rows, pending: pending.rows.map((p) => ({ question: p.question, sampleCount: Number(p.sample_count) })) };
  }

  private async activity(ctx: TenantContext, m: ReportMonth, p: ReportMonth): Promise<MonthlyReportData['activity']> {
    const rows = await sql<{ metric: string; current: number; previous: number }>`
      select metric,
             coalesce(sum(count) filter (where day >= ${chinaDayOf(m.from)}::date), 0)::float8 as current,
             coalesce(sum(count) filter (where day < ${chinaDayOf(m.from)}::date), 0)::float8 as previous
      from analytics_daily
      where tenant_id = ${ctx.tenantId} and dim_kind = 'all' and metric in (${sql.join(ACTIVITY_METRICS)})
        and day >= ${chinaDayOf(p.from)}::date and day < ${chinaDayOf(m.until)}::date
      group by metric`.execute(this.raw);
    return ACTIVITY_METRICS.map((metric) => {
      const row = rows.rows.find((r) => r.metric === metric);
      return { metric, current: Number(row?.current ?? 0), previous: Number(row?.previous ?? 0) };
    }).filter((a) => a.current > 0 || a.previous > 0);
  }

  private async comments(ctx: TenantContext, m: ReportMonth): Promise<MonthlyReportData['comments']> {
    const rows = await this.db
      .selectFrom('conversation_ratings')
      .select(['stars', 'comment', 'tags', 'created_at'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('created_at', '>=', m.from)
      .where('created_at', '<', m.until)
      .where('comment', '!=', '')
      .orderBy('stars')
      .orderBy('created_at', 'desc')
      .limit(30)
      .execute();
    return rows.map((r) => ({ stars: r.stars, comment: r.comment, tags: r.tags, createdAt: new Date(r.created_at).toISOString() }));
  }
}

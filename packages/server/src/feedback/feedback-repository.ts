import { sql, type Kysely } from 'kysely';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { FeedbackSummaryDto, FollowUpDto, StaffRatingDto } from './feedback-dto.js';
import type { FeedbackDatabase } from './feedback-schema.js';

const SATISFIED_STARS = 4;

interface FollowUpJoined {
  f_id: string | null;
  f_rating_id: string | null;
  f_ticket_id: string | null;
  f_status: 'open' | 'done' | null;
  f_outcome: 'resolved' | 'not_resolved' | 'unreachable' | null;
  f_outcome_note: string | null;
  f_outcome_at: Date | null;
  f_customer_stars: number | null;
  f_created_at: Date | null;
  ticket_number: string | null;
  ticket_due_at: Date | null;
}

/** Staff reads of feedback, always inside one tenant: recent ratings, follow-ups, the summary over a date range. */
export class FeedbackRepository {
  constructor(private readonly db: Kysely<FeedbackDatabase>) {}

  private followUpQuery(ctx: TenantContext) {
    return this.db
      .selectFrom('follow_ups as f')
      .leftJoin('tickets as t', (j) => j.onRef('t.id', '=', 'f.ticket_id').onRef('t.tenant_id', '=', 'f.tenant_id'))
      .select([
        'f.id as f_id',
        'f.rating_id as f_rating_id',
        'f.ticket_id as f_ticket_id',
        'f.status as f_status',
        'f.outcome as f_outcome',
        'f.outcome_note as f_outcome_note',
        'f.outcome_at as f_outcome_at',
        'f.customer_stars as f_customer_stars',
        'f.created_at as f_created_at',
        't.number as ticket_number',
        't.resolution_due_at as ticket_due_at',
      ])
      .where('f.tenant_id', '=', ctx.tenantId);
  }

  async followUp(ctx: TenantContext, id: string): Promise<FollowUpDto | null> {
    const row = await this.followUpQuery(ctx).where('f.id', '=', id).executeTakeFirst();
    return row ? followUpDto(row)! : null;
  }

  async followUps(ctx: TenantContext, filter: { status?: 'open' | 'done'; limit: number }): Promise<FollowUpDto[]> {
    let q = this.followUpQuery(ctx).orderBy('f.created_at', 'desc').limit(filter.limit);
    if (filter.status) q = q.where('f.status', '=', filter.status);
    return (await q.execute()).map((r) => followUpDto(r)!);
  }

  /** The newest ratings (optionally only those with a comment, or at most `maxStars`), with who handled them and their follow-up. */
  async recentRatings(ctx: TenantContext, filter: { from: Date; to: Date; limit: number; maxStars?: number; withComment?: boolean }): Promise<StaffRatingDto[]> {
    let q = this.db
      .selectFrom('conversation_ratings as r')
      .innerJoin('conversations as c', (j) => j.onRef('c.id', '=', 'r.conversation_id').onRef('c.tenant_id', '=', 'r.tenant_id'))
      .leftJoin('visitors as v', (j) => j.onRef('v.id', '=', 'c.visitor_id').onRef('v.tenant_id', '=', 'c.tenant_id'))
      .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'r.agent_id').onRef('u.tenant_id', '=', 'r.tenant_id'))
      .leftJoin('agent_groups as g', (j) => j.onRef('g.id', '=', 'r.group_id').onRef('g.tenant_id', '=', 'r.tenant_id'))
      .leftJoin('follow_ups as f', (j) => j.onRef('f.rating_id', '=', 'r.id').onRef('f.tenant_id', '=', 'r.tenant_id'))
      .leftJoin('tickets as t', (j) => j.onRef('t.id', '=', 'f.ticket_id').onRef('t.tenant_id', '=', 'f.tenant_id'))
      .select([
        'r.id',
        'r.conversation_id',
        'r.stars',
        'r.tags',
        'r.comment',
        'r.created_at',
        'v.name as visitor_name',
        'u.name as agent_name',
        'g.name as group_name',
        'f.id as f_id',
        'f.rating_id as f_rating_id',
        'f.ticket_id as f_ticket_id',
        'f.status as f_status',
        'f.outcome as f_outcome',
        'f.outcome_note as f_outcome_note',
        'f.outcome_at as f_outcome_at',
        'f.customer_stars as f_customer_stars',
        'f.created_at as f_created_at',
        't.number as ticket_number',
        't.resolution_due_at as ticket_due_at',
      ])
      .where('r.tenant_id', '=', ctx.tenantId)
      .where('r.created_at', '>=', filter.from)
      .where('r.created_at', '<=', filter.to)
      .orderBy('r.created_at', 'desc')
      .limit(filter.limit);
    if (filter.maxStars !== undefined) q = q.where('r.stars', '<=', filter.maxStars);
    if (filter.withComment) q = q.where('r.comment', '!=', '');
    return (await q.execute()).map((r) => ({
      id: r.id,
      conversationId: r.conversation_id,
      stars: r.stars,
      tags: r.tags,
      comment: r.comment,
      createdAt: new Date(r.created_at).toISOString(),
      visitorName: r.visitor_name ?? null,
      agentName: r.agent_name ?? null,
      groupName: r.group_name ?? null,
      followUp: followUpDto(r),
    }));
  }

  /**
   * CSAT = share of 4–5 star ratings; response rate = ratings ÷ surveys shown; follow-up
   * satisfaction = share of rated follow-ups the customer gave 4–5 stars. Ratings and surveys by
   * when they were given / shown in the range.
   */
  async summary(ctx: TenantContext, range: { from: Date; to: Date }): Promise<FeedbackSummaryDto> {
    const { tenantId } = ctx;
    const [stars, shown, answers, follow] = await Promise.all([
      this.db
        .selectFrom('conversation_ratings')
        .select(['stars', sql<number>`count(*)::int`.as('n')])
        .where('tenant_id', '=', tenantId)
        .where('created_at', '>=', range.from)
        .where('created_at', '<=', range.to)
        .groupBy('stars')
        .execute(),
      this.db.selectFrom('feedback_surveys').select(sql<number>`count(*)::int`.as('n')).where('tenant_id', '=', tenantId).where('shown_at', '>=', range.from).where('shown_at', '<=', range.to).executeTakeFirstOrThrow(),
      this.db
        .selectFrom('answer_feedback')
        .select([sql<number>`count(*) filter (where helpful)::int`.as('helpful'), sql<number>`count(*) filter (where not helpful)::int`.as('not_helpful')])
        .where('tenant_id', '=', tenantId)
        .where('created_at', '>=', range.from)
        .where('created_at', '<=', range.to)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('follow_ups')
        .select([
          sql<number>`count(*)::int`.as('created'),
          sql<number>`count(*) filter (where status = 'done')::int`.as('done'),
          sql<number>`count(customer_stars)::int`.as('rated'),
          sql<number>`count(*) filter (where customer_stars >= ${SATISFIED_STARS})::int`.as('satisfied'),
        ])
        .where('tenant_id', '=', tenantId)
        .where('created_at', '>=', range.from)
        .where('created_at', '<=', range.to)
        .executeTakeFirstOrThrow(),
    ]);
    const counts = new Map(stars.map((s) => [s.stars, Number(s.n)]));
    const ratings = [...counts.values()].reduce((a, b) => a + b, 0);
    const satisfied = (counts.get(4) ?? 0) + (counts.get(5) ?? 0);
    const starSum = [...counts].reduce((sum, [s, n]) => sum + s * n, 0);
    const surveysShown = Number(shown.n);
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      surveysShown,
      ratings,
      responseRate: surveysShown > 0 ? ratings / surveysShown : null,
      csat: ratings > 0 ? satisfied / ratings : null,
      averageStars: ratings > 0 ? starSum / ratings : null,
      distribution: [1, 2, 3, 4, 5].map((s) => ({ stars: s, count: counts.get(s) ?? 0 })),
      answers: { helpful: Number(answers.helpful), notHelpful: Number(answers.not_helpful) },
      followUps: {
        created: Number(follow.created),
        done: Number(follow.done),
        rated: Number(follow.rated),
        satisfied: Number(follow.satisfied),
        satisfactionRate: Number(follow.rated) > 0 ? Number(follow.satisfied) / Number(follow.rated) : null,
      },
    };
  }
}

function followUpDto(r: FollowUpJoined): FollowUpDto | null {
  if (!r.f_id || !r.f_rating_id || !r.f_status || !r.f_created_at) return null;
  return {
    id: r.f_id,
    ratingId: r.f_rating_id,
    ticketId: r.f_ticket_id,
    ticketNumber: r.ticket_number,
    status: r.f_status,
    outcome: r.f_outcome,
    outcomeNote: r.f_outcome_note ?? '',
    outcomeAt: r.f_outcome_at ? new Date(r.f_outcome_at).toISOString() : null,
    dueAt: r.ticket_due_at ? new Date(r.ticket_due_at).toISOString() : null,
    customerStars: r.f_customer_stars,
    createdAt: new Date(r.f_created_at).toISOString(),
  };
}

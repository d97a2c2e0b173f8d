import { z } from 'zod';

const cleanText = (max: number, what: string) =>
  z
    .string()
    .refine((s) => !s.includes('\u0000'), `${what}不能包含 NUL 字符`)
    .refine((s) => s.isWellFormed(), `${what}不是有效的 Unicode 文本`)
    .transform((s) => s.trim())
    .pipe(z.string().max(max, `${what}最多 ${max} 个字符`));

export const STAR_MESSAGE = '评分必须是 1 到 5 之间的整数（星）';
export const starsSchema = z.number({ error: STAR_MESSAGE }).int(STAR_MESSAGE).min(1, STAR_MESSAGE).max(5, STAR_MESSAGE);
export const COMMENT_MAX = 1000;

/** The visitor's rating of a conversation: 1–5 stars, up to 8 tags, text ≤ 1000 characters. */
export const ratingInputSchema = z.strictObject({
  stars: starsSchema,
  tags: z.array(cleanText(20, '标签').pipe(z.string().min(1, '标签不能为空'))).max(8, '最多 8 个标签').default([]),
  comment: cleanText(COMMENT_MAX, '评价内容').default(''),
});
export type RatingInput = z.infer<typeof ratingInputSchema>;

export const answerFeedbackInputSchema = z.strictObject({ messageId: z.uuid(), helpful: z.boolean() });
export const followUpRatingInputSchema = z.strictObject({ stars: starsSchema });
export const followUpOutcomeInputSchema = z.strictObject({
  outcome: z.enum(['resolved', 'not_resolved', 'unreachable']),
  note: cleanText(1000, '回访记录').default(''),
});
export type FollowUpOutcomeInput = z.infer<typeof followUpOutcomeInputSchema>;

export const ratingDtoSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  stars: z.number().int(),
  tags: z.array(z.string()),
  comment: z.string(),
  createdAt: z.string(),
});
export type RatingDto = z.infer<typeof ratingDtoSchema>;

/** What the widget needs to draw the survey, the answer buttons and the follow-up question of one conversation. */
export const visitorFeedbackDtoSchema = z.object({
  survey: z.object({ id: z.string(), trigger: z.enum(['closed', 'bot_idle']), messageId: z.string().nullable(), shown: z.boolean() }).nullable(),
  rating: ratingDtoSchema.nullable(),
  answers: z.array(z.object({ messageId: z.string(), helpful: z.boolean() })),
  /** The 回访 of this conversation's low rating, once staff recorded its outcome: the customer may rate it once. */
  followUp: z.object({ id: z.string(), outcome: z.enum(['resolved', 'not_resolved', 'unreachable']).nullable(), customerStars: z.number().int().nullable() }).nullable(),
  tags: z.array(z.string()),
});
export type VisitorFeedbackDto = z.infer<typeof visitorFeedbackDtoSchema>;

export const followUpDtoSchema = z.object({
  id: z.string(),
  ratingId: z.string(),
  ticketId: z.string().nullable(),
  ticketNumber: z.string().nullable(),
  status: z.enum(['open', 'done']),
  outcome: z.enum(['resolved', 'not_resolved', 'unreachable']).nullable(),
  outcomeNote: z.string(),
  outcomeAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  customerStars: z.number().int().nullable(),
  createdAt: z.string(),
});
export type FollowUpDto = z.infer<typeof followUpDtoSchema>;

/** A rating as staff see it, with who handled the conversation and its follow-up. */
export const staffRatingDtoSchema = ratingDtoSchema.extend({
  visitorName: z.string().nullable(),
  agentName: z.string().nullable(),
  groupName: z.string().nullable(),
  followUp: followUpDtoSchema.nullable(),
});
export type StaffRatingDto = z.infer<typeof staffRatingDtoSchema>;

export const feedbackSummaryDtoSchema = z.object({
  from: z.string(),
  to: z.string(),
  surveysShown: z.number().int(),
  ratings: z.number().int(),
  /** ratings ÷ surveys shown; null when no survey was shown. */
  responseRate: z.number().nullable(),
  /** Share of ratings with 4 or 5 stars; null without ratings. */
  csat: z.number().nullable(),
  averageStars: z.number().nullable(),
  distribution: z.array(z.object({ stars: z.number().int(), count: z.number().int() })),
  answers: z.object({ helpful: z.number().int(), notHelpful: z.number().int() }),
  followUps: z.object({ created: z.number().int(), done: z.number().int(), rated: z.number().int(), satisfied: z.number().int(), satisfactionRate: z.number().nullable() }),
});
export type FeedbackSummaryDto = z.infer<typeof feedbackSummaryDtoSchema>;

const MAX_RANGE_DAYS = 396; // 13 months

const dateOrInstant = z.iso.date().or(z.iso.datetime({ offset: true }));

/** `from`/`to` of a report query: ISO dates (Asia/Shanghai days) or instants. */
export const dateRangeFields = { from: dateOrInstant.optional(), to: dateOrInstant.optional() };

/** `to` defaults to now, `from` to 30 days before it; reversed or longer than 13 months → a 400 issue. */
export function resolveDateRange<T extends { from?: string; to?: string }>(q: T, ctx: z.RefinementCtx): Omit<T, 'from' | 'to'> & { from: Date; to: Date } {
  const to = q.to ? endOf(q.to) : new Date();
  const from = q.from ? new Date(q.from.length === 10 ? `${q.from}T00:00:00+08:00` : q.from) : new Date(to.getTime() - 30 * 86_400_000);
  if (from.getTime() > to.getTime()) ctx.addIssue({ code: 'custom', message: '开始日期不能晚于结束日期', path: ['from'] });
  else if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) ctx.addIssue({ code: 'custom', message: '日期范围不能超过 13 个月', path: ['to'] });
  return { ...q, from, to };
}

export const dateRangeQuerySchema = z.strictObject(dateRangeFields).transform(resolveDateRange);

function endOf(value: string): Date {
  // A bare date means the whole day (Asia/Shanghai).
  return value.length === 10 ? new Date(new Date(`${value}T00:00:00+08:00`).getTime() + 86_400_000 - 1) : new Date(value);
}

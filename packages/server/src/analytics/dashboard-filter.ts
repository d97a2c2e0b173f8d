import { z } from 'zod';
import { BadRequestError } from '../errors/app-error.js';
import { chinaDayOf } from '../tickets/sla/business-calendar.js';

const MAX_MONTHS = 13;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Without a range the dashboard shows this many days up to and including today (Asia/Shanghai). */
export const DEFAULT_RANGE_DAYS = 30;

/** The dashboard's query string: a day range (Asia/Shanghai, inclusive; both or neither) and optional filters. */
export const dashboardQuerySchema = z.strictObject({
  from: z.string().regex(DAY, 'from must be a day, YYYY-MM-DD').optional(),
  to: z.string().regex(DAY, 'to must be a day, YYYY-MM-DD').optional(),
  channel: z.string().min(1).max(40).optional(),
  template: z.string().min(1).max(40).optional(),
  /** A flow id: narrows the self-service section to that flow. */
  flow: z.string().min(1).max(120).optional(),
  groupId: z.string().uuid().optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export interface DashboardFilter {
  from: string;
  to: string;
  channel: string | null;
  template: string | null;
  flow: string | null;
  groupId: string | null;
}

/**
 * Checks the range: real days, not reversed, at most 13 months; 400 `invalid_range` otherwise.
 * No range means the last DEFAULT_RANGE_DAYS days *including today* in Asia/Shanghai, decided
 * here on the server's clock: the console once computed "the days before today" itself, so a
 * rating given today never reached the recent comments.
 */
export function dashboardFilterOf(q: DashboardQuery, now: Date = new Date()): DashboardFilter {
  if (q.from === undefined && q.to === undefined) {
    const today = chinaDayOf(now);
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - (DEFAULT_RANGE_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    return dashboardFilterOf({ ...q, from, to: today }, now);
  }
  if (q.from === undefined || q.to === undefined) throw new BadRequestError('Give both from and to, or neither (the last 30 days)', 'invalid_range');
  const from = parseDay(q.from, 'from');
  const to = parseDay(q.to, 'to');
  if (to < from) throw new BadRequestError(`The range is reversed: to (${q.to}) is before from (${q.from})`, 'invalid_range');
  const limit = new Date(from);
  limit.setUTCMonth(limit.getUTCMonth() + MAX_MONTHS);
  if (to >= limit.getTime()) throw new BadRequestError(`The range is longer than ${MAX_MONTHS} months; choose a shorter one`, 'invalid_range');
  return { from: q.from, to: q.to, channel: q.channel ?? null, template: q.template ?? null, flow: q.flow ?? null, groupId: q.groupId ?? null };
}

function parseDay(text: string, name: string): number {
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) throw new BadRequestError(`${name} is not a calendar day: ${text}`, 'invalid_range');
  return ms;
}

/** Every day from..to inclusive. */
export function daysOf(filter: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let ms = Date.parse(`${filter.from}T00:00:00Z`); ms <= Date.parse(`${filter.to}T00:00:00Z`); ms += 86_400_000) out.push(new Date(ms).toISOString().slice(0, 10));
  return out;
}

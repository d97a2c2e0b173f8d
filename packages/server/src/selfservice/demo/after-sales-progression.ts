import { chinaDay } from '../china-calendar.js';
import { chinaWorkCalendar, type ChinaWorkCalendar } from '@zhida/china-calendar';

/**
 * The steps a demo return or exchange goes through. A return ends `refunded`, an exchange
 * `completed` (the new item shipped); `rejected`/`cancelled` are never reached by the demo.
 */
export type AfterSalesStatus = 'submitted' | 'shipped_back' | 'received' | 'approved' | 'refunded' | 'completed';

export interface AfterSalesRequest {
  kind: 'return' | 'exchange';
  /** `dropoff` waits for the customer to send the parcel; anything else is a courier pickup. */
  method: string | null;
}

export interface AfterSalesStep {
  status: AfterSalesStatus;
  at: Date;
}

export interface AfterSalesProgress {
  status: AfterSalesStatus;
  /** Every step reached by `now`, oldest first, starting with `submitted`. */
  steps: AfterSalesStep[];
  /** The step after `status` and when it is planned; null once the request is finished. */
  next: AfterSalesStep | null;
}

/** The order of the steps; a request only ever moves forward along it. */
export function afterSalesSteps(kind: AfterSalesRequest['kind']): AfterSalesStatus[] {
  return ['submitted', 'shipped_back', 'received', 'approved', kind === 'return' ? 'refunded' : 'completed'];
}

/** A China-time instant on a calendar day. */
function chinaTime(day: string, time: string): Date {
  return new Date(`${day}T${time}:00+08:00`);
}

/**
 * When the step after `status` happens, given when `status` was reached, in China working days:
 * the courier collects on the next working day (evening scan, so `shipped_back` at 18:00); a
 * drop-off is taken to be posted 2 working days after the request; the warehouse receives a parcel
 * the working day after it left, checks it by the next working day, and refunds (or ships the new
 * item) the working day after approval. Null for a final or unknown status.
 */
export function nextAfterSalesStep(request: AfterSalesRequest, status: string, since: Date, calendar: ChinaWorkCalendar = chinaWorkCalendar): AfterSalesStep | null {
  const day = chinaDay(since);
  switch (status) {
    case 'submitted':
      return request.method === 'dropoff'
        ? { status: 'shipped_back', at: chinaTime(calendar.addWorkingDays(day, 2), '18:00') }
        : { status: 'shipped_back', at: chinaTime(calendar.nextWorkingDays(day, 1)[0]!, '18:00') };
    case 'shipped_back':
      return { status: 'received', at: chinaTime(calendar.addWorkingDays(day, 1), '10:00') };
    case 'received':
      return { status: 'approved', at: chinaTime(calendar.addWorkingDays(day, 1), '10:00') };
    case 'approved':
      return { status: request.kind === 'return' ? 'refunded' : 'completed', at: chinaTime(calendar.addWorkingDays(day, 1), '10:00') };
    default:
      return null;
  }
}

/** The whole planned timeline of a request filed at `createdAt`, from `submitted` to its final step. */
export function afterSalesSchedule(request: AfterSalesRequest, createdAt: Date, calendar: ChinaWorkCalendar = chinaWorkCalendar): AfterSalesStep[] {
  const steps: AfterSalesStep[] = [{ status: 'submitted', at: createdAt }];
  for (let next = nextAfterSalesStep(request, 'submitted', createdAt, calendar); next; next = nextAfterSalesStep(request, next.status, next.at, calendar)) {
    steps.push(next);
  }
  return steps;
}

/**
 * Where a request filed at `createdAt` stands at `now`: the simulated after-sales system of the
 * demo shop. Pure, so every node (and every re-run) computes the same steps and timestamps.
 * @example
 * afterSalesProgress({ kind: 'return', method: 'pickup' }, new Date('2026-09-30T02:00:00Z'), new Date('2026-10-09T06:00:00Z'))
 * // { status: 'received', …, next: { status: 'approved', at: 2026-10-10 10:00 CST (调休 Saturday) } }
 */
export function afterSalesProgress(request: AfterSalesRequest, createdAt: Date, now: Date, calendar: ChinaWorkCalendar = chinaWorkCalendar): AfterSalesProgress {
  const schedule = afterSalesSchedule(request, createdAt, calendar);
  const steps = schedule.filter((s, i) => i === 0 || s.at.getTime() <= now.getTime());
  return { status: steps.at(-1)!.status, steps, next: schedule[steps.length] ?? null };
}

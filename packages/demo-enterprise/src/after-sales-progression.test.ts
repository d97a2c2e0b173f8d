import { describe, expect, it } from 'vitest';
import { chinaDateTime } from './china-day.js';
import { afterSalesProgress, afterSalesSchedule, nextAfterSalesStep } from './after-sales-progression.js';

/** A China-time instant, `YYYY-MM-DD HH:mm`. */
const cst = (at: string) => new Date(`${at.replace(' ', 'T')}:00+08:00`);
const timeline = (steps: { status: string; at: Date }[]) => steps.map((s) => `${s.status} ${chinaDateTime(s.at)}`);

describe('after-sales progression of the demo shop', () => {
  // Wednesday 2026-11-25 10:00: pickup Thu, warehouse Fri, checked Mon, refunded Tue.
  const filed = cst('2026-11-25 10:00');

  it('plans a pickup return day by day on working days, skipping the weekend', () => {
    expect(timeline(afterSalesSchedule({ kind: 'return', method: 'pickup' }, filed))).toEqual([
      'submitted 2026-11-25 10:00',
      'shipped_back 2026-11-26 18:00',
      'received 2026-11-27 10:00',
      'approved 2026-11-30 10:00',
      'refunded 2026-12-01 10:00',
    ]);
  });

  it('ends an exchange with the new item shipped (completed) instead of a refund', () => {
    expect(afterSalesSchedule({ kind: 'exchange', method: 'pickup' }, filed).at(-1)).toEqual({ status: 'completed', at: cst('2026-12-01 10:00') });
  });

  it('gives a drop-off 2 working days to reach the courier', () => {
    expect(timeline(afterSalesSchedule({ kind: 'return', method: 'dropoff' }, filed)).slice(1, 3)).toEqual(['shipped_back 2026-11-27 18:00', 'received 2026-11-30 10:00']);
  });

  it('stands where the clock is: each step only once its time has come', () => {
    const at = (now: string) => afterSalesProgress({ kind: 'return', method: 'pickup' }, filed, cst(now));
    expect(at('2026-11-25 23:59')).toMatchObject({ status: 'submitted', next: { status: 'shipped_back', at: cst('2026-11-26 18:00') } });
    expect(at('2026-11-26 17:59').status).toBe('submitted');
    expect(at('2026-11-26 18:00').status).toBe('shipped_back');
    expect(at('2026-11-28 12:00')).toMatchObject({ status: 'received', next: { status: 'approved', at: cst('2026-11-30 10:00') } });
    const done = at('2026-12-08 09:00');
    expect(done.status).toBe('refunded');
    expect(done.next).toBeNull();
    expect(done.steps.map((s) => s.status)).toEqual(['submitted', 'shipped_back', 'received', 'approved', 'refunded']);
  });

  it('waits out the National Day break (10月1日至7日) and works the 调休 Saturday 10月10日', () => {
    const filedBeforeHoliday = cst('2026-09-30 15:00');
    expect(timeline(afterSalesSchedule({ kind: 'return', method: 'pickup' }, filedBeforeHoliday))).toEqual([
      'submitted 2026-09-30 15:00',
      'shipped_back 2026-10-08 18:00',
      'received 2026-10-09 10:00',
      'approved 2026-10-10 10:00',
      'refunded 2026-10-12 10:00',
    ]);
    // A week into the holiday nothing has moved.
    expect(afterSalesProgress({ kind: 'return', method: 'pickup' }, filedBeforeHoliday, cst('2026-10-07 20:00')).status).toBe('submitted');
  });

  it('starts counting on the first working day when filed during the break', () => {
    expect(nextAfterSalesStep({ kind: 'return', method: 'dropoff' }, 'submitted', cst('2026-10-03 11:00'))).toEqual({ status: 'shipped_back', at: cst('2026-10-09 18:00') });
    expect(nextAfterSalesStep({ kind: 'exchange', method: 'pickup' }, 'submitted', cst('2026-10-03 11:00'))).toEqual({ status: 'shipped_back', at: cst('2026-10-08 18:00') });
  });

  it('has no next step for a finished or unknown status', () => {
    expect(nextAfterSalesStep({ kind: 'return', method: 'pickup' }, 'refunded', filed)).toBeNull();
    expect(nextAfterSalesStep({ kind: 'return', method: 'pickup' }, 'on_hold', filed)).toBeNull();
  });
});

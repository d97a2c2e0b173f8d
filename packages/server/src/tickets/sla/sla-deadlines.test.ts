import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../ticket-schema.js';
import { BusinessCalendar } from './business-calendar.js';
import { computeSlaClocks, type SlaHistoryEvent, type SlaTargets, type SlaTicketFacts } from './sla-deadlines.js';

const DAY: [string, string][] = [['09:00', '12:00'], ['13:30', '18:00']];
const calendar = new BusinessCalendar({ weeklyHours: { '1': DAY, '2': DAY, '3': DAY, '4': DAY, '5': DAY }, followChinaHolidays: true, closures: [] });
const bj = (local: string) => new Date(`${local}+08:00`);
const targets = (t: Partial<SlaTargets>): SlaTargets => ({ firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null, ...t });
const ticket = (t: Partial<SlaTicketFacts> & { createdAt: Date }): SlaTicketFacts => ({ status: 'open', firstRespondedAt: null, resolvedAt: null, closedAt: null, ...t });
const status = (from: TicketStatus, to: TicketStatus, at: string): SlaHistoryEvent => ({ type: 'status_changed', actorType: 'agent', data: { from, to }, at: bj(at) });
const said = (type: 'reply' | 'customer_reply', at: string): SlaHistoryEvent => ({ type, actorType: type === 'reply' ? 'agent' : 'customer', data: {}, at: bj(at) });

describe('computeSlaClocks', () => {
  it('puts the first-response deadline and its 80 % warning across the lunch break', () => {
    const [clock] = computeSlaClocks({ ticket: ticket({ status: 'new', createdAt: bj('2026-12-07T11:30:00') }), events: [], targets: targets({ firstResponseMinutes: 60 }), calendar, now: bj('2026-12-07T11:40:00') });
    // 30 min before lunch, 30 after; the warning at 48 min = 13:48.
    expect(clock).toMatchObject({ clock: 'first_response', dueAt: bj('2026-12-07T14:00:00'), warnAt: bj('2026-12-07T13:48:00'), state: 'running', businessMinutesLeft: 50 });
  });

  it('counts a ticket created on a 国庆 holiday from the first day back', () => {
    const [clock] = computeSlaClocks({ ticket: ticket({ status: 'new', createdAt: bj('2026-10-03T11:00:00') }), events: [], targets: targets({ firstResponseMinutes: 30 }), calendar, now: bj('2026-10-03T11:00:00') });
    expect(clock!.dueAt).toEqual(bj('2026-10-08T09:30:00'));
  });

  it('pauses while pending_customer and resumes with what was left', () => {
    const facts = ticket({ createdAt: bj('2026-12-07T09:00:00') });
    const history = [status('new', 'open', '2026-12-07T09:05:00'), status('open', 'pending_customer', '2026-12-07T10:00:00')];
    // Still waiting at 15:00: 60 of 240 min used, so resuming now would give 15:00 + 180 = 18:00.
    const [paused] = computeSlaClocks({ ticket: { ...facts, status: 'pending_customer' }, events: history, targets: targets({ resolutionMinutes: 240 }), calendar, now: bj('2026-12-07T15:00:00') });
    expect(paused).toMatchObject({ state: 'paused', dueAt: bj('2026-12-07T18:00:00'), businessMinutesLeft: 180 });
    // The customer answered the next morning at 09:00: 180 min left → 12:00.
    const resumed = [...history, status('pending_customer', 'open', '2026-12-08T09:00:00')];
    const [running] = computeSlaClocks({ ticket: facts, events: resumed, targets: targets({ resolutionMinutes: 240 }), calendar, now: bj('2026-12-08T10:00:00') });
    expect(running).toMatchObject({ state: 'running', dueAt: bj('2026-12-08T12:00:00'), businessMinutesLeft: 120 });
  });

  it('pauses across the 2025 国庆 break and works the 调休 Saturday 10-11', () => {
    // 60 min used on 09-30, paused until Fri 10-10 17:00 (60 more that day), the last 360 on Saturday 10-11 → 16:30.
    const history = [status('open', 'pending_customer', '2025-09-30T17:00:00'), status('pending_customer', 'open', '2025-10-10T17:00:00')];
    const [clock] = computeSlaClocks({ ticket: ticket({ createdAt: bj('2025-09-30T16:00:00') }), events: history, targets: targets({ resolutionMinutes: 480 }), calendar, now: bj('2025-10-10T17:30:00') });
    expect(clock!.dueAt).toEqual(bj('2025-10-11T16:30:00'));
  });

  it('meets the resolution clock on resolve and runs it again on reopen with the rest of the budget', () => {
    const facts = ticket({ createdAt: bj('2026-12-07T09:00:00') });
    const resolved = [status('new', 'open', '2026-12-07T09:00:00'), status('open', 'resolved', '2026-12-07T11:00:00')];
    const [met] = computeSlaClocks({ ticket: { ...facts, status: 'resolved', resolvedAt: bj('2026-12-07T11:00:00') }, events: resolved, targets: targets({ resolutionMinutes: 240 }), calendar, now: bj('2026-12-07T12:00:00') });
    expect(met).toMatchObject({ state: 'met', metAt: bj('2026-12-07T11:00:00'), dueAt: bj('2026-12-07T14:30:00'), businessMinutesLeft: null });
    // Reopened at 14:00: 120 of 240 min were used, so 14:00 + 120 = 16:00.
    const reopened = [...resolved, status('resolved', 'open', '2026-12-07T14:00:00')];
    const [again] = computeSlaClocks({ ticket: { ...facts, resolvedAt: bj('2026-12-07T11:00:00') }, events: reopened, targets: targets({ resolutionMinutes: 240 }), calendar, now: bj('2026-12-07T14:30:00') });
    expect(again).toMatchObject({ state: 'running', dueAt: bj('2026-12-07T16:00:00'), metAt: null, businessMinutesLeft: 90 });
  });

  it('runs next response from the last unanswered customer reply, and marks a late answer met_late', () => {
    const facts = ticket({ createdAt: bj('2026-12-07T09:00:00'), firstRespondedAt: bj('2026-12-07T10:00:00') });
    const history = [said('reply', '2026-12-07T10:00:00'), said('customer_reply', '2026-12-07T11:00:00'), said('reply', '2026-12-07T11:10:00'), said('customer_reply', '2026-12-07T16:00:00')];
    const running = computeSlaClocks({ ticket: facts, events: history, targets: targets({ nextResponseMinutes: 60 }), calendar, now: bj('2026-12-07T17:30:00') });
    expect(running).toEqual([expect.objectContaining({ clock: 'next_response', startAt: bj('2026-12-07T16:00:00'), dueAt: bj('2026-12-07T17:00:00'), state: 'breached', businessMinutesLeft: -30 })]);
    const answered = computeSlaClocks({ ticket: facts, events: [...history, said('reply', '2026-12-07T17:30:00')], targets: targets({ nextResponseMinutes: 60 }), calendar, now: bj('2026-12-07T17:40:00') });
    expect(answered[0]).toMatchObject({ state: 'met_late', metAt: bj('2026-12-07T17:30:00') });
  });

  it('has no next-response clock before the first response, and no first-response clock once resolved unanswered', () => {
    const history = [said('customer_reply', '2026-12-07T09:30:00')];
    expect(computeSlaClocks({ ticket: ticket({ createdAt: bj('2026-12-07T09:00:00') }), events: history, targets: targets({ nextResponseMinutes: 60 }), calendar, now: bj('2026-12-07T10:00:00') })).toEqual([]);
    expect(computeSlaClocks({ ticket: ticket({ status: 'resolved', createdAt: bj('2026-12-07T09:00:00') }), events: [], targets: targets({ firstResponseMinutes: 60 }), calendar, now: bj('2026-12-07T10:00:00') })).toEqual([]);
  });
  it('names each run of a clock by its start: a pause or a reopen keeps the run, a new customer reply starts one', () => {
    const facts = ticket({ createdAt: bj('2026-12-07T09:00:00'), firstRespondedAt: bj('2026-12-07T09:10:00') });
    const paused = [status('new', 'open', '2026-12-07T09:05:00'), status('open', 'pending_customer', '2026-12-07T10:00:00'), status('pending_customer', 'open', '2026-12-07T11:00:00')];
    const [resolution] = computeSlaClocks({ ticket: facts, events: paused, targets: targets({ resolutionMinutes: 240 }), calendar, now: bj('2026-12-07T11:00:00') });
    expect(resolution).toMatchObject({ clock: 'resolution', runStartAt: bj('2026-12-07T09:00:00') });

    const reopened = [...paused, status('open', 'resolved', '2026-12-07T14:00:00'), status('resolved', 'open', '2026-12-08T10:00:00')];
    const [again] = computeSlaClocks({ ticket: facts, events: reopened, targets: targets({ resolutionMinutes: 240 }), calendar, now: bj('2026-12-08T10:00:00') });
    // The reopened clock continues with what was left of the budget: the same run, so no second warning.
    expect(again).toMatchObject({ clock: 'resolution', startAt: bj('2026-12-07T09:00:00'), runStartAt: bj('2026-12-07T09:00:00'), state: 'running' });

    const replies = [said('reply', '2026-12-07T09:10:00'), said('customer_reply', '2026-12-07T09:20:00'), said('reply', '2026-12-07T09:30:00'), said('customer_reply', '2026-12-07T15:00:00')];
    const [next] = computeSlaClocks({ ticket: facts, events: replies, targets: targets({ nextResponseMinutes: 30 }), calendar, now: bj('2026-12-07T15:05:00') });
    expect(next).toMatchObject({ clock: 'next_response', runStartAt: bj('2026-12-07T15:00:00'), state: 'running' });
  });
  // The ticket benchmark's one disagreement with its independent reference (bench/results/tickets-20k.md):
  // a clock whose budget runs out at the very instant it is stopped. A resolution at the deadline meets it,
  // so the reopened ticket's deadline is when the clock runs again with nothing left — not the resolution.
  it('dates the breach of a ticket resolved exactly at its resolution deadline and reopened at the reopening', () => {
    const facts = ticket({ createdAt: bj('2026-09-22T10:00:01'), firstRespondedAt: bj('2026-09-22T10:05:01') });
    // 240 min: 10:00:01–12:00 and 13:30–15:30:01; resolved at 15:30:01 on the dot.
    const resolved = [status('new', 'open', '2026-09-22T10:05:01'), status('open', 'resolved', '2026-09-22T15:30:01')];
    const [met] = computeSlaClocks({ ticket: { ...facts, status: 'resolved', resolvedAt: bj('2026-09-22T15:30:01') }, events: resolved, targets: targets({ resolutionMinutes: 240 }), calendar, now: bj('2026-09-22T16:00:00') });
    expect(met).toMatchObject({ state: 'met', dueAt: bj('2026-09-22T15:30:01') });
    // The customer writes back at 21:10 that evening: the clock runs again at 09:00 the next morning, already out of budget.
    const reopened = [...resolved, said('customer_reply', '2026-09-22T21:10:01'), status('resolved', 'open', '2026-09-22T21:10:01')];
    const [evening] = computeSlaClocks({ ticket: { ...facts, resolvedAt: bj('2026-09-22T15:30:01') }, events: reopened, targets: targets({ resolutionMinutes: 240 }), calendar, now: bj('2026-09-22T21:11:00') });
    expect(evening).toMatchObject({ state: 'running', dueAt: bj('2026-09-23T09:00:00'), warnAt: bj('2026-09-22T14:42:01') });
    const [morning] = computeSlaClocks({ ticket: { ...facts, resolvedAt: bj('2026-09-22T15:30:01') }, events: reopened, targets: targets({ resolutionMinutes: 240 }), calendar, now: bj('2026-09-23T09:00:00') });
    expect(morning).toMatchObject({ state: 'breached', dueAt: bj('2026-09-23T09:00:00') });
  });

  it('pauses a clock put on pending_customer at the instant its budget runs out, and breaches it only when it runs again', () => {
    const facts = ticket({ createdAt: bj('2026-12-07T09:00:01') });
    const waiting = [status('new', 'open', '2026-12-07T09:00:01'), status('open', 'pending_customer', '2026-12-07T10:00:01')];
    // 60 min spent at 10:00:01 exactly: waiting on the customer from then, so no breach while waiting.
    const [paused] = computeSlaClocks({ ticket: { ...facts, status: 'pending_customer' }, events: waiting, targets: targets({ firstResponseMinutes: 60 }), calendar, now: bj('2026-12-07T10:01:00') });
    expect(paused).toMatchObject({ state: 'paused', businessMinutesLeft: 0 });
    const answered = [...waiting, said('customer_reply', '2026-12-07T11:20:01'), status('pending_customer', 'open', '2026-12-07T11:20:01')];
    const [running] = computeSlaClocks({ ticket: facts, events: answered, targets: targets({ firstResponseMinutes: 60 }), calendar, now: bj('2026-12-07T11:21:00') });
    expect(running).toMatchObject({ state: 'breached', dueAt: bj('2026-12-07T11:20:01') });
  });
});

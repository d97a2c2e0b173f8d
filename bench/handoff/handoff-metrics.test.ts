import { describe, expect, it } from 'vitest';
import { agentShares, askToOfferLatencies, doubleAssignments, etaErrors, notifyLatencies, overCapacityOffers, priorityInversions } from './handoff-metrics.js';
import type { AgentRecord, RequestRecord, RunEvent, RunLog } from './handoff-run-log.js';

const T = 1_000_000;
const agent = (id: string, fields: Partial<AgentRecord> = {}): AgentRecord => ({ id, name: id, skills: [], groups: ['g1'], maxChats: 2, ...fields });
const request = (id: string, fields: Partial<RequestRecord> = {}): RequestRecord => ({
  id,
  conversationId: `c-${id}`,
  groupId: 'g1',
  priority: 3,
  requiredSkills: [],
  queuedAt: T,
  status: 'ended',
  assignedTo: null,
  assignedAt: null,
  ...fields,
});
const online = (agentId: string, at: number): RunEvent => ({ kind: 'presence', at, sentAt: at, agentId, presence: 'online' });
const run = (requests: RequestRecord[], agents: AgentRecord[], events: RunEvent[]): RunLog => ({ requests, agents, groups: new Map([['g1', { name: '客服部' }]]), events });

describe('handoff → agent notified', () => {
  it('counts from the request entering the queue when the agent was already free', () => {
    const log = run([request('r1', { queuedAt: T + 5000 })], [agent('a')], [online('a', T), { kind: 'offer', at: T + 5120, requestId: 'r1', agentId: 'a', expiresAt: T + 35_000 }]);
    expect(notifyLatencies(log)).toEqual([120]);
  });

  it('counts from the slot freeing when the request had to wait for it', () => {
    const events: RunEvent[] = [
      online('a', T),
      { kind: 'offer', at: T + 100, requestId: 'r1', agentId: 'a', expiresAt: T + 30_000 },
      { kind: 'accept', at: T + 2000, sentAt: T + 1990, requestId: 'r1', agentId: 'a', ok: true },
      { kind: 'close', at: T + 60_050, sentAt: T + 60_000, requestId: 'r1', agentId: 'a' },
      { kind: 'offer', at: T + 60_300, requestId: 'r2', agentId: 'a', expiresAt: T + 90_000 },
    ];
    const log = run([request('r1'), request('r2', { queuedAt: T + 10 })], [agent('a', { maxChats: 1 })], events);
    expect(notifyLatencies(log)).toEqual([100, 300]);
  });
});

describe('the bot’s turn is not the queue’s', () => {
  it('counts the queue from the enqueue’s commit when the bot stamped queued_at earlier, and end to end from the visitor’s message', () => {
    const events: RunEvent[] = [
      online('a', T - 10_000),
      { kind: 'asked', at: T - 200, conversationId: 'c-r1' },
      { kind: 'seen', at: T + 3000, requestId: 'r1' },
      { kind: 'seen', at: T + 2900, requestId: 'r1' },
      { kind: 'offer', at: T + 2950, requestId: 'r1', agentId: 'a', expiresAt: T + 40_000 },
    ];
    const log = run([request('r1', { queuedAt: T })], [agent('a')], events);
    expect(notifyLatencies(log)).toEqual([50]);
    expect(askToOfferLatencies(log)).toEqual([3150]);
  });
});

describe('capacity and double assignment', () => {
  it('flags an offer beyond the agent’s capacity, and none while slots are handed back', () => {
    const events: RunEvent[] = [
      online('a', T),
      { kind: 'offer', at: T + 1, requestId: 'r1', agentId: 'a', expiresAt: T + 30_000 },
      { kind: 'decline', at: T + 900, sentAt: T + 500, requestId: 'r1', agentId: 'a' },
      // The server freed the slot before the decline's answer came back: fine.
      { kind: 'offer', at: T + 600, requestId: 'r2', agentId: 'a', expiresAt: T + 30_000 },
      { kind: 'offer', at: T + 700, requestId: 'r3', agentId: 'a', expiresAt: T + 30_000 },
    ];
    const log = run([request('r1'), request('r2'), request('r3')], [agent('a', { maxChats: 1 })], events);
    expect(overCapacityOffers(log)).toEqual([{ requestId: 'r3', agentId: 'a', load: 2, maxChats: 1 }]);
  });

  it('flags a request two agents were both given, or one the database gave someone else', () => {
    const events: RunEvent[] = [
      { kind: 'accept', at: T, sentAt: T, requestId: 'r1', agentId: 'a', ok: true },
      { kind: 'accept', at: T, sentAt: T, requestId: 'r1', agentId: 'b', ok: true },
      { kind: 'accept', at: T, sentAt: T, requestId: 'r2', agentId: 'a', ok: true },
      { kind: 'accept', at: T, sentAt: T, requestId: 'r2', agentId: 'b', ok: false, code: 'handoff_already_taken' },
      { kind: 'accept', at: T, sentAt: T, requestId: 'r3', agentId: 'a', ok: true },
    ];
    const log = run([request('r1', { assignedTo: 'a' }), request('r2', { assignedTo: 'a' }), request('r3', { assignedTo: 'b' })], [agent('a'), agent('b')], events);
    expect(doubleAssignments(log).sort()).toEqual(['r1', 'r3']);
  });
});

describe('a visitor cancelling an offered request', () => {
  it('gives the agent’s slot back once, without a refused accept counting it again', () => {
    const events: RunEvent[] = [
      online('a', T),
      { kind: 'offer', at: T + 10, requestId: 'r1', agentId: 'a', expiresAt: T + 30_000 },
      { kind: 'cancel', at: T + 500, conversationId: 'c-r1' },
      { kind: 'offer', at: T + 700, requestId: 'r2', agentId: 'a', expiresAt: T + 30_000 },
      { kind: 'accept', at: T + 2700, sentAt: T + 2600, requestId: 'r1', agentId: 'a', ok: false, code: 'handoff_already_taken' },
      { kind: 'offer', at: T + 2800, requestId: 'r3', agentId: 'a', expiresAt: T + 30_000 },
    ];
    const log = run([request('r1'), request('r2'), request('r3')], [agent('a', { maxChats: 1 })], events);
    expect(overCapacityOffers(log)).toEqual([{ requestId: 'r3', agentId: 'a', load: 2, maxChats: 1 }]);
  });
});

describe('priority inversions', () => {
  const offer = (requestId: string, agentId: string, at: number): RunEvent => ({ kind: 'offer', at, requestId, agentId, expiresAt: at + 30_000 });

  it('flags a normal request offered while an angry customer the agent could take had been waiting', () => {
    const log = run([request('angry', { priority: 1, queuedAt: T }), request('normal', { priority: 3, queuedAt: T - 60_000 })], [agent('a')], [offer('normal', 'a', T + 5000)]);
    expect(priorityInversions(log)).toEqual([{ requestId: 'normal', agentId: 'a', at: T + 5000, jumpedId: 'angry', waitingSince: T }]);
  });

  it('does not flag it when the agent lacks the skill, declined it before, or it arrived a moment ago', () => {
    const english = request('en', { priority: 1, requiredSkills: ['English'] });
    const declined = request('declined', { priority: 0 });
    const fresh = request('fresh', { priority: 0, queuedAt: T + 4500 });
    const events: RunEvent[] = [
      offer('declined', 'a', T + 10),
      { kind: 'decline', at: T + 1000, sentAt: T + 1000, requestId: 'declined', agentId: 'a' },
      offer('normal', 'a', T + 5000),
    ];
    const log = run([english, declined, fresh, request('normal')], [agent('a')], events);
    expect(priorityInversions(log)).toEqual([]);
  });

  it('does not flag a request of another group, one already on offer, or one the visitor cancelled', () => {
    const events: RunEvent[] = [offer('onOffer', 'b', T + 10), { kind: 'cancel', at: T + 20, conversationId: 'c-cancelled' }, offer('normal', 'a', T + 5000)];
    const log = run(
      [request('other', { priority: 0, groupId: 'g2' }), request('onOffer', { priority: 0 }), request('cancelled', { priority: 0 }), request('normal')],
      [agent('a'), agent('b')],
      events,
    );
    expect(priorityInversions(log)).toEqual([]);
  });
});

describe('answers that overtake each other', () => {
  it('does not count a declined request as waiting once it is on offer to the next agent', () => {
    // The decline's answer came back after the next agent already had the offer.
    const events: RunEvent[] = [
      online('a', T),
      online('b', T),
      online('c', T),
      { kind: 'offer', at: T + 100, requestId: 'urgent', agentId: 'a', expiresAt: T + 30_000 },
      { kind: 'offer', at: T + 2270, requestId: 'urgent', agentId: 'b', expiresAt: T + 32_000 },
      { kind: 'decline', at: T + 2290, sentAt: T + 2210, requestId: 'urgent', agentId: 'a' },
      { kind: 'offer', at: T + 9000, requestId: 'normal', agentId: 'c', expiresAt: T + 39_000 },
    ];
    const log = run([request('urgent', { priority: 0 }), request('normal', { queuedAt: T + 8000 })], [agent('a'), agent('b'), agent('c')], events);
    expect(priorityInversions(log)).toEqual([]);
    expect(notifyLatencies(log)).toEqual([100, 60, 1000]);
  });
});

describe('fairness and the wait estimate', () => {
  it('weighs each agent’s chats by capacity and time online', () => {
    const events: RunEvent[] = [
      online('a', T),
      online('b', T),
      { kind: 'presence', at: T + 30 * 60_000, sentAt: T + 30 * 60_000, agentId: 'b', presence: 'offline' },
      ...Array.from({ length: 4 }, (_, i): RunEvent => ({ kind: 'accept', at: T + i, sentAt: T + i, requestId: `a${i}`, agentId: 'a', ok: true })),
      { kind: 'accept', at: T, sentAt: T, requestId: 'b0', agentId: 'b', ok: true },
    ];
    const shares = agentShares(run([], [agent('a', { maxChats: 2 }), agent('b', { maxChats: 2 })], events), T + 60 * 60_000);
    expect(shares.map((s) => [s.chats, s.onlineMinutes, s.chatsPerCapacityHour])).toEqual([
      [4, 60, 2],
      [1, 30, 1],
    ]);
  });

  it('compares the first estimate told with the real wait until an agent took the chat', () => {
    const requests = [request('r1', { queuedAt: T, assignedAt: T + 90_000 }), request('r2', { queuedAt: T, assignedAt: null, status: 'cancelled' })];
    const events: RunEvent[] = [
      { kind: 'eta', at: T + 10, conversationId: 'c-r1', etaSeconds: 60 },
      { kind: 'eta', at: T + 5000, conversationId: 'c-r1', etaSeconds: 30 },
      { kind: 'eta', at: T + 10, conversationId: 'c-r2', etaSeconds: 60 },
    ];
    expect(etaErrors(run(requests, [], events))).toEqual([-30]);
  });
});

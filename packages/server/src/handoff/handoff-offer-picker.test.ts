import { describe, expect, it } from 'vitest';
import { planOffers, type OfferCandidate, type WaitingRequest } from './handoff-offer-picker.js';

const req = (id: string, requiredSkills: string[] = [], skippedAgents: string[] = []): WaitingRequest => ({ id, requiredSkills, skippedAgents });
const agent = (userId: string, over: Partial<OfferCandidate> = {}): OfferCandidate => ({ userId, skills: [], load: 0, maxChats: 2, lastChatAssignedAt: new Date('2026-12-01T08:00:00Z'), ...over });

describe('planOffers', () => {
  it('offers a chat only to an agent with every required skill', () => {
    const offers = planOffers([req('r1', ['信用卡', 'English'])], [agent('a', { skills: ['信用卡'] }), agent('b', { skills: ['English', '信用卡'] })]);
    expect(offers).toEqual([{ requestId: 'r1', userId: 'b', clearSkipped: false }]);
  });

  it('leaves a request waiting when nobody qualified is free', () => {
    expect(planOffers([req('r1', ['政务-社保'])], [agent('a', { skills: ['售后'] })])).toEqual([]);
    expect(planOffers([req('r1')], [agent('a', { load: 2, maxChats: 2 })])).toEqual([]);
  });

  it('never plans an agent past capacity however many are waiting', () => {
    const requests = Array.from({ length: 20 }, (_, i) => req(`r${i}`));
    const candidates = [agent('a', { maxChats: 3, load: 1 }), agent('b', { maxChats: 1 }), agent('c', { maxChats: 0 })];
    const offers = planOffers(requests, candidates);
    const per = new Map<string, number>();
    for (const o of offers) per.set(o.userId, (per.get(o.userId) ?? 0) + 1);
    expect(Object.fromEntries(per)).toEqual({ a: 2, b: 1 });
    expect(offers.map((o) => o.requestId)).toEqual(['r0', 'r1', 'r2']);
  });

  it('serves requests in the order given (priority, then wait)', () => {
    const offers = planOffers([req('urgent'), req('normal')], [agent('a', { maxChats: 1 })]);
    expect(offers).toEqual([{ requestId: 'urgent', userId: 'a', clearSkipped: false }]);
  });

  it('does not give a lower-priority request an agent the higher one could have had', () => {
    // The urgent chat needs 信用卡; only a has it and a has one slot: it must go to the urgent one.
    const offers = planOffers([req('urgent', ['信用卡']), req('normal')], [agent('a', { skills: ['信用卡'], maxChats: 1 })]);
    expect(offers).toEqual([{ requestId: 'urgent', userId: 'a', clearSkipped: false }]);
  });

  it('lets a lower-priority request through when the higher one cannot use that agent', () => {
    const offers = planOffers([req('urgent', ['English']), req('normal')], [agent('a', { maxChats: 1 })]);
    expect(offers).toEqual([{ requestId: 'normal', userId: 'a', clearSkipped: false }]);
  });

  it('picks the least loaded, then the one assigned longest ago, never-assigned first, then by id', () => {
    expect(planOffers([req('r')], [agent('a', { load: 1 }), agent('b', { load: 0 })])[0]!.userId).toBe('b');
    expect(planOffers([req('r')], [agent('a', { lastChatAssignedAt: new Date('2026-12-02') }), agent('b', { lastChatAssignedAt: new Date('2026-12-01') })])[0]!.userId).toBe('b');
    expect(planOffers([req('r')], [agent('a'), agent('b', { lastChatAssignedAt: null })])[0]!.userId).toBe('b');
    expect(planOffers([req('r')], [agent('b'), agent('a')])[0]!.userId).toBe('a');
  });

  it('round-robins equally loaded agents across one batch', () => {
    const offers = planOffers([req('r1'), req('r2'), req('r3'), req('r4')], [agent('a'), agent('b')]);
    expect(offers.map((o) => o.userId)).toEqual(['a', 'b', 'a', 'b']);
  });

  it('passes over agents who skipped the request while someone else can take it', () => {
    const offers = planOffers([req('r', [], ['a'])], [agent('a'), agent('b', { load: 1 })]);
    expect(offers).toEqual([{ requestId: 'r', userId: 'b', clearSkipped: false }]);
  });

  it('offers it to a skipped agent again when nobody else can, clearing the list', () => {
    const offers = planOffers([req('r', [], ['a'])], [agent('a'), agent('b', { load: 2, maxChats: 2 })]);
    expect(offers).toEqual([{ requestId: 'r', userId: 'a', clearSkipped: true }]);
  });
});

import { describe, expect, it } from 'vitest';
import { pickLeastLoaded, type AssigneeCandidate } from './least-loaded-picker.js';

const at = (iso: string) => new Date(iso);
const candidate = (userId: string, over: Partial<AssigneeCandidate> = {}): AssigneeCandidate => ({ userId, onDuty: true, load: 0, capacity: 5, lastAssignedAt: null, ...over });

describe('least-loaded picker', () => {
  it('picks the candidate with the least load', () => {
    const picked = pickLeastLoaded([candidate('a', { load: 3 }), candidate('b', { load: 1 }), candidate('c', { load: 2 })]);
    expect(picked?.userId).toBe('b');
  });

  it('skips candidates who are off duty even when they are the least loaded', () => {
    const picked = pickLeastLoaded([candidate('a', { load: 0, onDuty: false }), candidate('b', { load: 4 })]);
    expect(picked?.userId).toBe('b');
  });

  it('skips candidates at or over their capacity', () => {
    expect(pickLeastLoaded([candidate('a', { load: 2, capacity: 2 }), candidate('b', { load: 3, capacity: 4 })])?.userId).toBe('b');
    expect(pickLeastLoaded([candidate('a', { load: 5, capacity: 2 })])).toBeNull();
    expect(pickLeastLoaded([candidate('a', { load: 0, capacity: 0 })])).toBeNull();
  });

  it('returns null when nobody can take the work', () => {
    expect(pickLeastLoaded([])).toBeNull();
    expect(pickLeastLoaded([candidate('a', { onDuty: false }), candidate('b', { load: 5, capacity: 5 })])).toBeNull();
  });

  it('breaks ties by who was assigned longest ago, never-assigned first', () => {
    const picked = pickLeastLoaded([
      candidate('a', { load: 1, lastAssignedAt: at('2026-12-06T10:00:00Z') }),
      candidate('b', { load: 1, lastAssignedAt: at('2026-12-06T09:00:00Z') }),
      candidate('c', { load: 1, lastAssignedAt: at('2026-12-06T11:00:00Z') }),
    ]);
    expect(picked?.userId).toBe('b');
    expect(pickLeastLoaded([candidate('a', { lastAssignedAt: at('2026-12-06T09:00:00Z') }), candidate('b')])?.userId).toBe('b');
  });

  it('takes turns among equally loaded candidates when each pick is applied', () => {
    const team = [candidate('a'), candidate('b'), candidate('c')];
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      const picked = pickLeastLoaded(team)!;
      order.push(picked.userId);
      picked.load += 1;
      picked.lastAssignedAt = new Date(Date.UTC(2026, 11, 6, 12, 0, i));
    }
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(team.map((c) => c.load)).toEqual([2, 2, 2]);
  });

  it('never fills anyone past capacity when work keeps coming', () => {
    const team = [candidate('a', { capacity: 2 }), candidate('b', { capacity: 1 })];
    let assigned = 0;
    for (let picked = pickLeastLoaded(team); picked; picked = pickLeastLoaded(team)) {
      picked.load += 1;
      assigned += 1;
    }
    expect(assigned).toBe(3);
    expect(team.map((c) => c.load)).toEqual([2, 1]);
  });
});

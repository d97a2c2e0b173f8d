import { describe, expect, it } from 'vitest';
import { shadowedIds } from './shadowed-entries.js';

const catchAll = (entry: { conditions: number }) => entry.conditions === 0;

describe('shadowedIds', () => {
  it('marks every active entry after an active catch-all, not the catch-all itself', () => {
    const entries = [
      { id: 'refund', active: true, conditions: 1 },
      { id: 'default', active: true, conditions: 0 },
      { id: 'vip', active: true, conditions: 0 },
      { id: 'complaint', active: true, conditions: 2 },
    ];
    expect([...shadowedIds(entries, catchAll)]).toEqual(['vip', 'complaint']);
  });

  it('ignores inactive entries on both sides', () => {
    const entries = [
      { id: 'old-default', active: false, conditions: 0 },
      { id: 'refund', active: true, conditions: 1 },
      { id: 'default', active: true, conditions: 0 },
      { id: 'paused', active: false, conditions: 1 },
    ];
    expect([...shadowedIds(entries, catchAll)]).toEqual([]);
  });

  it('marks nothing when no entry matches everything', () => {
    expect(shadowedIds([{ id: 'a', active: true, conditions: 1 }], catchAll).size).toBe(0);
  });
});

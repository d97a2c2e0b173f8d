import { describe, expect, it } from 'vitest';
import { positionSwap } from './position-swap.js';

describe('reordering rules and policies', () => {
  const items = [
    { id: 'c', position: 30 },
    { id: 'a', position: 10 },
    { id: 'b', position: 20 },
  ];

  it('swaps positions with the neighbour in the chosen direction', () => {
    expect(positionSwap(items, 'b', -1)).toEqual([
      { id: 'b', position: 10 },
      { id: 'a', position: 20 },
    ]);
    expect(positionSwap(items, 'b', 1)).toEqual([
      { id: 'b', position: 30 },
      { id: 'c', position: 20 },
    ]);
  });

  it('does nothing at either end or for an unknown id', () => {
    expect(positionSwap(items, 'a', -1)).toEqual([]);
    expect(positionSwap(items, 'c', 1)).toEqual([]);
    expect(positionSwap(items, 'z', 1)).toEqual([]);
  });

  it('separates items that share a position by their order', () => {
    expect(positionSwap([{ id: 'x', position: 0 }, { id: 'y', position: 0 }], 'y', -1)).toEqual([
      { id: 'y', position: 0 },
      { id: 'x', position: 1 },
    ]);
  });
});

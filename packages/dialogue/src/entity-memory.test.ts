import { describe, expect, it } from 'vitest';
import { ENTITY_MEMORY_SIZE, recallEntity, rememberEntities } from './entity-memory.js';

const order = (value: string) => ({ type: 'order_id', value, text: value });

describe('entity memory', () => {
  it('keeps the newest first, moves a repeated value to the front and forgets beyond its size', () => {
    let memory = rememberEntities([], [order('A'), order('B')], 1);
    memory = rememberEntities(memory, [order('A')], 2);
    expect(memory.map((m) => m.value)).toEqual(['A', 'B']);
    for (let i = 0; i < ENTITY_MEMORY_SIZE; i++) memory = rememberEntities(memory, [order(`X${i}`)], 3 + i);
    expect(memory).toHaveLength(ENTITY_MEMORY_SIZE);
    expect(memory.some((m) => m.value === 'A')).toBe(false);
  });

  it('resolves "the same" to the value used last and "the other" to a different one', () => {
    const memory = rememberEntities([], [order('A'), order('B'), { type: 'mobile', value: '13800138000', text: '' }], 1);
    expect(recallEntity(memory, 'order_id', 'same', 'B')).toBe('B');
    expect(recallEntity(memory, 'order_id', 'same', undefined)).toBe('A');
    expect(recallEntity(memory, 'order_id', 'other', 'A')).toBe('B');
    expect(recallEntity(memory, 'order_id', 'other', 'B')).toBe('A');
    expect(recallEntity(memory, 'email', 'same', undefined)).toBeUndefined();
  });
});

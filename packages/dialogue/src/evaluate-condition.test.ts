import { describe, expect, it } from 'vitest';
import { evaluateAll, evaluateCondition } from './evaluate-condition.js';

const scope = { result: { status: 'delivered', days: '3', tags: [], flag: false }, context: { verified: true } };

describe('branch conditions', () => {
  it('compares equality, treating numeric strings from connectors as numbers', () => {
    expect(evaluateCondition({ path: 'result.status', op: 'eq', value: 'delivered' }, scope)).toBe(true);
    expect(evaluateCondition({ path: 'result.days', op: 'eq', value: 3 }, scope)).toBe(true);
    expect(evaluateCondition({ path: 'result.status', op: 'ne', value: 'paid' }, scope)).toBe(true);
  });

  it('orders numbers and fails closed on non-numbers', () => {
    expect(evaluateCondition({ path: 'result.days', op: 'lte', value: 7 }, scope)).toBe(true);
    expect(evaluateCondition({ path: 'result.days', op: 'gt', value: 7 }, scope)).toBe(false);
    expect(evaluateCondition({ path: 'result.status', op: 'lt', value: 7 }, scope)).toBe(false);
  });

  it('tests membership, presence and truthiness (an empty list is falsy)', () => {
    expect(evaluateCondition({ path: 'result.status', op: 'in', value: ['paid', 'delivered'] }, scope)).toBe(true);
    expect(evaluateCondition({ path: 'result.status', op: 'nin', value: ['paid'] }, scope)).toBe(true);
    expect(evaluateCondition({ path: 'result.missing', op: 'missing' }, scope)).toBe(true);
    expect(evaluateCondition({ path: 'result.flag', op: 'exists' }, scope)).toBe(true);
    expect(evaluateCondition({ path: 'result.tags', op: 'truthy' }, scope)).toBe(false);
    expect(evaluateCondition({ path: 'result.tags', op: 'falsy' }, scope)).toBe(true);
  });

  it('requires every condition of a branch', () => {
    const both = [
      { path: 'result.status', op: 'eq' as const, value: 'delivered' },
      { path: 'context.verified', op: 'eq' as const, value: true },
    ];
    expect(evaluateAll(both, scope)).toBe(true);
    expect(evaluateAll([...both, { path: 'result.flag', op: 'truthy' as const }], scope)).toBe(false);
  });
});

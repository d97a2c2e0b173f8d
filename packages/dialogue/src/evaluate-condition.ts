import type { Condition } from './condition.js';
import { lookupPath } from './path-lookup.js';

/**
 * Tests one branch condition against the flow scope.
 * @example evaluateCondition({ path: 'result.returnable', op: 'eq', value: true }, { result: { returnable: true } }) // true
 */
export function evaluateCondition(condition: Condition, scope: unknown): boolean {
  const actual = lookupPath(scope, condition.path);
  const expected = condition.value;
  switch (condition.op) {
    case 'eq':
      return looselyEqual(actual, expected);
    case 'ne':
      return !looselyEqual(actual, expected);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compareNumbers(condition.op, actual, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((e) => looselyEqual(actual, e));
    case 'nin':
      return !(Array.isArray(expected) && expected.some((e) => looselyEqual(actual, e)));
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'missing':
      return actual === undefined || actual === null;
    case 'truthy':
      return Boolean(actual) && !(Array.isArray(actual) && actual.length === 0);
    case 'falsy':
      return !actual || (Array.isArray(actual) && actual.length === 0);
  }
}

/** Every condition must hold; an empty list always holds. */
export function evaluateAll(conditions: readonly Condition[], scope: unknown): boolean {
  return conditions.every((c) => evaluateCondition(c, scope));
}

// Connectors return numbers as strings often enough ("3" days) that strict equality would surprise flow authors.
function looselyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'string') return b.trim() !== '' && a === Number(b);
  if (typeof a === 'string' && typeof b === 'number') return a.trim() !== '' && Number(a) === b;
  return false;
}

function compareNumbers(op: 'gt' | 'gte' | 'lt' | 'lte', actual: unknown, expected: unknown): boolean {
  const a = toNumber(actual);
  const b = toNumber(expected);
  if (a === undefined || b === undefined) return false;
  if (op === 'gt') return a > b;
  if (op === 'gte') return a >= b;
  if (op === 'lt') return a < b;
  return a <= b;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

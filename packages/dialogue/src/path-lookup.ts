/**
 * Reads a dotted path (`result.items.0.name`) from plain data, following own
 * properties only, so a template can never reach `constructor` or `__proto__`.
 * @example lookupPath({ result: { rmaNumber: 'R1' } }, 'result.rmaNumber') // 'R1'
 */
export function lookupPath(scope: unknown, path: string): unknown {
  let current: unknown = scope;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

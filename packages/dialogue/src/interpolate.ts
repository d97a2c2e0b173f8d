import { lookupPath } from './path-lookup.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w]*(?:\.[\w]+)*)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z_][\w]*(?:\.[\w]+)*)\s*\}\}$/;

/**
 * Fills `{{slot}}` and `{{result.field}}` placeholders by path lookup only; nothing
 * is evaluated or escaped (replies are plain text). Missing values render as ''.
 * @example interpolate('RMA 号 {{result.rmaNumber}}', { result: { rmaNumber: 'RMA1' } }) // 'RMA 号 RMA1'
 */
export function interpolate(template: string, scope: unknown): string {
  return template.replace(PLACEHOLDER, (_match, path: string) => renderValue(lookupPath(scope, path)));
}

/**
 * Resolves an action argument: a string that is exactly one placeholder keeps the
 * value's type (a number stays a number); other strings are interpolated; other JSON passes through.
 * @example resolveArgument('{{quantity}}', { quantity: 2 }) // 2
 */
export function resolveArgument(value: unknown, scope: unknown): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_PLACEHOLDER.exec(value);
    if (whole?.[1] !== undefined) return lookupPath(scope, whole[1]) ?? null;
    return interpolate(value, scope);
  }
  if (Array.isArray(value)) return value.map((v) => resolveArgument(v, scope));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveArgument(v, scope)]));
  }
  return value;
}

function renderValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(renderValue).join('、');
  return JSON.stringify(value);
}

// The server masks ID and card numbers as their first digits, asterisks, then the last four (110105********002X).
const MASKED = /\d{4,6}\*{4,}\d{3}[\dXx]/;

/**
 * Whether any string inside `value` (objects and arrays searched) holds a masked ID or card number.
 * @example containsMaskedNumber({ 身份证: '110105********002X' }) // true
 */
export function containsMaskedNumber(value: unknown): boolean {
  if (typeof value === 'string') return MASKED.test(value);
  if (Array.isArray(value)) return value.some(containsMaskedNumber);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsMaskedNumber);
  return false;
}

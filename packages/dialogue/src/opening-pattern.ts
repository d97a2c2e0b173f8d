import { halfWidth } from './half-width.js';

/**
 * The value a slot's `openingPattern` finds in a message (group 1, else the whole match), if any.
 * @example matchOpeningPattern('(KD\\d+)', '宽带账号KD0571005678') // 'KD0571005678'
 */
export function matchOpeningPattern(pattern: string, text: string): string | undefined {
  const m = new RegExp(pattern, 'u').exec(halfWidth(text));
  const value = m?.[1] ?? m?.[0];
  return value ? value : undefined;
}

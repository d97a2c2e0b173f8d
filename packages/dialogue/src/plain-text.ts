import { halfWidth } from './half-width.js';

/**
 * Reduces a message to what matters for matching buttons and control words:
 * half-width, lower case, no spaces or punctuation.
 * @example toPlainText(' 确认！ ') // '确认'
 */
export function toPlainText(text: string): string {
  return halfWidth(text)
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

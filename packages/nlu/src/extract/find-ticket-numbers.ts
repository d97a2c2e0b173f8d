import type { TextSpan } from './text-span.js';

// Zhida's own ticket numbers: `GD` + the China date + a 4-digit daily sequence (GD202612060007).
// The shape alone is distinctive enough; it would otherwise read as an order number.
const TICKET_NUMBER = /(?<![A-Za-z0-9])GD\d{12}(?![A-Za-z0-9])/gi;

/**
 * Finds ticket numbers in folded text.
 *
 * @example findTicketNumbers('工单gd202612060007进度')[0]?.value // → 'GD202612060007'
 */
export function findTicketNumbers(text: string): TextSpan[] {
  return [...text.matchAll(TICKET_NUMBER)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0], value: m[0].toUpperCase() }));
}

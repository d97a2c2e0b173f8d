import { decodeConversationCursor, encodeConversationCursor, type ConversationListPosition } from '../conversations/conversation-cursor.js';
import { BadRequestError } from '../errors/app-error.js';

/** Where the next queue page starts, and the queue's total as counted for the first page. */
export interface TicketListCursor {
  position: ConversationListPosition;
  /** Null for a cursor without one (then the page counts again). */
  total: number | null;
}

const TOTAL = /^(0|[1-9]\d{0,8})$/;

/**
 * The opaque `nextCursor` of the ticket queue: the keyset position (as the conversation list's) and
 * the total the first page counted, so the following pages of a 10,000-ticket queue do not count
 * it again. `position.total`; base64url has no dot.
 * @example encodeTicketListCursor({ position: { updatedAt: '2026-12-07T01:02:03.123456Z', id }, total: 9876 }) // 'eyJ1Ijoi….9876'
 */
export function encodeTicketListCursor(cursor: TicketListCursor): string {
  const position = encodeConversationCursor(cursor.position);
  return cursor.total === null ? position : `${position}.${cursor.total}`;
}

/** Reads a caller's cursor; anything malformed is a 400 `invalid_cursor`. */
export function decodeTicketListCursor(cursor: string): TicketListCursor {
  const dot = cursor.indexOf('.');
  if (dot === -1) return { position: decodeConversationCursor(cursor), total: null };
  const total = cursor.slice(dot + 1);
  if (!TOTAL.test(total)) throw new BadRequestError('The cursor is not valid; start again from the first page', 'invalid_cursor');
  return { position: decodeConversationCursor(cursor.slice(0, dot)), total: Number(total) };
}

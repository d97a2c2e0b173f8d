import { z } from 'zod';
import { BadRequestError } from '../errors/app-error.js';

/**
 * A position in the conversation list, ordered by `(updated_at desc, id desc)`.
 * `updatedAt` keeps PostgreSQL's microseconds (a JS Date would round them away
 * and the next page could skip rows), as UTC `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
 * The cursor is only a position: the tenant scope stays in the query's WHERE.
 */
export interface ConversationListPosition {
  updatedAt: string;
  id: string;
}

const MAX_CURSOR_LENGTH = 200;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const TIMESTAMP = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const payloadSchema = z.strictObject({ u: z.string().regex(TIMESTAMP), i: z.uuid() });

/** @example encodeConversationCursor({ updatedAt: '2025-01-02T03:04:05.123456Z', id }) // 'eyJ1Ijoi…' */
export function encodeConversationCursor(position: ConversationListPosition): string {
  return Buffer.from(JSON.stringify({ u: position.updatedAt, i: position.id }), 'utf8').toString('base64url');
}

/** Reads a cursor from a caller; anything malformed or out of range is a 400 `invalid_cursor`, never a database error. */
export function decodeConversationCursor(cursor: string): ConversationListPosition {
  const invalid = () => new BadRequestError('The cursor is not valid; start again from the first page', 'invalid_cursor');
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw invalid();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) throw invalid();
  const { u, i } = parsed.data;
  // Reject dates that do not exist (2025-02-30, 25:00): they must round-trip to the millisecond.
  const ms = Date.parse(u);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 23) !== u.slice(0, 23)) throw invalid();
  return { updatedAt: u, id: i.toLowerCase() };
}

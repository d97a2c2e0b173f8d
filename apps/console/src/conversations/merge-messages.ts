import type { Message } from '../api/api-types.js';

/**
 * Merges a batch (history page, socket push, resync) into a timeline: one entry
 * per id, ascending by seq. Socket pushes and HTTP answers race, so the same
 * message routinely arrives twice.
 * @example mergeMessages([m1, m2], [m2, m3]) // [m1, m2, m3]
 */
export function mergeMessages(existing: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return existing as Message[];
  const byId = new Map<string, Message>();
  for (const message of existing) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq || a.id.localeCompare(b.id));
}

/** The highest seq seen, i.e. the `afterSeq` to resync from; 0 for an empty timeline. */
export function lastSeq(messages: readonly Message[]): number {
  return messages.reduce((max, message) => Math.max(max, message.seq), 0);
}

/**
 * The seq through which the timeline is complete: `from` (what the HTTP history covered), carried
 * over the held messages that follow it without a hole. A push that lands beyond this + 1 means a
 * lost push (reconnect, backgrounded tab) and the timeline must resync over HTTP; a push that
 * arrives while the history is still loading must not move it, or the history would be skipped.
 * @example completeThrough([m1, m2, m3, m5], 2) // 3
 */
export function completeThrough(messages: readonly Message[], from: number): number {
  const held = new Set(messages.map((message) => message.seq));
  let through = from;
  while (held.has(through + 1)) through += 1;
  return through;
}

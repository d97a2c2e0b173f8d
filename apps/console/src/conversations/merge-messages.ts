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
 * True when a pushed message skips seq numbers we have not seen — a push was
 * lost (reconnect, backgrounded tab) and the timeline must resync over HTTP.
 */
export function leavesGap(messages: readonly Message[], pushed: Message): boolean {
  const last = lastSeq(messages);
  return messages.length > 0 && pushed.seq > last + 1;
}

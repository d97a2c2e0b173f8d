/**
 * One person who could take a piece of work (a ticket now; a chat of the handoff queue later).
 * `load` and `capacity` count the same unit: the open items they hold and the most they may hold.
 */
export interface AssigneeCandidate {
  userId: string;
  onDuty: boolean;
  load: number;
  capacity: number;
  /** When they were last given work automatically; null: never (they go first among equals). */
  lastAssignedAt: Date | null;
}

/**
 * The on-duty candidate with free capacity and the least load; among equals the one assigned longest
 * ago, so equal loads take turns (round-robin). Null when nobody is on duty with room to spare.
 * Pure: callers read the loads under row locks and apply the choice themselves.
 * @example
 * pickLeastLoaded([
 *   { userId: 'a', onDuty: true, load: 2, capacity: 5, lastAssignedAt: null },
 *   { userId: 'b', onDuty: true, load: 1, capacity: 5, lastAssignedAt: new Date() },
 * ]) // → the candidate 'b'
 */
export function pickLeastLoaded<C extends AssigneeCandidate>(candidates: readonly C[]): C | null {
  let best: C | null = null;
  for (const candidate of candidates) {
    if (!candidate.onDuty || candidate.load >= candidate.capacity) continue;
    if (best === null || isBetter(candidate, best)) best = candidate;
  }
  return best;
}

function isBetter(a: AssigneeCandidate, b: AssigneeCandidate): boolean {
  if (a.load !== b.load) return a.load < b.load;
  const at = a.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const bt = b.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (at !== bt) return at < bt;
  // Deterministic among exact equals, so two runs over the same data decide the same way.
  return a.userId < b.userId;
}

/** A waiting request as the picker sees it, in queue order. */
export interface WaitingRequest {
  id: string;
  requiredSkills: readonly string[];
  /** Agents who declined it or let the offer expire. */
  skippedAgents: readonly string[];
}

/** An online agent of the group, with their load counted under the router's locks. */
export interface OfferCandidate {
  userId: string;
  skills: readonly string[];
  /** Offered + assigned chats now. */
  load: number;
  maxChats: number;
  /** Null: never assigned a chat (goes first among equals). */
  lastChatAssignedAt: Date | null;
}

export interface PlannedOffer {
  requestId: string;
  userId: string;
  /** Only skipped agents could take it: their skip list is cleared with this offer. */
  clearSkipped: boolean;
}

/**
 * Decides which waiting request is offered to whom, in queue order (the caller passes the requests
 * sorted by `(priority, queued_at)`). Each request goes to the qualified agent (every required
 * skill, `load < maxChats`) with the fewest chats, ties to the one assigned longest ago (never
 * first), then by user id; agents who skipped it are passed over unless nobody else can take it.
 * Loads grow as offers are planned, so no agent is planned past capacity, and a later (lower
 * priority) request never gets an agent an earlier one could have had. Pure.
 * @example
 * planOffers([{ id: 'r1', requiredSkills: [], skippedAgents: [] }], [{ userId: 'a', skills: [], load: 0, maxChats: 1, lastChatAssignedAt: null }])
 * // → [{ requestId: 'r1', userId: 'a', clearSkipped: false }]
 */
export function planOffers(requests: readonly WaitingRequest[], candidates: readonly OfferCandidate[]): PlannedOffer[] {
  const load = new Map(candidates.map((c) => [c.userId, c.load]));
  const offers: PlannedOffer[] = [];
  for (const request of requests) {
    const able = candidates.filter((c) => load.get(c.userId)! < c.maxChats && request.requiredSkills.every((s) => c.skills.includes(s)));
    if (able.length === 0) continue;
    const fresh = able.filter((c) => !request.skippedAgents.includes(c.userId));
    const pool = fresh.length > 0 ? fresh : able;
    const best = pool.reduce((a, b) => (better(b, a, load) ? b : a));
    load.set(best.userId, load.get(best.userId)! + 1);
    offers.push({ requestId: request.id, userId: best.userId, clearSkipped: fresh.length === 0 && request.skippedAgents.length > 0 });
  }
  return offers;
}

function better(x: OfferCandidate, y: OfferCandidate, load: Map<string, number>): boolean {
  const lx = load.get(x.userId)!;
  const ly = load.get(y.userId)!;
  if (lx !== ly) return lx < ly;
  const tx = x.lastChatAssignedAt?.getTime() ?? -Infinity;
  const ty = y.lastChatAssignedAt?.getTime() ?? -Infinity;
  if (tx !== ty) return tx < ty;
  return x.userId < y.userId;
}

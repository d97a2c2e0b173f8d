import type { AgentRecord, RequestRecord, RunEvent, RunLog } from './handoff-run-log.js';

/** A higher-priority request must have been waiting at least this long before another offer counts as jumping it (dispatch runs take a moment). */
export const INVERSION_GRACE_MS = 1000;

/**
 * Nearest-rank quantile of ascending values.
 *
 * @example quantile([1, 2, 3, 4], 0.5) // 2
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const byTime = (events: readonly RunEvent[]) => [...events].sort((a, b) => a.at - b.at);

/**
 * Handoff → agent notified, per offer: from the moment the offer became possible to `handoff.offer`
 * arriving on the agent's socket. Possible = the request was waiting (queued, or back after a decline,
 * an expiry or its agent going offline) AND this agent was online with a free slot; the later of the
 * two. A request that waits because nobody is free is not counted against the notification path.
 * The request counts as enqueued from the first moment a client saw it (`seen`, after its commit)
 * or its `queued_at`, whichever is later: `queued_at` is stamped when the bot's turn began, and the
 * bot's own work is not the queue's.
 */
export function notifyLatencies(log: RunLog): number[] {
  const requests = new Map(log.requests.map((r) => [r.id, r]));
  const seen = firstSeen(log.events);
  const agents = new Map(log.agents.map((a) => [a.id, a]));
  const availableSince = new Map<string, number>();
  const agentState = new Map<string, { presence: string; load: number; freeSince: number | null }>();
  const state = (id: string) => {
    let s = agentState.get(id);
    if (!s) agentState.set(id, (s = { presence: 'offline', load: 0, freeSince: null }));
    return s;
  };
  const settle = (id: string, at: number) => {
    const s = state(id);
    const free = s.presence === 'online' && s.load < (agents.get(id)?.maxChats ?? 0);
    if (free && s.freeSince === null) s.freeSince = at;
    if (!free) s.freeSince = null;
  };
  const holder = new Map<string, string>();
  const latencies: number[] = [];
  type Item = { at: number; step?: ReturnType<typeof loadSteps>[number]; event?: RunEvent };
  const items: Item[] = [
    ...loadSteps(log).map((step) => ({ at: step.at, step })),
    ...releasedAtSend(log.events)
      .filter((e) => e.kind === 'presence' || e.kind === 'decline' || e.kind === 'expire' || e.kind === 'returned')
      .map((event) => ({ at: event.at, event })),
  ].sort((a, b) => a.at - b.at);
  for (const { step, event } of items) {
    if (step) {
      const agent = state(step.agentId);
      if (step.event.kind === 'offer') {
        const offer = step.event;
        const request = requests.get(offer.requestId);
        const enqueued = Math.max(request?.queuedAt ?? offer.at, seen.get(offer.requestId) ?? -Infinity);
        const since = Math.max(availableSince.get(offer.requestId) ?? enqueued, agent.freeSince ?? offer.at);
        latencies.push(Math.max(0, offer.at - since));
        holder.set(offer.requestId, offer.agentId);
      }
      agent.load += step.delta;
      settle(step.agentId, step.at);
    } else if (event?.kind === 'presence') {
      state(event.agentId).presence = event.presence;
      settle(event.agentId, event.at);
    } else if (event && (event.kind === 'decline' || event.kind === 'expire' || event.kind === 'returned') && holder.get(event.requestId) === event.agentId) {
      // Back in the queue only if no one else was offered it meanwhile (answers can overtake each other).
      availableSince.set(event.requestId, event.at);
      holder.delete(event.requestId);
    }
  }
  return latencies;
}

/** When a client first saw each request (after its enqueue committed). */
function firstSeen(events: readonly RunEvent[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const e of events) if (e.kind === 'seen') seen.set(e.requestId, Math.min(seen.get(e.requestId) ?? Infinity, e.at));
  return seen;
}

/**
 * End to end, per request: from the visitor's message that asked for a human (the last one sent
 * before the request was first seen or offered) to its first `handoff.offer`, for requests offered
 * within `freeWithinMs` of becoming visible (someone was free at once). Includes the bot's turn.
 */
export function askToOfferLatencies(log: RunLog, freeWithinMs = 5000): number[] {
  const seen = firstSeen(log.events);
  const asked = new Map<string, number[]>();
  for (const e of log.events) if (e.kind === 'asked') asked.set(e.conversationId, [...(asked.get(e.conversationId) ?? []), e.at]);
  const firstOffer = new Map<string, number>();
  for (const e of log.events) if (e.kind === 'offer') firstOffer.set(e.requestId, Math.min(firstOffer.get(e.requestId) ?? Infinity, e.at));
  const latencies: number[] = [];
  for (const r of log.requests) {
    const offered = firstOffer.get(r.id);
    if (offered === undefined) continue;
    const visible = Math.min(seen.get(r.id) ?? offered, offered);
    if (offered - visible > freeWithinMs) continue;
    const ask = (asked.get(r.conversationId) ?? []).filter((t) => t <= visible).at(-1);
    if (ask !== undefined) latencies.push(offered - ask);
  }
  return latencies;
}

/**
 * Slots handed back by the agent (decline, close) count from when the client sent the call: the
 * server may free the slot and send the next offer before the HTTP answer is back, and that offer is
 * no violation. (Presence is only known once the server confirmed it.)
 */
function releasedAtSend(events: readonly RunEvent[]): RunEvent[] {
  return events.map((e) => (e.kind === 'decline' || e.kind === 'close' ? { ...e, at: e.sentAt } : e));
}

/**
 * Each agent's load (offered + assigned) as their client saw it, as +1/−1 steps: an offer takes a
 * slot; the slot comes back once, at the first of a decline, an expiry, a refused accept, the
 * visitor cancelling while it was on offer, going offline with it on offer; an accepted chat's slot
 * comes back when it is closed.
 */
function loadSteps(log: RunLog): { at: number; agentId: string; delta: 1 | -1; event: RunEvent }[] {
  const conversationOf = new Map(log.requests.map((r) => [r.id, r.conversationId]));
  const onOffer = new Map<string, string>();
  const steps: { at: number; agentId: string; delta: 1 | -1; event: RunEvent }[] = [];
  const release = (requestId: string, agentId: string, at: number, event: RunEvent) => {
    if (onOffer.get(requestId) !== agentId) return;
    onOffer.delete(requestId);
    steps.push({ at, agentId, delta: -1, event });
  };
  for (const event of byTime(releasedAtSend(log.events))) {
    switch (event.kind) {
      case 'offer':
        onOffer.set(event.requestId, event.agentId);
        steps.push({ at: event.at, agentId: event.agentId, delta: 1, event });
        break;
      case 'accept':
        if (event.ok) onOffer.delete(event.requestId);
        else release(event.requestId, event.agentId, event.at, event);
        break;
      case 'decline':
      case 'expire':
      case 'returned':
        release(event.requestId, event.agentId, event.at, event);
        break;
      case 'cancel':
        for (const [requestId, agentId] of onOffer) if (conversationOf.get(requestId) === event.conversationId) release(requestId, agentId, event.at, event);
        break;
      case 'close':
        steps.push({ at: event.at, agentId: event.agentId, delta: -1, event });
        break;
      default:
        break;
    }
  }
  return steps;
}

/** Offers that left an agent holding more chats (offered + assigned) than their capacity, as the agent's client counted. */
export function overCapacityOffers(log: RunLog): { requestId: string; agentId: string; load: number; maxChats: number }[] {
  const agents = new Map(log.agents.map((a) => [a.id, a]));
  const load = new Map<string, number>();
  const violations: { requestId: string; agentId: string; load: number; maxChats: number }[] = [];
  for (const step of loadSteps(log)) {
    const now = (load.get(step.agentId) ?? 0) + step.delta;
    load.set(step.agentId, now);
    const max = agents.get(step.agentId)?.maxChats ?? 0;
    if (step.delta === 1 && step.event.kind === 'offer' && now > max) violations.push({ requestId: step.event.requestId, agentId: step.agentId, load: now, maxChats: max });
  }
  return violations;
}

/** Requests two agents were both told they had (two accepts answered 200). */
export function doubleAssignments(log: RunLog): string[] {
  const winners = new Map<string, Set<string>>();
  for (const event of log.events) {
    if (event.kind !== 'accept' || !event.ok) continue;
    const set = winners.get(event.requestId) ?? new Set<string>();
    set.add(event.agentId);
    winners.set(event.requestId, set);
  }
  const doubles = [...winners].filter(([, agents]) => agents.size > 1).map(([id]) => id);
  // The database's last word must agree with the one agent who got the 200.
  const requests = new Map(log.requests.map((r) => [r.id, r]));
  for (const [id, agents] of winners) {
    const assignedTo = requests.get(id)?.assignedTo;
    if (agents.size === 1 && assignedTo && !agents.has(assignedTo) && !doubles.includes(id)) doubles.push(id);
  }
  return doubles;
}

export interface PriorityInversion {
  /** The request offered. */
  requestId: string;
  agentId: string;
  at: number;
  /** The strictly higher-priority request of the same group the agent could have had, waiting since `waitingSince`. */
  jumpedId: string;
  waitingSince: number;
}

/**
 * Priority inversions: an offer of request R to agent A at time t while a request R' of the same
 * group with strictly higher priority (lower number) had been waiting in the queue (queued, on offer
 * to nobody) since at least `INVERSION_GRACE_MS` before t, and A could have taken R': A belongs to
 * the group, has every skill R' needs, and had not declined or let expire an offer of R' before.
 */
export function priorityInversions(log: RunLog): PriorityInversion[] {
  const requests = new Map(log.requests.map((r) => [r.id, r]));
  const agents = new Map(log.agents.map((a) => [a.id, a]));
  const conversations = new Map(log.requests.map((r) => [r.conversationId, r.id]));
  // Waiting intervals per request: from queued (or back in the queue) to the next offer, accept, cancel.
  const seen = firstSeen(log.events);
  // Waiting from the later of queued_at (stamped when the bot's turn began) and the first sight of its commit.
  const waitingSince = new Map<string, number | null>(log.requests.filter((r) => r.status !== 'unavailable').map((r) => [r.id, Math.max(r.queuedAt, seen.get(r.id) ?? -Infinity)]));
  const skipped = new Map<string, Set<string>>();
  const holder = new Map<string, string>();
  const inversions: PriorityInversion[] = [];
  for (const event of byTime(releasedAtSend(log.events))) {
    switch (event.kind) {
      case 'offer': {
        const offered = requests.get(event.requestId);
        const agent = agents.get(event.agentId);
        if (offered && agent) {
          for (const [otherId, since] of waitingSince) {
            if (since === null || otherId === offered.id || since > event.at - INVERSION_GRACE_MS) continue;
            const other = requests.get(otherId)!;
            if (other.groupId !== offered.groupId || other.priority >= offered.priority) continue;
            if (!qualifies(agent, other) || skipped.get(otherId)?.has(agent.id)) continue;
            inversions.push({ requestId: offered.id, agentId: agent.id, at: event.at, jumpedId: otherId, waitingSince: since });
          }
        }
        waitingSince.set(event.requestId, null);
        holder.set(event.requestId, event.agentId);
        break;
      }
      case 'decline':
      case 'expire':
      case 'returned':
        if (event.kind !== 'returned') skipped.set(event.requestId, (skipped.get(event.requestId) ?? new Set()).add(event.agentId));
        // Back in the queue only if no one else was offered it meanwhile (answers can overtake each other).
        if (holder.get(event.requestId) === event.agentId) {
          waitingSince.set(event.requestId, event.at);
          holder.delete(event.requestId);
        }
        break;
      case 'cancel': {
        const id = conversations.get(event.conversationId);
        if (id) waitingSince.set(id, null);
        break;
      }
      default:
        break;
    }
  }
  return inversions;
}

function qualifies(agent: AgentRecord, request: RequestRecord): boolean {
  return request.groupId !== null && agent.groups.includes(request.groupId) && request.requiredSkills.every((s) => agent.skills.includes(s));
}

export interface AgentShare {
  agent: AgentRecord;
  chats: number;
  /** Minutes online. */
  onlineMinutes: number;
  /** Chats per capacity-hour online: equal across agents of the same groups when the router is fair. */
  chatsPerCapacityHour: number;
}

/** Chats each agent accepted against the capacity they offered (max chats × time online). */
export function agentShares(log: RunLog, runEnd: number): AgentShare[] {
  const chats = new Map<string, number>();
  for (const e of log.events) if (e.kind === 'accept' && e.ok) chats.set(e.agentId, (chats.get(e.agentId) ?? 0) + 1);
  return log.agents.map((agent) => {
    let online = 0;
    let since: number | null = null;
    for (const e of byTime(log.events)) {
      if (e.kind !== 'presence' || e.agentId !== agent.id) continue;
      if (e.presence === 'online' && since === null) since = e.at;
      if (e.presence !== 'online' && since !== null) {
        online += e.at - since;
        since = null;
      }
    }
    if (since !== null) online += runEnd - since;
    const onlineMinutes = online / 60_000;
    const n = chats.get(agent.id) ?? 0;
    return { agent, chats: n, onlineMinutes, chatsPerCapacityHour: onlineMinutes > 0 ? n / ((agent.maxChats * onlineMinutes) / 60) : 0 };
  });
}

/** Told-at-enqueue estimate minus the real wait (first queued → first assigned), seconds, for conversations an agent took. */
export function etaErrors(log: RunLog): number[] {
  const firstEta = new Map<string, number>();
  for (const e of byTime(log.events)) if (e.kind === 'eta' && !firstEta.has(e.conversationId)) firstEta.set(e.conversationId, e.etaSeconds);
  const waits = new Map<string, { queuedAt: number; assignedAt: number | null }>();
  for (const r of log.requests) {
    const w = waits.get(r.conversationId) ?? { queuedAt: r.queuedAt, assignedAt: null };
    w.queuedAt = Math.min(w.queuedAt, r.queuedAt);
    if (r.assignedAt !== null) w.assignedAt = w.assignedAt === null ? r.assignedAt : Math.min(w.assignedAt, r.assignedAt);
    waits.set(r.conversationId, w);
  }
  const errors: number[] = [];
  for (const [conversationId, w] of waits) {
    const eta = firstEta.get(conversationId);
    if (eta !== undefined && w.assignedAt !== null) errors.push(eta - (w.assignedAt - w.queuedAt) / 1000);
  }
  return errors;
}

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
  for (const event of byTime(releasedAtSend(log.events))) {
    switch (event.kind) {
      case 'offer': {
        const request = requests.get(event.requestId);
        const agent = state(event.agentId);
        const enqueued = Math.max(request?.queuedAt ?? event.at, seen.get(event.requestId) ?? -Infinity);
        const since = Math.max(availableSince.get(event.requestId) ?? enqueued, agent.freeSince ?? event.at);
        latencies.push(Math.max(0, event.at - since));
        holder.set(event.requestId, event.agentId);
        agent.load += 1;
        settle(event.agentId, event.at);
        break;
      }
      case 'accept':
        if (!event.ok) {
          state(event.agentId).load -= 1;
          settle(event.agentId, event.at);
        }
        break;
      case 'decline':
      case 'expire':
      case 'returned':
        // Back in the queue only if no one else was offered it meanwhile (answers can overtake each other).
        if (holder.get(event.requestId) === event.agentId) {
          availableSince.set(event.requestId, event.at);
          holder.delete(event.requestId);
        }
        state(event.agentId).load -= 1;
        settle(event.agentId, event.at);
        break;
      case 'close':
        state(event.agentId).load -= 1;
        settle(event.agentId, event.at);
        break;
      case 'presence':
        state(event.agentId).presence = event.presence;
        settle(event.agentId, event.at);
        break;
      default:
        break;
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

/** Offers that left an agent holding more chats (offered + assigned) than their capacity, as the agent's client counted. */
export function overCapacityOffers(log: RunLog): { requestId: string; agentId: string; load: number; maxChats: number }[] {
  const agents = new Map(log.agents.map((a) => [a.id, a]));
  const load = new Map<string, number>();
  const violations: { requestId: string; agentId: string; load: number; maxChats: number }[] = [];
  const change = (id: string, by: number) => load.set(id, (load.get(id) ?? 0) + by);
  for (const event of byTime(releasedAtSend(log.events))) {
    if (event.kind === 'offer') {
      change(event.agentId, 1);
      const max = agents.get(event.agentId)?.maxChats ?? 0;
      if (load.get(event.agentId)! > max) violations.push({ requestId: event.requestId, agentId: event.agentId, load: load.get(event.agentId)!, maxChats: max });
    } else if ((event.kind === 'accept' && !event.ok) || event.kind === 'decline' || event.kind === 'expire' || event.kind === 'returned' || event.kind === 'close') {
      change(event.agentId, -1);
    }
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
  const waitingSince = new Map<string, number | null>(log.requests.filter((r) => r.status !== 'unavailable').map((r) => [r.id, r.queuedAt]));
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

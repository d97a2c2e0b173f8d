import type { AgentPresenceChangedEvent, HandoffOverview, HotConversation, OverviewAgent, OverviewGroup } from './supervisor-api-types.js';

export type HotKind = 'risk' | 'anger' | 'other';

export interface HotRow extends HotConversation {
  kind: HotKind;
  /** The assigned agent's name, when the overview lists them. */
  assignedName: string | null;
  /** The name of the agent it is on offer to right now, when the overview lists them. */
  offeredName: string | null;
}

export interface AgentRow extends OverviewAgent {
  /** activeChats ÷ maxChats, 0–1 (1 when the agent takes no chats at all). */
  load: number;
  full: boolean;
}

export interface OverviewTotals {
  waiting: number;
  longestWaitSeconds: number;
  onlineAgents: number;
  /** Free chat slots of the online agents. */
  freeSlots: number;
}

export interface OverviewView {
  groups: OverviewGroup[];
  agents: AgentRow[];
  hot: HotRow[];
  totals: OverviewTotals;
}

const presenceOrder = { online: 0, away: 1, offline: 2 } as const;

/**
 * What the live view shows, from one overview answer: groups with waiting chats first, agents
 * online before away before offline and the busiest first, the hot list by priority and then the
 * longest wait, and the totals above them.
 */
export function buildOverviewView(overview: HandoffOverview): OverviewView {
  const agents = overview.agents.map(toAgentRow).sort(
    (a, b) => presenceOrder[a.presence] - presenceOrder[b.presence] || b.load - a.load || a.name.localeCompare(b.name),
  );
  const names = new Map(overview.agents.map((agent) => [agent.userId, agent.name]));
  const hot = overview.hot
    .map(
      (row): HotRow => ({
        ...row,
        kind: hotKind(row),
        assignedName: row.assignedTo ? (names.get(row.assignedTo) ?? null) : null,
        offeredName: row.status === 'offered' && row.offeredTo ? (names.get(row.offeredTo) ?? null) : null,
      }),
    )
    .sort((a, b) => a.priority - b.priority || b.waitSeconds - a.waitSeconds);
  const groups = [...overview.groups].sort((a, b) => b.waiting - a.waiting || b.longestWaitSeconds - a.longestWaitSeconds || a.name.localeCompare(b.name));
  const online = agents.filter((agent) => agent.presence === 'online');
  return {
    groups,
    agents,
    hot,
    totals: {
      waiting: groups.reduce((sum, group) => sum + group.waiting, 0),
      longestWaitSeconds: groups.reduce((max, group) => Math.max(max, group.longestWaitSeconds), 0),
      onlineAgents: online.length,
      freeSlots: online.reduce((sum, agent) => sum + Math.max(0, agent.maxChats - agent.activeChats), 0),
    },
  };
}

/**
 * The overview with one agent's presence and load replaced, shown at once while the refetch the
 * same event triggers is on its way; an agent the overview does not list yet is left to that refetch.
 */
export function applyPresenceChange(overview: HandoffOverview, event: AgentPresenceChangedEvent): HandoffOverview {
  if (!overview.agents.some((agent) => agent.userId === event.userId)) return overview;
  return {
    ...overview,
    agents: overview.agents.map((agent) =>
      agent.userId === event.userId ? { ...agent, presence: event.presence, activeChats: event.activeChats, maxChats: event.maxChats } : agent,
    ),
  };
}

export interface ReassignCandidate extends AgentRow {
  /** Why the server will most likely refuse (it decides; this only orders and labels the list). */
  unlikely: 'offline' | 'away' | 'full' | null;
}

/**
 * The agents a hot conversation can be moved to: everyone but its current agent, those who can
 * take it now first. Skills are not checked here: the server answers 409 `agent_lacks_skill`.
 */
export function reassignCandidates(agents: readonly AgentRow[], currentAssignee: string | null): ReassignCandidate[] {
  return agents
    .filter((agent) => agent.userId !== currentAssignee)
    .map((agent): ReassignCandidate => ({
      ...agent,
      unlikely: agent.presence === 'offline' ? 'offline' : agent.presence === 'away' ? 'away' : agent.full ? 'full' : null,
    }))
    .sort((a, b) => unlikelyRank[a.unlikely ?? 'none'] - unlikelyRank[b.unlikely ?? 'none'] || a.load - b.load || a.name.localeCompare(b.name));
}

// A full agent may free a slot any moment; an away one has to come back first; an offline one is gone.
const unlikelyRank = { none: 0, full: 1, away: 2, offline: 3 } as const;

function toAgentRow(agent: OverviewAgent): AgentRow {
  const load = agent.maxChats > 0 ? Math.min(1, agent.activeChats / agent.maxChats) : 1;
  return { ...agent, load, full: agent.activeChats >= agent.maxChats };
}

function hotKind(row: HotConversation): HotKind {
  if (row.priority === 0 || row.risk === 'high' || row.reason === 'high_risk') return 'risk';
  if (row.priority === 1 || row.emotion === 'anger' || row.reason === 'anger') return 'anger';
  return 'other';
}

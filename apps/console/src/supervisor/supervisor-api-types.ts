/**
 * The handoff shapes the supervisor screens read, as docs/design/handoff.md ("Staff API",
 * "Realtime") fixes them (`handoff.changed` is the workspace's, in workspace/workspace-api-types.ts).
 */

import type { ConversationChannel } from '../api/api-types.js';

export type AgentPresence = 'online' | 'away' | 'offline';
export type HandoffReason = 'user_request' | 'high_risk' | 'anger' | 'repeated_failure' | 'flow' | 'transfer';
export type HandoffStatus = 'queued' | 'offered' | 'assigned' | 'ended' | 'unavailable' | 'left_message' | 'cancelled';
export type RiskLevel = 'none' | 'medium' | 'high';
export type EmotionLabel = 'anger' | 'anxiety' | 'neutral' | 'satisfied';

/** Lower is served first (server `HANDOFF_PRIORITY`). */
export const HANDOFF_PRIORITY = { high_risk: 0, anger: 1, verified: 2, normal: 3 } as const;

/** `GET /handoff/overview` → `groups[]`: one chat group right now. */
export interface OverviewGroup {
  id: string;
  name: string;
  /** queued + offered requests of the group. */
  waiting: number;
  /** At the moment the server answered; the console keeps counting locally. */
  longestWaitSeconds: number;
  onlineAgents: number;
  /** Inside the group's business hours. */
  open: boolean;
}

/** `GET /handoff/overview` → `agents[]` (also the shape of `GET /agents`, minus groups). */
export interface OverviewAgent {
  userId: string;
  name: string;
  presence: AgentPresence;
  activeChats: number;
  maxChats: number;
  skills: string[];
}

/** `GET /handoff/overview` → `hot[]`: high-risk and angry conversations still waiting or being served. */
export interface HotConversation {
  conversationId: string;
  /** Where the customer came in; older servers leave it out (read as web). */
  channel?: ConversationChannel;
  requestId: string;
  reason: HandoffReason;
  priority: number;
  status: HandoffStatus;
  assignedTo: string | null;
  /** The agent it is on offer to right now (status `offered`), else null. */
  offeredTo: string | null;
  risk: RiskLevel | null;
  emotion: EmotionLabel | null;
  waitSeconds: number;
}

export interface HandoffOverview {
  groups: OverviewGroup[];
  agents: OverviewAgent[];
  hot: HotConversation[];
}

/** `agent.presence_changed` (tenant room). */
export interface AgentPresenceChangedEvent {
  userId: string;
  presence: AgentPresence;
  activeChats: number;
  maxChats: number;
}

/** `handoff.alert` (the group's supervisors): a new request with priority 0 or 1. */
export interface HandoffAlertEvent {
  requestId: string;
  conversationId: string;
  reason: HandoffReason;
  priority: number;
  summary: string;
  /** Where the customer came in; older servers leave it out (read as web). */
  channel?: ConversationChannel;
}

/** Codes `POST /handoff/requests/:id/reassign` refuses with (409), as transfer does; the console names each in its catalogue. */
export const REASSIGN_REFUSALS = ['agent_lacks_skill', 'agent_at_capacity', 'agent_offline', 'handoff_not_active'] as const;

/**
 * What a handoff bench run observed, in one place: the requests as the database holds them at the
 * end, the simulated agents, and every event as a simulated client saw it (ms since the epoch,
 * one process, one clock). The metrics are pure functions of this log (handoff-metrics.ts).
 */
export interface RequestRecord {
  id: string;
  conversationId: string;
  groupId: string | null;
  priority: number;
  requiredSkills: string[];
  /** When the request first entered the queue (`queued_at`, kept across re-queues). */
  queuedAt: number;
  status: string;
  assignedTo: string | null;
  assignedAt: number | null;
}

export interface AgentRecord {
  id: string;
  name: string;
  skills: string[];
  groups: string[];
  maxChats: number;
}

export type RunEvent =
  /** `handoff.offer` arrived on the agent's socket. */
  | { kind: 'offer'; at: number; requestId: string; agentId: string; expiresAt: number }
  /** The agent's accept was answered: 200 (`ok`) or a refusal code. `sentAt`: when it was sent. */
  | { kind: 'accept'; at: number; sentAt: number; requestId: string; agentId: string; ok: boolean; code?: string }
  /** The agent declined (`sentAt`: when the decline left the client; the slot is free from then at the latest). */
  | { kind: 'decline'; at: number; sentAt: number; requestId: string; agentId: string }
  /** The agent let the offer run out; `at` is the offer's `offerExpiresAt`. */
  | { kind: 'expire'; at: number; requestId: string; agentId: string }
  /** The agent closed the chat (`sentAt` as above). */
  | { kind: 'close'; at: number; sentAt: number; requestId: string; agentId: string }
  /** The agent's presence as the server confirmed it (`sentAt`: when it was asked for). */
  | { kind: 'presence'; at: number; sentAt: number; agentId: string; presence: 'online' | 'away' | 'offline' }
  /** Requests the server gave back to the queue when their agent went offline (seen as the agent's `handoff/mine` emptying). */
  | { kind: 'returned'; at: number; requestId: string; agentId: string }
  /** The first wait estimate the visitor was told for this request. */
  | { kind: 'eta'; at: number; conversationId: string; etaSeconds: number }
  /** A client first learnt the request exists (a `handoff.changed` on an agent socket): its enqueue had committed by then. */
  | { kind: 'seen'; at: number; requestId: string }
  /** A visitor sent a message (the one that asks for a human among them). */
  | { kind: 'asked'; at: number; conversationId: string }
  /** The visitor pressed 取消等待. */
  | { kind: 'cancel'; at: number; conversationId: string };

export interface RunLog {
  requests: RequestRecord[];
  agents: AgentRecord[];
  /** Group id → the skills its chats need (the group's `chat_skills`); English comes per request. */
  groups: Map<string, { name: string }>;
  events: RunEvent[];
}

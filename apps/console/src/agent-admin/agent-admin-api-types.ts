import type { AgentPresence } from '../supervisor/supervisor-api-types.js';

/** `GET /agents` → `items[]`: a staff member's chat profile (created with defaults on first use). */
export interface AgentProfile {
  userId: string;
  name: string;
  email?: string;
  presence: AgentPresence;
  maxChats: number;
  skills: string[];
  activeChats: number;
  groups?: { id: string; name: string; isSupervisor: boolean }[];
}

/** `PATCH /agents/:userId` (users.manage). */
export interface AgentProfilePatch {
  maxChats?: number;
  skills?: string[];
}

/** Tenant-wide replies are shared by every agent (`kb.write` to change); personal ones belong to their owner. */
export type CannedReplyScope = 'tenant' | 'personal';

/** `GET /canned-replies` → `items[]`. */
export interface CannedReply {
  id: string;
  scope: CannedReplyScope;
  /** Null for a tenant-wide reply. */
  ownerId: string | null;
  /** What follows `/` in the reply box. */
  shortcut: string;
  title: string;
  /** May hold `{customerName}`, `{orderNumber}`, `{agentName}`, `{ticketNumber}`. */
  body: string;
  updatedAt: string;
}

export interface CannedReplyInput {
  scope: CannedReplyScope;
  shortcut: string;
  title: string;
  body: string;
}

/** The chat routing settings `PATCH /agent-groups/:id` also takes (migration 0015). */
export interface GroupChatSettings {
  handlesChat: boolean;
  chatSkills: string[];
  chatIntents: string[];
  isChatDefault: boolean;
  offerTimeoutSeconds: number;
}

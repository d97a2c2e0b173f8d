// Wire types of docs/api-contract.md (v1). The server's zod schemas are the
// source of truth; the console does not import server code (it would drag Node
// modules into the browser bundle), so these mirror the contract document and
// must change together with it.

export type Role = 'admin' | 'supervisor' | 'agent' | 'analyst';

export interface StaffUser {
  id: string;
  tenantId: string;
  tenantName: string;
  email: string;
  name: string;
  role: Role;
}

export interface SessionInfo {
  user: StaffUser;
  csrfToken: string;
}

export interface LoginInput {
  tenant: string;
  email: string;
  password: string;
}

export type ConversationStatus = 'open' | 'closed';
export type SenderType = 'visitor' | 'bot' | 'agent' | 'system';

export interface Visitor {
  id: string;
  name: string | null;
  externalId: string | null;
  verified: boolean;
}

export interface LastMessage {
  text: string;
  senderType: SenderType;
  createdAt: string;
}

export interface Conversation {
  id: string;
  tenantId: string;
  status: ConversationStatus;
  handoff: boolean;
  assigneeId: string | null;
  visitor: Visitor;
  lastSeq: number;
  lastMessage: LastMessage | null;
  createdAt: string;
  updatedAt: string;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  senderType: SenderType;
  senderId: string | null;
  senderName: string | null;
  text: string;
  clientMsgId: string | null;
  quickReplies: string[];
  meta: Record<string, unknown>;
  createdAt: string;
}

export interface ConversationPatch {
  status?: ConversationStatus;
  assigneeId?: string | null;
}

export interface Faq {
  id: string;
  question: string;
  paraphrases: string[];
  answer: string;
  category: string;
  createdAt: string;
  updatedAt: string;
}

export interface FaqInput {
  question: string;
  paraphrases: string[];
  answer: string;
  category: string;
}

export interface FaqQuery {
  q?: string;
  category?: string;
}

export interface Page<T> {
  items: T[];
}

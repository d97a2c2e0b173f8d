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
  /** Two-factor authentication (TOTP) is on for this user. */
  mfaEnabled: boolean;
}

export interface SessionInfo {
  user: StaffUser;
  csrfToken: string;
  /** The tenant requires MFA and the user has none: the session may only enroll until it is confirmed. */
  mfaEnrollmentRequired: boolean;
}

/** A password login of a user with MFA on: no session yet, the code goes with this token to the second step. */
export interface MfaChallenge {
  mfaRequired: true;
  challengeToken: string;
  expiresInSeconds: number;
}

export interface MfaStatus {
  enabled: boolean;
  pending: boolean;
  required: boolean;
}

export interface MfaEnrollment {
  /** Base32, for typing into an authenticator app. */
  secret: string;
  otpauthUri: string;
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

/** A page of a cursor-paged list: pass `nextCursor` back to get the next one; null on the last page. */
export interface CursorPage<T> extends Page<T> {
  nextCursor: string | null;
}

export type ArticleStatus = 'draft' | 'published' | 'archived';

/** A knowledge-base article: the newest text, plus which version visitors see. */
export interface Article {
  id: string;
  category: string;
  status: ArticleStatus;
  currentVersion: number;
  publishedVersion: number | null;
  graphNodeIds: string[];
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface ArticleVersion {
  version: number;
  title: string;
  body: string;
  authorId: string | null;
  createdAt: string;
}

/** An article with every version, newest first. */
export interface ArticleDetail extends Article {
  versions: ArticleVersion[];
}

export interface ArticleQuery {
  status?: ArticleStatus;
  category?: string;
  q?: string;
}

export interface ArticleInput {
  title: string;
  body: string;
  category?: string;
  graphNodeIds?: string[];
}

export type SuggestionKind = 'new_faq' | 'paraphrase';
export type SuggestionStatus = 'pending' | 'accepted' | 'rejected';

/** A proposal mined from questions the bot could not answer. */
export interface Suggestion {
  id: string;
  kind: SuggestionKind;
  /** For `paraphrase`: the FAQ the paraphrases would join (null if it was deleted meanwhile). */
  faqId: string | null;
  /** For `new_faq` the proposed question; for `paraphrase` the FAQ's own question. */
  question: string;
  paraphrases: { text: string; count: number }[];
  sampleCount: number;
  status: SuggestionStatus;
  createdAt: string;
  decidedAt: string | null;
}

export interface SuggestionAcceptInput {
  question?: string;
  answer?: string;
  paraphrases?: string[];
  category?: string;
}

export interface SuggestionRefreshResult {
  questions: number;
  items: Suggestion[];
}

export interface KnowledgeSearchHit {
  type: 'faq' | 'article';
  id: string;
  title: string;
  snippet: string;
  score: number;
}

export type IdentityMode = 'off' | 'optional' | 'required';

/** Where the widget may be embedded and whether visitors must prove who they are (admin only). */
export interface WidgetSecuritySettings {
  /** Origins such as `https://shop.example.com` or `https://*.example.com`. */
  allowedOrigins: string[];
  identity: { mode: IdentityMode; secretSet: boolean };
}

/** Switching identity mode may create the first secret, which the server returns this once. */
export interface WidgetIdentityUpdate extends WidgetSecuritySettings {
  secret?: string;
}

/** The tenant's staff sign-in policy (admin only). */
export interface StaffSecuritySettings {
  /** Every staff user must use two-factor login; turning it on needs the admin's own two-factor login first (409 `mfa_not_enabled`). */
  mfaRequired: boolean;
}

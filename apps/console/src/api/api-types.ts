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

/** Where a conversation came in (server migration 0023). */
export type ConversationChannel = 'web' | 'app' | 'wechat_mp' | 'wechat_mini' | 'wecom_kf' | 'phone' | 'speaker';
export const CONVERSATION_CHANNELS: readonly ConversationChannel[] = ['web', 'app', 'wechat_mp', 'wechat_mini', 'wecom_kf', 'phone', 'speaker'];

export interface Conversation {
  id: string;
  /** Optional for a server from before the channel existed (treated as web). */
  channel?: ConversationChannel;
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
  /** An internal note (docs/design/handoff.md): staff only, never shown to the visitor. */
  internal?: boolean;
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
  type: 'faq' | 'article' | 'passage';
  id: string;
  /** For a passage: 《document》 and its heading path. */
  title: string;
  snippet: string;
  score: number;
  /** Passages only: opens the document at the passage. */
  link?: string;
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

/** The tenant's speech providers (admin only): mirrors packages/server/src/voice/voice-settings.ts `voiceSettingsDto`; secrets are never sent back, only whether one is set. */
export type SpeechRecognizerChoice = 'none' | 'aliyun' | 'tencent' | 'iflytek';
export type SpeechSynthesizerChoice = 'espeak' | 'aliyun' | 'tencent' | 'iflytek';
export interface VoiceSettings {
  recognizer: SpeechRecognizerChoice;
  synthesizer: SpeechSynthesizerChoice;
  aliyun: { appKey: string; accessKeyId: string; accessKeySecretSet: boolean; tokenUrl: string; gatewayUrl: string; ttsUrl: string; voice: string } | null;
  tencent: { appId: string; secretId: string; secretKeySet: boolean; asrUrl: string; ttsUrl: string; engine: string; voiceType: number } | null;
  iflytek: { appId: string; apiKey: string; apiSecretSet: boolean; iatUrl: string; ttsUrl: string; voice: string } | null;
  mainlandProvidersOnly: boolean;
}

/** `PUT /settings/voice`: a provider section replaces the stored one (an omitted secret keeps the stored secret); an omitted section is kept. */
export interface VoiceSettingsUpdate {
  recognizer: SpeechRecognizerChoice;
  synthesizer: SpeechSynthesizerChoice;
  aliyun?: { appKey: string; accessKeyId: string; accessKeySecret?: string; tokenUrl?: string; gatewayUrl?: string; ttsUrl?: string; voice?: string };
  tencent?: { appId: string; secretId: string; secretKey?: string; asrUrl?: string; ttsUrl?: string; engine?: string; voiceType?: number };
  iflytek?: { appId: string; apiKey: string; apiSecret?: string; iatUrl?: string; ttsUrl?: string; voice?: string };
}

// Tickets (docs/design/tickets.md): mirrors packages/server/src/tickets/ticket-dto.ts field for field.

export type TicketPriority = 'P1' | 'P2' | 'P3' | 'P4';
export type TicketStatus = 'new' | 'open' | 'pending_customer' | 'resolved' | 'closed';
export type TicketChannel = 'widget' | 'chat' | 'console' | 'api';
export type SlaClockName = 'first_response' | 'next_response' | 'resolution';

/** One SLA clock of a ticket (the countdown on every row). */
export interface SlaClockDto {
  clock: SlaClockName;
  dueAt: string;
  /** Met (responded/resolved) at, else null. */
  metAt: string | null;
  /** `paused` while waiting on the customer; `breached` late and still open. */
  state: 'running' | 'paused' | 'met' | 'breached' | 'met_late';
  /** Business minutes left (negative when late); null when met. */
  businessMinutesLeft: number | null;
}

export interface TicketContact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

/** A queue row. */
export interface TicketSummaryDto {
  id: string;
  number: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  category: { id: string; key: string; name: string } | null;
  group: { id: string; name: string } | null;
  assignee: { id: string; name: string } | null;
  needsTriage: boolean;
  channel: TicketChannel;
  contact: TicketContact;
  breached: boolean;
  /** The nearest open clock, null when none runs. */
  nextDeadline: SlaClockDto | null;
  createdAt: string;
  updatedAt: string;
}

export interface TicketDto extends TicketSummaryDto {
  description: string;
  conversationId: string | null;
  customerRef: string | null;
  customerTier: string | null;
  fields: Record<string, string | number>;
  classification: { categoryKey: string | null; confidence: number; priority: TicketPriority; source: 'customer' | 'nlu' | 'rule' | 'agent' } | null;
  sla: { policy: { id: string; name: string } | null; clocks: SlaClockDto[] };
  mergedIntoId: string | null;
  attachments: { id: string; filename: string; contentType: string; size: number; createdAt: string }[];
  resolvedAt: string | null;
  closedAt: string | null;
}

export interface TicketEventDto {
  id: string;
  seq: number;
  type: string;
  actorType: 'customer' | 'agent' | 'system' | 'bot' | 'api';
  actorId: string | null;
  actorName: string | null;
  /** Shown to the customer in their progress view; otherwise internal. */
  public: boolean;
  body: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export type TicketQueue = 'all' | 'mine' | 'my_groups' | 'unassigned' | 'triage' | 'due_soon' | 'breached';

/** `GET /tickets`: keyset pages plus the queue's total. */
export interface TicketPage {
  items: TicketSummaryDto[];
  nextCursor: string | null;
  total: number;
}

export interface TicketPatch {
  status?: TicketStatus;
  priority?: TicketPriority;
  categoryId?: string | null;
  groupId?: string | null;
  assigneeId?: string | null;
}

export type TicketBulkPatch = Omit<TicketPatch, 'categoryId'>;

/** A file sent inline with a reply (≤ 3, ≤ 5 MB each; png/jpeg/gif/webp/pdf). */
export interface TicketAttachmentUpload {
  filename: string;
  contentType: string;
  dataBase64: string;
}

export interface TicketReplyInput {
  body: string;
  internal?: boolean;
  attachments?: TicketAttachmentUpload[];
}

// Ticket administration. These mirror the admin routes of docs/design/tickets.md (routing/
// agent-group-dto.ts, routing/routing-rule-dto.ts, tickets/ticket-category-routes.ts,
// tickets/sla/sla-settings-dto.ts). The write routes take strict objects: send only input fields.

export interface AgentGroup {
  id: string;
  name: string;
  description: string;
  calendarId: string | null;
  memberCount: number;
  onDutyCount: number;
  createdAt: string;
}

export interface AgentGroupInput {
  name: string;
  description?: string;
  calendarId?: string | null;
}

export interface AgentGroupMemberInput {
  userId: string;
  isSupervisor: boolean;
  maxOpenTickets: number;
  onDuty: boolean;
}

/** `GET /agent-groups/:id/members`: a member with their account and current open-ticket load (all groups). */
export interface AgentGroupMember extends AgentGroupMemberInput {
  name: string;
  email: string;
  role: string;
  active: boolean;
  openTickets: number;
}

export type TicketFieldType = 'text' | 'phone' | 'order_number' | 'date' | 'number' | 'select';

export interface TicketFieldDefinition {
  key: string;
  label: string;
  type: TicketFieldType;
  required: boolean;
  options?: string[];
}

export interface TicketCategory {
  id: string;
  key: string;
  name: string;
  description: string;
  fields: TicketFieldDefinition[];
  examples: string[];
  defaultGroupId: string | null;
  defaultPriority: TicketPriority;
  position: number;
  active: boolean;
  createdAt: string;
}

export type TicketCategoryInput = Omit<TicketCategory, 'id' | 'createdAt'>;

export interface TicketRoutingRule {
  id: string;
  name: string;
  position: number;
  categoryKeys: string[];
  keywords: string[];
  customerTiers: string[];
  group: { id: string; name: string };
  priority: TicketPriority | null;
  active: boolean;
  createdAt: string;
}

export type TicketRoutingRuleInput = Omit<TicketRoutingRule, 'id' | 'createdAt' | 'group'> & { groupId: string };

export interface SlaPolicy {
  id: string;
  name: string;
  position: number;
  priorities: TicketPriority[];
  categoryKeys: string[];
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  escalateGroupId: string | null;
  calendarId: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export type SlaPolicyInput = Omit<SlaPolicy, 'id' | 'createdAt' | 'updatedAt'>;

/** `"HH:MM"` pairs; several per day (a lunch break). */
export type WorkingWindows = [string, string][];
/** Keys "0" (Sunday) … "6" (Saturday); a missing or empty day is closed. */
export type WeeklyHours = Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', WorkingWindows>>;

export interface CalendarClosure {
  from: string;
  to: string;
  name: string;
}

export interface BusinessCalendar {
  /** Null: the tenant has not saved one; the built-in Monday–Friday hours apply. */
  id: string | null;
  name: string;
  timezone: string;
  weeklyHours: WeeklyHours;
  followChinaHolidays: boolean;
  closures: CalendarClosure[];
  updatedAt: string | null;
}

export type BusinessCalendarInput = Pick<BusinessCalendar, 'weeklyHours' | 'followChinaHolidays' | 'closures'> & { name?: string };

export type CalendarDayReason = 'weekday' | 'weekend' | 'holiday' | 'makeup_workday' | 'closure';

export interface CalendarDay {
  /** `YYYY-MM-DD`. */
  day: string;
  open: boolean;
  windows: WorkingWindows;
  reason: CalendarDayReason;
  /** The holiday's or closure's name. */
  name?: string;
}

export interface CalendarYear {
  year: number;
  /** Whether the State Council's arrangement for this year is known (else plain weekdays). */
  officialHolidays: boolean;
  days: CalendarDay[];
}

/** `GET /users` (users.read). */
export interface StaffUserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
}

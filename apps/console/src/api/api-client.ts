import { ApiError, networkError, toApiError } from './api-error.js';
import type {
  Article,
  ArticleDetail,
  ArticleInput,
  ArticleQuery,
  Conversation,
  ConversationPatch,
  ConversationStatus,
  CursorPage,
  Faq,
  FaqInput,
  FaqQuery,
  IdentityMode,
  KnowledgeSearchHit,
  LoginInput,
  Message,
  MfaChallenge,
  MfaEnrollment,
  MfaStatus,
  Page,
  SessionInfo,
  StaffSecuritySettings,
  Suggestion,
  SuggestionAcceptInput,
  SuggestionRefreshResult,
  SuggestionStatus,
  VoiceSettings,
  VoiceSettingsUpdate,
  WidgetIdentityUpdate,
  WidgetSecuritySettings,
} from './api-types.js';

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Defaults to `/api/v1` (same origin as the console). */
  baseUrl?: string;
  fetch?: FetchLike;
  /** Called when an authenticated call answers 401, i.e. the session expired or was revoked. */
  onUnauthorized?: () => void;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * The console's only door to the HTTP API: JSON in and out, the session cookie
 * sent along, the CSRF token added to every write, failures turned into ApiError.
 * @example const api = new ApiClient(); const { user } = await api.login({ tenant, email, password });
 */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: FetchLike;
  private readonly onUnauthorized: (() => void) | undefined;
  // Kept in memory only: a token in storage would be readable by any injected script.
  private csrfToken: string | null = null;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '/api/v1';
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.onUnauthorized = options.onUnauthorized;
  }

  /** Password login: a session, or, when the user has MFA on, a challenge for loginWithMfa. */
  async login(input: LoginInput): Promise<SessionInfo | MfaChallenge> {
    const result = await this.request<SessionInfo | MfaChallenge>('POST', '/auth/login', input, { authenticated: false });
    if (!('mfaRequired' in result)) this.csrfToken = result.csrfToken;
    return result;
  }

  /** The second login step: the challenge's token and a 6-digit code from the authenticator app. */
  async loginWithMfa(challengeToken: string, code: string): Promise<SessionInfo> {
    const session = await this.request<SessionInfo>('POST', '/auth/login/mfa', { challengeToken, code }, { authenticated: false });
    this.csrfToken = session.csrfToken;
    return session;
  }

  mfaStatus(): Promise<MfaStatus> {
    return this.request('GET', '/auth/mfa');
  }

  /** A new secret, pending until confirmMfa; replaces an unconfirmed one. */
  startMfaEnrollment(): Promise<MfaEnrollment> {
    return this.request('POST', '/auth/mfa/enroll');
  }

  confirmMfa(code: string): Promise<MfaStatus> {
    return this.request('POST', '/auth/mfa/confirm', { code });
  }

  disableMfa(code: string): Promise<MfaStatus> {
    return this.request('POST', '/auth/mfa/disable', { code });
  }

  /** Restores the session from the cookie; rejects with `unauthorized` when there is none. */
  async me(): Promise<SessionInfo> {
    const session = await this.request<SessionInfo>('GET', '/auth/me', undefined, { authenticated: false });
    this.csrfToken = session.csrfToken;
    return session;
  }

  async logout(): Promise<void> {
    try {
      await this.request<void>('POST', '/auth/logout', undefined, { authenticated: false });
    } finally {
      this.csrfToken = null;
    }
  }

  /** Changes the signed-in user's password; the server signs out their other sessions. */
  changePassword(currentPassword: string, newPassword: string): Promise<void> {
    return this.request('POST', '/auth/password', { currentPassword, newPassword });
  }

  listConversations(status: ConversationStatus, limit = 50, cursor?: string): Promise<CursorPage<Conversation>> {
    return this.request('GET', `/conversations${query({ status, limit, cursor })}`);
  }

  getConversation(id: string): Promise<Conversation> {
    return this.request('GET', `/conversations/${encodeURIComponent(id)}`);
  }

  listMessages(conversationId: string, afterSeq: number, limit = 200): Promise<Page<Message>> {
    return this.request('GET', `/conversations/${encodeURIComponent(conversationId)}/messages${query({ afterSeq, limit })}`);
  }

  /** Posts an agent reply; repeating it with the same clientMsgId returns the original message. */
  sendMessage(conversationId: string, text: string, clientMsgId: string): Promise<Message> {
    return this.request('POST', `/conversations/${encodeURIComponent(conversationId)}/messages`, { text, clientMsgId });
  }

  updateConversation(id: string, patch: ConversationPatch): Promise<Conversation> {
    return this.request('PATCH', `/conversations/${encodeURIComponent(id)}`, patch);
  }

  listFaqs(filter: FaqQuery = {}): Promise<Page<Faq>> {
    return this.request('GET', `/kb/faqs${query({ q: filter.q, category: filter.category })}`);
  }

  createFaq(input: FaqInput): Promise<Faq> {
    return this.request('POST', '/kb/faqs', input);
  }

  updateFaq(id: string, input: Partial<FaqInput>): Promise<Faq> {
    return this.request('PATCH', `/kb/faqs/${encodeURIComponent(id)}`, input);
  }

  deleteFaq(id: string): Promise<void> {
    return this.request('DELETE', `/kb/faqs/${encodeURIComponent(id)}`);
  }

  listArticles(filter: ArticleQuery = {}): Promise<Page<Article>> {
    return this.request('GET', `/kb/articles${query({ status: filter.status, category: filter.category, q: filter.q })}`);
  }

  getArticle(id: string): Promise<ArticleDetail> {
    return this.request('GET', `/kb/articles/${encodeURIComponent(id)}`);
  }

  /** Creates a draft (version 1). */
  createArticle(input: ArticleInput): Promise<ArticleDetail> {
    return this.request('POST', '/kb/articles', input);
  }

  /** A changed title or body makes a new version; the published one stays until publish. */
  updateArticle(id: string, patch: Partial<ArticleInput>): Promise<ArticleDetail> {
    return this.request('PATCH', `/kb/articles/${encodeURIComponent(id)}`, patch);
  }

  /** Publishes `version` (an older one rolls back), or the newest when omitted. */
  publishArticle(id: string, version?: number): Promise<ArticleDetail> {
    return this.request('POST', `/kb/articles/${encodeURIComponent(id)}/publish`, version === undefined ? {} : { version });
  }

  archiveArticle(id: string): Promise<ArticleDetail> {
    return this.request('POST', `/kb/articles/${encodeURIComponent(id)}/archive`);
  }

  listSuggestions(status: SuggestionStatus): Promise<Page<Suggestion>> {
    return this.request('GET', `/kb/suggestions${query({ status })}`);
  }

  /** Mines the unanswered questions now instead of waiting for the scheduled run. */
  refreshSuggestions(): Promise<SuggestionRefreshResult> {
    return this.request('POST', '/kb/suggestions/refresh');
  }

  acceptSuggestion(id: string, input: SuggestionAcceptInput): Promise<{ suggestion: Suggestion; faq: Faq }> {
    return this.request('POST', `/kb/suggestions/${encodeURIComponent(id)}/accept`, input);
  }

  rejectSuggestion(id: string): Promise<Suggestion> {
    return this.request('POST', `/kb/suggestions/${encodeURIComponent(id)}/reject`);
  }

  /** What visitors' search would find: FAQs and published articles, best first. */
  searchKnowledge(q: string, limit = 10): Promise<Page<KnowledgeSearchHit>> {
    return this.request('GET', `/kb/search${query({ q, limit })}`);
  }

  getStaffSecurity(): Promise<StaffSecuritySettings> {
    return this.request('GET', '/settings/staff-security');
  }

  /** Turning the requirement on answers 409 `mfa_not_enabled` while the caller has no two-factor login of their own. */
  updateStaffSecurity(mfaRequired: boolean): Promise<StaffSecuritySettings> {
    return this.request('PUT', '/settings/staff-security', { mfaRequired });
  }

  getVoiceSettings(): Promise<VoiceSettings> {
    return this.request('GET', '/settings/voice');
  }

  /** A cloud endpoint outside mainland China answers 403 `provider_outside_mainland` while the tenant keeps data in the mainland. */
  updateVoiceSettings(update: VoiceSettingsUpdate): Promise<VoiceSettings> {
    return this.request('PUT', '/settings/voice', update);
  }

  getWidgetSecurity(): Promise<WidgetSecuritySettings> {
    return this.request('GET', '/settings/widget-security');
  }

  /** Replaces the whole list; a malformed origin is rejected with 400/422 and nothing is saved. */
  updateAllowedOrigins(allowedOrigins: string[]): Promise<WidgetSecuritySettings> {
    return this.request('PUT', '/settings/widget-security', { allowedOrigins });
  }

  /** Carries `secret` only when this call created the tenant's first identity secret. */
  updateIdentityMode(mode: IdentityMode): Promise<WidgetIdentityUpdate> {
    return this.request('PUT', '/settings/widget-security/identity', { mode });
  }

  /** A new secret; hashes signed with the old one stop verifying at once. */
  rotateIdentitySecret(): Promise<{ secret: string }> {
    return this.request('POST', '/settings/widget-security/identity/secret');
  }

  /**
   * A call to a route this class has no named method for; feature modules (tickets/ticket-api.ts)
   * build their typed methods on it, so the session, CSRF and error handling stay in one place.
   */
  send<T>(method: Method, path: string, body?: unknown): Promise<T> {
    return this.request(method, path, body);
  }

  /** A binary upload (a call recording): the blob's own type is the content type. */
  sendBlob<T>(method: Method, path: string, blob: Blob): Promise<T> {
    return this.request(method, path, blob);
  }

  /** A multipart/form-data upload (a document file); the browser sets the boundary. */
  sendForm<T>(method: Method, path: string, form: FormData): Promise<T> {
    return this.request(method, path, form);
  }

  private async request<T>(
    method: Method,
    path: string,
    body?: unknown,
    options: { authenticated: boolean } = { authenticated: true },
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const form = typeof FormData !== 'undefined' && body instanceof FormData;
    const blob = typeof Blob !== 'undefined' && body instanceof Blob;
    if (body !== undefined && !form) headers['content-type'] = blob ? (body as Blob).type : 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;

    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : form ? (body as FormData) : blob ? (body as Blob) : JSON.stringify(body),
      });
    } catch (cause) {
      throw networkError(cause);
    }

    const payload = await readJson(response);
    if (!response.ok) {
      const error = toApiError(response.status, payload);
      if (error.status === 401 && options.authenticated) this.onUnauthorized?.();
      throw error;
    }
    return payload as T;
  }
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (response.ok) throw new ApiError('invalid_response', '', response.status);
    return undefined;
  }
}

/** `?a=1&b=2` from the defined, non-empty params; '' when none. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

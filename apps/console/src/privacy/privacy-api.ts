import { query, type ApiClient } from '../api/api-client.js';

/** Days each data class is kept (the server's retentionSchema). */
export interface RetentionDays {
  conversations: number;
  attachments: number;
  recordings: number;
  analyticsEvents: number;
  auditLog: number;
}
export const RETENTION_CLASSES = ['conversations', 'attachments', 'recordings', 'analyticsEvents', 'auditLog'] as const satisfies readonly (keyof RetentionDays)[];

export interface PrivacySettings {
  notice: { text: string; url: string | null; version: number; updatedAt: string | null };
  requireNoticeConsent: boolean;
  retention: RetentionDays;
  mainlandProvidersOnly: boolean;
}

export type PrivacyRequestKind = 'export' | 'delete' | 'anonymise';

export interface PrivacyRequest {
  id: string;
  kind: PrivacyRequestKind;
  subjectType: 'visitor' | 'external_id';
  subjectRef: string;
  status: 'open' | 'completed' | 'rejected';
  requestedBy: string;
  note: string;
  dueAt: string;
  overdue: boolean;
  completedAt: string | null;
  result: Record<string, unknown>;
  createdAt: string;
}

export interface DataSubject {
  visitorId: string;
  name: string | null;
  externalId: string | null;
  verified: boolean;
  createdAt: string;
}

export interface ConsentEntry {
  id: string;
  scope: string;
  action: 'granted' | 'withdrawn';
  noticeVersion: number;
  conversationId: string | null;
  createdAt: string;
}

export interface AuditChainResult {
  checked: number;
  firstSeq: number | null;
  lastSeq: number | null;
  intact: boolean;
  breaks: { seq: number | null; entryId: string | null; problem: string; message: string }[];
  verifiedAt: string;
}

/**
 * The privacy routes (all `privacy.manage`): settings, data subjects' requests, the consent ledger, the audit chain.
 * @example const { items } = await new PrivacyApi(api).subjects('王小明');
 */
export class PrivacyApi {
  constructor(private readonly api: ApiClient) {}

  settings(): Promise<PrivacySettings> {
    return this.api.send('GET', '/privacy/settings');
  }

  /** A new notice text or link becomes the next version, which visitors accept again. */
  saveSettings(patch: { notice?: { text: string; url: string | null }; requireNoticeConsent?: boolean; retention?: Partial<RetentionDays> }): Promise<PrivacySettings> {
    return this.api.send('PUT', '/privacy/settings', patch);
  }

  requests(): Promise<{ items: PrivacyRequest[] }> {
    return this.api.send('GET', '/privacy/requests');
  }

  createRequest(kind: PrivacyRequestKind, visitorId: string, note?: string): Promise<PrivacyRequest> {
    return this.api.send('POST', '/privacy/requests', { kind, subject: { type: 'visitor', ref: visitorId }, ...(note ? { note } : {}) });
  }

  /** Carries out a delete or anonymise request. */
  execute(requestId: string): Promise<PrivacyRequest> {
    return this.api.send('POST', `/privacy/requests/${encodeURIComponent(requestId)}/execute`);
  }

  /** Same-origin link; the session cookie authorises the streamed .tar.gz. */
  static archiveUrl(requestId: string): string {
    return `/api/v1/privacy/requests/${encodeURIComponent(requestId)}/archive`;
  }

  subjects(q: string): Promise<{ items: DataSubject[] }> {
    return this.api.send('GET', `/privacy/subjects${query({ q })}`);
  }

  consents(visitorId: string): Promise<{ items: ConsentEntry[] }> {
    return this.api.send('GET', `/privacy/subjects/${encodeURIComponent(visitorId)}/consents`);
  }

  verifyAudit(): Promise<AuditChainResult> {
    return this.api.send('GET', '/privacy/audit/verify');
  }
}

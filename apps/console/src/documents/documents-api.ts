import type { ApiClient } from '../api/api-client.js';

/** A document as the list shows it (server: documents/document-dto.ts). */
export interface DocumentSummary {
  id: string;
  title: string;
  sourceKind: 'upload' | 'url';
  sourceName: string;
  sourceUrl: string | null;
  mime: string;
  currentVersion: number;
  importedAt: string;
  bytes: number;
  pages: number | null;
  passages: number;
  disabledPassages: number;
  uses: number;
  viewUrl: string;
}

export interface DocumentPassage {
  id: string;
  ordinal: number;
  version: number;
  headingPath: string[];
  text: string;
  anchor: string;
  enabled: boolean;
}

export interface DocumentVersion {
  version: number;
  bytes: number;
  pages: number | null;
  passages: number;
  sourceName: string;
  importedAt: string;
  importedByName: string | null;
}

export interface PassageUse {
  id: string;
  passageId: string | null;
  channel: 'bot' | 'assist' | 'search';
  conversationId: string | null;
  createdAt: string;
  headingPath: string[] | null;
  excerpt: string | null;
}

export interface ImportResult {
  changed: boolean;
  version: number;
  document: DocumentSummary;
}

const id = (value: string) => encodeURIComponent(value);
const API_PREFIX = '/api/v1';

/**
 * The documents routes of the server's documents module on the console's ApiClient.
 * @example await new DocumentsApi(api).upload(file)
 */
export class DocumentsApi {
  constructor(private readonly api: ApiClient) {}

  list(): Promise<{ items: DocumentSummary[] }> {
    return this.api.send('GET', '/documents');
  }

  get(documentId: string): Promise<DocumentSummary & { passageList: DocumentPassage[] }> {
    return this.api.send('GET', `/documents/${id(documentId)}`);
  }

  versions(documentId: string): Promise<{ items: DocumentVersion[] }> {
    return this.api.send('GET', `/documents/${id(documentId)}/versions`);
  }

  uses(documentId: string): Promise<{ items: PassageUse[] }> {
    return this.api.send('GET', `/documents/${id(documentId)}/uses`);
  }

  /** A new document, or (documentId) a new version of one. */
  upload(file: File, documentId?: string): Promise<ImportResult> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.api.sendForm('POST', documentId ? `/documents/${id(documentId)}/versions` : '/documents', form);
  }

  importUrl(url: string): Promise<ImportResult> {
    return this.api.send('POST', '/documents/import-url', { url });
  }

  refresh(documentId: string): Promise<ImportResult> {
    return this.api.send('POST', `/documents/${id(documentId)}/refresh`);
  }

  remove(documentId: string): Promise<void> {
    return this.api.send('DELETE', `/documents/${id(documentId)}`);
  }

  setPassageEnabled(documentId: string, passageId: string, enabled: boolean): Promise<DocumentPassage> {
    return this.api.send('PATCH', `/documents/${id(documentId)}/passages/${id(passageId)}`, { enabled });
  }

  allowedSites(): Promise<{ allowedSites: string[] }> {
    return this.api.send('GET', '/documents/settings');
  }

  setAllowedSites(allowedSites: string[]): Promise<{ allowedSites: string[] }> {
    return this.api.send('PUT', '/documents/settings', { allowedSites });
  }
}

/** The staff link that opens a document at a passage (same origin, session cookie). */
export function passageLink(document: Pick<DocumentSummary, 'viewUrl'>, anchor: string): string {
  const path = document.viewUrl.startsWith(API_PREFIX) ? document.viewUrl : `${API_PREFIX}${document.viewUrl}`;
  return anchor ? `${path}#${anchor}` : path;
}

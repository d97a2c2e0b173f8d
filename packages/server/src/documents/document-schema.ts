import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb columns are written as JSON text (both backends parse it) and read as parsed values. */
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export type DocumentSourceKind = 'upload' | 'url';
export type PassageUseChannel = 'bot' | 'assist' | 'search';

/** The sites a tenant's URL imports may fetch from (migration 0017). */
export interface DocumentSettingsTable {
  tenant_id: string;
  /** Host names, lower case; `*.example.com` admits every subdomain (not example.com itself). */
  allowed_sites: JsonDefault<string[]>;
  updated_at: CreatedAt;
}

export interface DocumentsTable {
  id: string;
  tenant_id: string;
  title: string;
  source_kind: DocumentSourceKind;
  /** The uploaded file's (sanitised) name, or the URL's last path segment. */
  source_name: string;
  source_url: string | null;
  /** The current version's type. */
  mime: string;
  current_version: number;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** One import of a document: its original bytes (served by the citation link) and what parsing found. */
export interface DocumentVersionsTable {
  tenant_id: string;
  document_id: string;
  version: number;
  sha256: string;
  bytes: number;
  /** PDF pages; null for formats without pages. */
  pages: number | null;
  passages: number;
  mime: string;
  source_name: string;
  data: Buffer;
  imported_at: CreatedAt;
  imported_by: string | null;
}

/** A passage of the current version. Older versions keep only their row in document_versions. */
export interface DocumentPassagesTable {
  id: string;
  tenant_id: string;
  document_id: string;
  version: number;
  ordinal: number;
  /** ["第三章 退换货", "3.2 运费"]: the headings above the passage, outermost first. */
  heading_path: JsonDefault<string[]>;
  text: string;
  /** Where the passage starts: `page=N` for a PDF, the heading's slug (an element id of the rendered view) otherwise. */
  anchor: string;
  enabled: Generated<boolean>;
}

/** An answer (bot reply, agent-assist suggestion, self-service search hit) that used a passage. */
export interface DocumentPassageUsesTable {
  id: string;
  tenant_id: string;
  /** Null once a re-import replaced the passage; the use still counts for its document. */
  passage_id: string | null;
  document_id: string;
  channel: PassageUseChannel;
  conversation_id: string | null;
  created_at: CreatedAt;
}

export interface DocumentTables {
  document_settings: DocumentSettingsTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  document_passages: DocumentPassagesTable;
  document_passage_uses: DocumentPassageUsesTable;
}

/** The database seen by the documents module until `DocumentTables` is merged into `Database`. */
export type DocumentDatabase = Database & DocumentTables;

/** Widens the app's Kysely handle to the document tables (created by migration 0017). */
export function documentDatabase(db: Kysely<Database>): Kysely<DocumentDatabase> {
  return db as unknown as Kysely<DocumentDatabase>;
}

export type DocumentRow = Selectable<DocumentsTable>;
export type DocumentVersionRow = Omit<Selectable<DocumentVersionsTable>, 'data'>;
export type DocumentPassageRow = Selectable<DocumentPassagesTable>;

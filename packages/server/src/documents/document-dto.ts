import { z } from 'zod';
import { plainTextSchema } from '../http/common-schemas.js';
import { allowedSiteSchema } from './allowed-sites.js';
import type { DocumentListRow, PassageUseRow } from './document-repository.js';
import type { DocumentPassageRow, DocumentVersionRow } from './document-schema.js';

export const documentDtoSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  sourceKind: z.enum(['upload', 'url']),
  sourceName: z.string(),
  sourceUrl: z.string().nullable(),
  mime: z.string(),
  currentVersion: z.number().int(),
  importedAt: z.string(),
  bytes: z.number().int(),
  pages: z.number().int().nullable(),
  passages: z.number().int(),
  disabledPassages: z.number().int(),
  /** How many answers (bot, agent assist, search) used one of its passages. */
  uses: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Opens the document for a staff member (session); add `#` and a passage's anchor to land on it. */
  viewUrl: z.string(),
});
export type DocumentDto = z.infer<typeof documentDtoSchema>;

export const passageDtoSchema = z.object({
  id: z.uuid(),
  ordinal: z.number().int(),
  version: z.number().int(),
  headingPath: z.array(z.string()),
  text: z.string(),
  anchor: z.string(),
  enabled: z.boolean(),
});

export const documentDetailDtoSchema = documentDtoSchema.extend({ passageList: z.array(passageDtoSchema) });

export const documentVersionDtoSchema = z.object({
  version: z.number().int(),
  sha256: z.string(),
  bytes: z.number().int(),
  pages: z.number().int().nullable(),
  passages: z.number().int(),
  mime: z.string(),
  sourceName: z.string(),
  importedAt: z.string(),
  importedBy: z.string().nullable(),
  importedByName: z.string().nullable(),
});

export const passageUseDtoSchema = z.object({
  id: z.uuid(),
  passageId: z.string().nullable(),
  channel: z.enum(['bot', 'assist', 'search']),
  conversationId: z.string().nullable(),
  createdAt: z.string(),
  /** Null when a later import replaced the passage. */
  headingPath: z.array(z.string()).nullable(),
  excerpt: z.string().nullable(),
});

export const importResultDtoSchema = z.object({
  /** False: the content equals the current version's, nothing was written. */
  changed: z.boolean(),
  version: z.number().int(),
  document: documentDtoSchema,
});

export const importUrlSchema = z.strictObject({
  url: z.string().trim().min(1).max(2000),
  title: plainTextSchema(200).optional(),
});

export const passageUpdateSchema = z.strictObject({ enabled: z.boolean() });

export const documentSettingsSchema = z.strictObject({ allowedSites: z.array(allowedSiteSchema).max(50) });

export const passageParamsSchema = z.strictObject({ id: z.uuid(), passageId: z.uuid() });

export const viewQuerySchema = z.strictObject({
  tenant: z.uuid().optional(),
  exp: z.coerce.number().int().positive().optional(),
  sig: z.string().max(100).optional(),
});

export function documentViewUrl(id: string): string {
  return `/api/v1/documents/${id}/view`;
}

export function toDocumentDto(row: DocumentListRow): DocumentDto {
  return {
    id: row.id,
    title: row.title,
    sourceKind: row.source_kind,
    sourceName: row.source_name,
    sourceUrl: row.source_url,
    mime: row.mime,
    currentVersion: row.current_version,
    importedAt: new Date(row.imported_at).toISOString(),
    bytes: row.bytes,
    pages: row.pages,
    passages: row.passages,
    disabledPassages: row.disabled_passages,
    uses: row.uses,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    viewUrl: documentViewUrl(row.id),
  };
}

export function toPassageDto(row: DocumentPassageRow): z.infer<typeof passageDtoSchema> {
  return { id: row.id, ordinal: row.ordinal, version: row.version, headingPath: row.heading_path, text: row.text, anchor: row.anchor, enabled: row.enabled };
}

export function toVersionDto(row: DocumentVersionRow & { imported_by_name: string | null }): z.infer<typeof documentVersionDtoSchema> {
  return {
    version: row.version,
    sha256: row.sha256,
    bytes: row.bytes,
    pages: row.pages,
    passages: row.passages,
    mime: row.mime,
    sourceName: row.source_name,
    importedAt: new Date(row.imported_at).toISOString(),
    importedBy: row.imported_by,
    importedByName: row.imported_by_name,
  };
}

export function toUseDto(row: PassageUseRow): z.infer<typeof passageUseDtoSchema> {
  return {
    id: row.id,
    passageId: row.passage_id,
    channel: row.channel,
    conversationId: row.conversation_id,
    createdAt: new Date(row.created_at).toISOString(),
    headingPath: row.heading_path,
    excerpt: row.text === null ? null : row.text.slice(0, 120),
  };
}


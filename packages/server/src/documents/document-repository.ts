import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { EnabledPassage, PassageUse } from './document-passage-port.js';
import { documentDatabase, type DocumentDatabase, type DocumentPassageRow, type DocumentRow, type DocumentSourceKind, type DocumentVersionRow, type PassageUseChannel } from './document-schema.js';

/** A passage as the splitter produced it, before it has an id. */
export interface NewPassage {
  headingPath: string[];
  text: string;
  anchor: string;
}

/** Everything one import writes: the document's identity, the version's bytes and its passages. */
export interface DocumentImport {
  /** Re-import into this document; null creates a new one. */
  documentId: string | null;
  title: string;
  sourceKind: DocumentSourceKind;
  sourceName: string;
  sourceUrl: string | null;
  mime: string;
  sha256: string;
  data: Buffer;
  pages: number | null;
  passages: NewPassage[];
  importedBy: string | null;
}

export interface ImportOutcome {
  documentId: string;
  version: number;
  /** False when the content's sha256 equals the current version's: nothing was written. */
  changed: boolean;
}

export interface DocumentListRow extends DocumentRow {
  imported_at: Date;
  passages: number;
  disabled_passages: number;
  uses: number;
  bytes: number;
  pages: number | null;
}

export interface PassageUseRow {
  id: string;
  passage_id: string | null;
  channel: PassageUseChannel;
  conversation_id: string | null;
  created_at: Date;
  heading_path: string[] | null;
  text: string | null;
}

const INSERT_CHUNK = 500;

/**
 * The tenant's documents, their versions (original bytes kept) and the current version's passages.
 * An import is one transaction: the document row, its version and all its passages appear together
 * or not at all, and a re-import's new passages replace the old ones in the same commit.
 */
export class DocumentRepository {
  private readonly db: Kysely<DocumentDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = documentDatabase(db);
  }

  async allowedSites(ctx: TenantContext): Promise<string[]> {
    const row = await this.db.selectFrom('document_settings').select('allowed_sites').where('tenant_id', '=', ctx.tenantId).executeTakeFirst();
    return row?.allowed_sites ?? [];
  }

  async setAllowedSites(ctx: TenantContext, sites: string[]): Promise<string[]> {
    const value = JSON.stringify(sites);
    await this.db
      .insertInto('document_settings')
      .values({ tenant_id: ctx.tenantId, allowed_sites: value })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ allowed_sites: value, updated_at: new Date() }))
      .execute();
    return sites;
  }

  /** The tenant's documents, newest change first, with their current version's figures; `id` picks one. */
  async list(ctx: TenantContext, id?: string): Promise<DocumentListRow[]> {
    let query = this.db
      .selectFrom('documents as d')
      .innerJoin('document_versions as v', (j) => j.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'))
      .selectAll('d')
      .select(['v.imported_at', 'v.bytes', 'v.pages'])
      .select((eb) => [
        eb.selectFrom('document_passages as p').select(eb.fn.countAll<string>().as('n')).whereRef('p.document_id', '=', 'd.id').as('passages'),
        eb.selectFrom('document_passages as p').select(eb.fn.countAll<string>().as('n')).whereRef('p.document_id', '=', 'd.id').where('p.enabled', '=', false).as('disabled_passages'),
        eb.selectFrom('document_passage_uses as u').select(eb.fn.countAll<string>().as('n')).whereRef('u.document_id', '=', 'd.id').as('uses'),
      ])
      .where('d.tenant_id', '=', ctx.tenantId);
    if (id) query = query.where('d.id', '=', id);
    const rows = await query.orderBy('d.updated_at', 'desc').orderBy('d.id').execute();
    return rows.map((r) => ({ ...r, passages: Number(r.passages ?? 0), disabled_passages: Number(r.disabled_passages ?? 0), uses: Number(r.uses ?? 0) }));
  }

  async getListed(ctx: TenantContext, id: string): Promise<DocumentListRow> {
    const [row] = await this.list(ctx, id);
    if (!row) throw new NotFoundError('Document');
    return row;
  }

  async get(ctx: TenantContext, id: string): Promise<DocumentRow> {
    const row = await this.db.selectFrom('documents').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('Document');
    return row;
  }

  /** The document a URL was imported into, so importing the same URL again makes a new version of it. */
  async findByUrl(ctx: TenantContext, url: string): Promise<DocumentRow | undefined> {
    return this.db.selectFrom('documents').selectAll().where('tenant_id', '=', ctx.tenantId).where('source_url', '=', url).executeTakeFirst();
  }

  async passages(ctx: TenantContext, documentId: string): Promise<DocumentPassageRow[]> {
    return this.db.selectFrom('document_passages').selectAll().where('tenant_id', '=', ctx.tenantId).where('document_id', '=', documentId).orderBy('ordinal').execute();
  }

  async versions(ctx: TenantContext, documentId: string): Promise<(DocumentVersionRow & { imported_by_name: string | null })[]> {
    return this.db
      .selectFrom('document_versions as v')
      .leftJoin('users as u', 'u.id', 'v.imported_by')
      .select(['v.tenant_id', 'v.document_id', 'v.version', 'v.sha256', 'v.bytes', 'v.pages', 'v.passages', 'v.mime', 'v.source_name', 'v.imported_at', 'v.imported_by', 'u.name as imported_by_name'])
      .where('v.tenant_id', '=', ctx.tenantId)
      .where('v.document_id', '=', documentId)
      .orderBy('v.version', 'desc')
      .execute();
  }

  /** A version's original bytes (the current one without `version`). */
  async versionData(ctx: TenantContext, documentId: string, version: number): Promise<{ data: Buffer; mime: string; sourceName: string } | undefined> {
    const row = await this.db
      .selectFrom('document_versions')
      .select(['data', 'mime', 'source_name'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('document_id', '=', documentId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row && { data: Buffer.from(row.data), mime: row.mime, sourceName: row.source_name };
  }

  async uses(ctx: TenantContext, documentId: string, limit: number): Promise<PassageUseRow[]> {
    return this.db
      .selectFrom('document_passage_uses as u')
      .leftJoin('document_passages as p', 'p.id', 'u.passage_id')
      .select(['u.id', 'u.passage_id', 'u.channel', 'u.conversation_id', 'u.created_at', 'p.heading_path', 'p.text'])
      .where('u.tenant_id', '=', ctx.tenantId)
      .where('u.document_id', '=', documentId)
      .orderBy('u.created_at', 'desc')
      .orderBy('u.id')
      .limit(limit)
      .execute();
  }

  /**
   * Writes an import in one transaction. A new document starts at version 1; a re-import whose
   * sha256 equals the current version's writes nothing; otherwise it adds the next version and
   * replaces every passage. The document row is locked first, so two re-imports of one document
   * cannot both take the same version number.
   */
  async saveImport(ctx: TenantContext, input: DocumentImport): Promise<ImportOutcome> {
    return this.db.transaction().execute(async (trx) => {
      let documentId = input.documentId;
      let version = 1;
      if (documentId) {
        const current = await trx
          .selectFrom('documents as d')
          .innerJoin('document_versions as v', (j) => j.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'))
          .select(['d.current_version', 'v.sha256'])
          .where('d.tenant_id', '=', ctx.tenantId)
          .where('d.id', '=', documentId)
          .forUpdate('d')
          .executeTakeFirst();
        if (!current) throw new NotFoundError('Document');
        if (current.sha256 === input.sha256) return { documentId, version: current.current_version, changed: false };
        version = current.current_version + 1;
        await trx
          .updateTable('documents')
          .set({ title: input.title, source_name: input.sourceName, mime: input.mime, current_version: version, updated_at: new Date() })
          .where('tenant_id', '=', ctx.tenantId)
          .where('id', '=', documentId)
          .execute();
        await trx.deleteFrom('document_passages').where('tenant_id', '=', ctx.tenantId).where('document_id', '=', documentId).execute();
      } else {
        documentId = randomUUID();
        await trx
          .insertInto('documents')
          .values({ id: documentId, tenant_id: ctx.tenantId, title: input.title, source_kind: input.sourceKind, source_name: input.sourceName, source_url: input.sourceUrl, mime: input.mime, current_version: 1 })
          .execute();
      }
      await trx
        .insertInto('document_versions')
        .values({
          tenant_id: ctx.tenantId,
          document_id: documentId,
          version,
          sha256: input.sha256,
          bytes: input.data.length,
          pages: input.pages,
          passages: input.passages.length,
          mime: input.mime,
          source_name: input.sourceName,
          data: input.data,
          imported_by: input.importedBy,
        })
        .execute();
      await insertPassages(trx, ctx.tenantId, documentId, version, input.passages);
      return { documentId, version, changed: true };
    });
  }

  /** Deletes the document with every version, passage and use record. */
  async delete(ctx: TenantContext, id: string): Promise<void> {
    const result = await this.db.deleteFrom('documents').where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (result.numDeletedRows === 0n) throw new NotFoundError('Document');
  }

  async setPassageEnabled(ctx: TenantContext, documentId: string, passageId: string, enabled: boolean): Promise<DocumentPassageRow> {
    const row = await this.db
      .updateTable('document_passages')
      .set({ enabled })
      .where('tenant_id', '=', ctx.tenantId)
      .where('document_id', '=', documentId)
      .where('id', '=', passageId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Passage');
    return row;
  }

  async listEnabledPassages(ctx: TenantContext): Promise<EnabledPassage[]> {
    const rows = await this.db
      .selectFrom('document_passages as p')
      .innerJoin('documents as d', 'd.id', 'p.document_id')
      .select(['p.id', 'p.document_id', 'd.title', 'p.version', 'p.heading_path', 'p.text', 'p.anchor'])
      .where('p.tenant_id', '=', ctx.tenantId)
      .where('p.enabled', '=', true)
      .orderBy('d.created_at')
      .orderBy('d.id')
      .orderBy('p.ordinal')
      .execute();
    return rows.map((r) => ({ passageId: r.id, documentId: r.document_id, documentTitle: r.title, version: r.version, headingPath: r.heading_path, text: r.text, anchor: r.anchor }));
  }

  /** Resolves the passage inside the caller's tenant: another tenant's (or a replaced) passage id records nothing. */
  async recordUse(ctx: TenantContext, use: PassageUse): Promise<void> {
    const passage = await this.db
      .selectFrom('document_passages')
      .select(['id', 'document_id'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', use.passageId)
      .executeTakeFirst();
    if (!passage) return;
    await this.db
      .insertInto('document_passage_uses')
      .values({ id: randomUUID(), tenant_id: ctx.tenantId, passage_id: passage.id, document_id: passage.document_id, channel: use.channel, conversation_id: use.conversationId ?? null })
      .execute();
  }
}

async function insertPassages(trx: Transaction<DocumentDatabase>, tenantId: string, documentId: string, version: number, passages: readonly NewPassage[]): Promise<void> {
  for (let start = 0; start < passages.length; start += INSERT_CHUNK) {
    const rows = passages.slice(start, start + INSERT_CHUNK).map((p, i) => ({
      id: randomUUID(),
      tenant_id: tenantId,
      document_id: documentId,
      version,
      ordinal: start + i,
      heading_path: JSON.stringify(p.headingPath),
      text: p.text,
      anchor: p.anchor,
    }));
    await trx.insertInto('document_passages').values(rows).execute();
  }
}

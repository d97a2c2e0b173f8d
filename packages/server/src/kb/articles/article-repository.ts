import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { NotFoundError, ValidationError } from '../../errors/app-error.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import {
  toArticleDto,
  toArticleVersionDto,
  type ArticleCreateInput,
  type ArticleDetailDto,
  type ArticleDto,
  type ArticleListQuery,
  type ArticleUpdateInput,
} from './article-dto.js';
import { bumpKbVersion } from './bump-kb-version.js';
import { kbDatabase, type KbDatabase } from './kb-database.js';

/** The text visitors see for one published article. */
export interface PublishedArticle {
  id: string;
  category: string;
  title: string;
  body: string;
}

/** The ids of the tenant's knowledge-graph nodes (from its bot configuration). */
export type GraphNodeLookup = (ctx: TenantContext) => Promise<ReadonlySet<string>>;

/**
 * The tenant's knowledge-base articles. Edits append immutable versions; the
 * published version keeps serving visitors until another one is published.
 * Publishing and archiving bump the tenant's kb_version in the same transaction.
 */
export class ArticleRepository {
  private readonly db: Kysely<KbDatabase>;

  /** Without `graphNodes`, links are stored unchecked. */
  constructor(
    db: Kysely<Database>,
    private readonly graphNodes?: GraphNodeLookup,
  ) {
    this.db = kbDatabase(db);
  }

  async list(ctx: TenantContext, filter: ArticleListQuery = {}): Promise<ArticleDto[]> {
    let query = this.db
      .selectFrom('kb_articles as a')
      .innerJoin('kb_article_versions as v', (j) => j.onRef('v.article_id', '=', 'a.id').onRef('v.version', '=', 'a.current_version'))
      .selectAll('a')
      .select(['v.title', 'v.body'])
      .where('a.tenant_id', '=', ctx.tenantId);
    if (filter.status) query = query.where('a.status', '=', filter.status);
    if (filter.category) query = query.where('a.category', '=', filter.category);
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('v.title', 'ilike', pattern), eb('v.body', 'ilike', pattern)]));
    }
    const rows = await query.orderBy('a.updated_at', 'desc').orderBy('a.id').execute();
    return rows.map((r) => toArticleDto(r, r));
  }

  async get(ctx: TenantContext, id: string): Promise<ArticleDetailDto> {
    const row = await this.db.selectFrom('kb_articles').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('Article');
    const versions = await this.db.selectFrom('kb_article_versions').selectAll().where('article_id', '=', id).orderBy('version', 'desc').execute();
    const current = versions.find((v) => v.version === row.current_version);
    if (!current) throw new NotFoundError('Article version');
    return { ...toArticleDto(row, current), versions: versions.map(toArticleVersionDto) };
  }

  /** A new article is a draft at version 1; visitors cannot see it until it is published. */
  async create(ctx: TenantContext, input: ArticleCreateInput, authorId: string | null): Promise<ArticleDetailDto> {
    await this.assertGraphNodes(ctx, input.graphNodeIds);
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('kb_articles')
        .values({ id, tenant_id: ctx.tenantId, category: input.category, status: 'draft', current_version: 1, published_version: null, graph_node_ids: JSON.stringify(input.graphNodeIds) })
        .execute();
      await trx.insertInto('kb_article_versions').values({ article_id: id, version: 1, title: input.title, body: input.body, author_id: authorId }).execute();
    });
    return this.get(ctx, id);
  }

  /** Changing title or body appends a version; what visitors see changes only on publish. */
  async update(ctx: TenantContext, id: string, patch: ArticleUpdateInput, authorId: string | null): Promise<ArticleDetailDto> {
    if (patch.graphNodeIds) await this.assertGraphNodes(ctx, patch.graphNodeIds);
    await this.db.transaction().execute(async (trx) => {
      // The row lock serialises concurrent edits, so version numbers never collide.
      const row = await trx.selectFrom('kb_articles').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw new NotFoundError('Article');
      let version = row.current_version;
      if (patch.title !== undefined || patch.body !== undefined) {
        const current = await trx.selectFrom('kb_article_versions').select(['title', 'body']).where('article_id', '=', id).where('version', '=', version).executeTakeFirstOrThrow();
        const title = patch.title ?? current.title;
        const body = patch.body ?? current.body;
        if (title !== current.title || body !== current.body) {
          version += 1;
          await trx.insertInto('kb_article_versions').values({ article_id: id, version, title, body, author_id: authorId }).execute();
        }
      }
      await trx
        .updateTable('kb_articles')
        .set({
          current_version: version,
          ...(patch.category !== undefined ? { category: patch.category } : {}),
          ...(patch.graphNodeIds !== undefined ? { graph_node_ids: JSON.stringify(patch.graphNodeIds) } : {}),
          updated_at: new Date(),
        })
        .where('tenant_id', '=', ctx.tenantId)
        .where('id', '=', id)
        .execute();
    });
    return this.get(ctx, id);
  }

  /** Makes `version` (default: the newest) what visitors see. */
  async publish(ctx: TenantContext, id: string, version?: number): Promise<ArticleDetailDto> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('kb_articles').select(['current_version']).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw new NotFoundError('Article');
      const target = version ?? row.current_version;
      const exists = await trx.selectFrom('kb_article_versions').select('version').where('article_id', '=', id).where('version', '=', target).executeTakeFirst();
      if (!exists) throw new NotFoundError('Article version');
      await trx
        .updateTable('kb_articles')
        .set({ status: 'published', published_version: target, published_at: new Date(), updated_at: new Date() })
        .where('tenant_id', '=', ctx.tenantId)
        .where('id', '=', id)
        .execute();
      await bumpKbVersion(trx, ctx.tenantId);
    });
    return this.get(ctx, id);
  }

  /** Withdraws the article from visitors; its versions are kept and it can be published again. */
  async archive(ctx: TenantContext, id: string): Promise<ArticleDetailDto> {
    await this.db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('kb_articles').set({ status: 'archived', updated_at: new Date() }).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('Article');
      await bumpKbVersion(trx, ctx.tenantId);
    });
    return this.get(ctx, id);
  }

  /** The published text of every published article, for the search index. */
  async published(ctx: TenantContext): Promise<PublishedArticle[]> {
    return this.db
      .selectFrom('kb_articles as a')
      .innerJoin('kb_article_versions as v', (j) => j.onRef('v.article_id', '=', 'a.id').on('v.version', '=', sql<number>`a.published_version`))
      .select(['a.id', 'a.category', 'v.title', 'v.body'])
      .where('a.tenant_id', '=', ctx.tenantId)
      .where('a.status', '=', 'published')
      .orderBy('a.id')
      .execute();
  }

  private async assertGraphNodes(ctx: TenantContext, ids: readonly string[]): Promise<void> {
    if (ids.length === 0 || !this.graphNodes) return;
    const known = await this.graphNodes(ctx);
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new ValidationError(`Unknown knowledge-graph node ids: ${unknown.join(', ')}`);
  }
}

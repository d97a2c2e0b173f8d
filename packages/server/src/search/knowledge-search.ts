import type { FaqRepository } from '../kb/faq-repository.js';
import type { ArticleRepository } from '../kb/articles/article-repository.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { KnowledgeSearchIndex, type SearchDocument, type SearchHit } from './knowledge-search-index.js';

const MAX_CACHED_TENANTS = 500;

/**
 * Self-service search over a tenant's FAQs and published articles. Each
 * tenant's index is cached and rebuilt when its kb_version moves (FAQ writes,
 * article publish/archive), so every app node serves fresh results without
 * any cross-node messaging.
 */
export class KnowledgeSearch {
  // Insertion order doubles as recency: a hit is re-inserted, the oldest is evicted first.
  private readonly cache = new Map<string, { version: number; index: Promise<KnowledgeSearchIndex> }>();

  constructor(
    private readonly faqs: FaqRepository,
    private readonly articles: ArticleRepository,
  ) {}

  async search(ctx: TenantContext, query: string, limit = 10): Promise<SearchHit[]> {
    const index = await this.indexFor(ctx);
    return index.search(query, limit);
  }

  /** A published FAQ or article of this tenant in full, as the index holds it; undefined when it is not one. */
  async document(ctx: TenantContext, type: 'faq' | 'article', id: string): Promise<SearchDocument | undefined> {
    return (await this.indexFor(ctx)).document(type, id);
  }

  private async indexFor(ctx: TenantContext): Promise<KnowledgeSearchIndex> {
    const version = await this.faqs.version(ctx);
    const cached = this.cache.get(ctx.tenantId);
    this.cache.delete(ctx.tenantId);
    if (cached && cached.version >= version) {
      this.cache.set(ctx.tenantId, cached);
      return cached.index;
    }
    const index = this.build(ctx);
    this.cache.set(ctx.tenantId, { version, index });
    if (this.cache.size > MAX_CACHED_TENANTS) this.cache.delete(this.cache.keys().next().value!);
    // A failed build must not stay cached.
    index.catch(() => this.cache.get(ctx.tenantId)?.index === index && this.cache.delete(ctx.tenantId));
    return index;
  }

  private async build(ctx: TenantContext): Promise<KnowledgeSearchIndex> {
    const [faqs, articles] = await Promise.all([this.faqs.list(ctx), this.articles.published(ctx)]);
    return KnowledgeSearchIndex.build([
      ...faqs.map((f) => ({ type: 'faq' as const, id: f.id, title: f.question, alternates: f.paraphrases, body: f.answer })),
      ...articles.map((a) => ({ type: 'article' as const, id: a.id, title: a.title, body: a.body })),
    ]);
  }
}

import { PassageRetriever, type PassageRetrieverOptions } from '@zhida/nlu';
import type { DomainEvents } from '../../events/domain-events.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import type { DocumentPassagePort, EnabledPassage } from '../document-passage-port.js';

/** One tenant's searchable passages: the retriever and the passages it indexes, by id. */
export interface TenantPassageIndex {
  retriever: PassageRetriever;
  passages: ReadonlyMap<string, EnabledPassage>;
  builtAt: number;
}

const MAX_CACHED_TENANTS = 500;

/**
 * Keeps each tenant's passage index. The `documents.changed` event (after an import, re-import, delete or a passage
 * switched off committed) drops the tenant's index, so the next question rebuilds it from the enabled passages. The
 * event is in-process, so an index is also rebuilt once it is `maxAgeMs` old: another app node's import shows here
 * within that time.
 * @example
 * const indexes = new PassageIndexRegistry(documents.passages, events);
 * const { retriever } = await indexes.get({ tenantId });
 */
export class PassageIndexRegistry {
  private readonly cache = new Map<string, Promise<TenantPassageIndex>>();
  private readonly generation = new Map<string, number>();

  constructor(
    private readonly port: DocumentPassagePort,
    events: DomainEvents,
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = () => Date.now(),
    /** Retrieval options for every tenant's index, e.g. the templates' domain synonyms (read once, when first needed). */
    private readonly retrieverOptions: PassageRetrieverOptions | (() => Promise<PassageRetrieverOptions>) = {},
  ) {
    events.on('documents.changed', ({ tenantId }) => this.invalidate(tenantId));
  }

  /** The tenant's current index, built on first use and after every change. */
  async get(ctx: TenantContext): Promise<TenantPassageIndex> {
    const cached = this.cache.get(ctx.tenantId);
    if (cached) {
      const index = await cached;
      if (this.now() - index.builtAt < this.maxAgeMs) return index;
      if (this.cache.get(ctx.tenantId) === cached) this.cache.delete(ctx.tenantId);
    }
    return this.build(ctx);
  }

  /** Forgets a tenant's index (its documents changed). */
  invalidate(tenantId: string): void {
    this.generation.set(tenantId, (this.generation.get(tenantId) ?? 0) + 1);
    this.cache.delete(tenantId);
  }

  private build(ctx: TenantContext): Promise<TenantPassageIndex> {
    const pending = this.cache.get(ctx.tenantId);
    if (pending) return pending;
    const started = this.generation.get(ctx.tenantId) ?? 0;
    const options = typeof this.retrieverOptions === 'function' ? this.retrieverOptions() : Promise.resolve(this.retrieverOptions);
    const index = Promise.all([this.port.listEnabledPassages(ctx), options]).then(([passages, retrieverOptions]) => ({
      retriever: PassageRetriever.build(passages.map((p) => ({ id: p.passageId, headingPath: [p.documentTitle, ...p.headingPath], text: p.text })), retrieverOptions),
      passages: new Map(passages.map((p) => [p.passageId, p])),
      builtAt: this.now(),
    }));
    this.cache.set(ctx.tenantId, index);
    if (this.cache.size > MAX_CACHED_TENANTS) this.cache.delete(this.cache.keys().next().value!);
    index.then(
      // A change that committed while this build read the passages makes it stale at once.
      // (A tenant never invalidated has no generation yet: that is generation 0, not a change.)
      () => (this.generation.get(ctx.tenantId) ?? 0) !== started && this.cache.get(ctx.tenantId) === index && this.cache.delete(ctx.tenantId),
      () => this.cache.get(ctx.tenantId) === index && this.cache.delete(ctx.tenantId),
    );
    return index;
  }
}

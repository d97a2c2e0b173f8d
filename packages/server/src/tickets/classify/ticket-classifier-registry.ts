import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { TenantScope } from '../../db/tenant-scope.js';
import type { TicketClassificationResult, TicketClassifierPort } from '../ticket-ports.js';
import type { TicketDatabase } from '../ticket-schema.js';
import { TicketClassifier } from './ticket-classifier.js';
import type { TicketClassifierTrainer, TicketClassifierTrainingInput } from './ticket-classifier-trainer.js';

// Agents' corrections beyond this many (the newest kept) add little and slow every retraining.
const MAX_CORRECTIONS = 5000;
const examplesSchema = z.array(z.string());

/**
 * Each tenant's ticket classifier, trained from its active categories' examples plus its agents'
 * corrections (`ticket_training_examples`), in a worker thread, and kept in memory. Concurrent
 * callers share one training run. A tenant's first classification waits for its training (warm it
 * with `warm`); after `invalidate` the previous model keeps answering while the new one trains in
 * the background (stale-while-revalidate), and invalidations during a retraining are coalesced
 * into one more run, which starts after it (it may have read the data before the change).
 */
export class TicketClassifierRegistry implements TicketClassifierPort {
  private readonly models = new Map<string, Promise<TicketClassifier>>();
  /** Background retrainings under way; `again` when invalidated since the run read its data. */
  private readonly refreshes = new Map<string, { run: Promise<void>; again: boolean }>();
  private closed = false;

  constructor(
    private readonly db: Kysely<TicketDatabase>,
    private readonly trainer: TicketClassifierTrainer,
    private readonly log?: FastifyBaseLogger,
    private readonly options: TicketClassifierTrainingInput['options'] = {},
  ) {}

  async classify(tenantId: string, text: string): Promise<TicketClassificationResult> {
    const classifier = await this.model(tenantId);
    const { categoryKey, confidence, priority, needsTriage, emotion, risk } = classifier.classify(text);
    return { categoryKey, confidence, priority, needsTriage, emotion, risk };
  }

  /** Call after the change is committed: the retraining reads the tenant's data at once. */
  invalidate(tenantId: string): void {
    // Only tenants that use the classifier are retrained eagerly; the rest train on first use.
    if (this.closed || !this.models.has(tenantId)) return;
    const refresh = this.refreshes.get(tenantId);
    if (refresh) refresh.again = true;
    else this.refresh(tenantId);
  }

  /** The tenant's classifier once the retrainings asked for so far are done (e.g. to see a correction take effect). */
  async fresh(tenantId: string): Promise<TicketClassifier> {
    for (let refresh = this.refreshes.get(tenantId); refresh; refresh = this.refreshes.get(tenantId)) await refresh.run;
    return this.model(tenantId);
  }

  private refresh(tenantId: string): void {
    const entry = { run: Promise.resolve(), again: false };
    entry.run = (async () => {
      try {
        do {
          entry.again = false;
          try {
            const model = await this.train(tenantId);
            // Installed only while the tenant is still served (close or a failed first run drop it).
            if (this.models.has(tenantId)) this.models.set(tenantId, Promise.resolve(model));
          } catch (err) {
            // The previous model keeps answering; the next invalidate tries again.
            if (!this.closed) this.log?.error({ err, tenantId }, 'ticket classifier retraining failed');
          }
        } while (entry.again && !this.closed);
      } finally {
        this.refreshes.delete(tenantId);
      }
    })();
    this.refreshes.set(tenantId, entry);
  }

  /** Starts training the tenant's classifier if there is none (e.g. when its categories are seeded). */
  warm(tenantId: string): void {
    if (this.closed) return;
    this.model(tenantId).catch((err: unknown) => this.log?.error({ err, tenantId }, 'ticket classifier training failed'));
  }

  /** The tenant's classifier, trained now if it is not cached; one training run per tenant at a time. */
  model(tenantId: string): Promise<TicketClassifier> {
    const cached = this.models.get(tenantId);
    if (cached) return cached;
    const run = this.train(tenantId);
    this.models.set(tenantId, run);
    // A failed run is forgotten, so the next call tries again instead of failing forever.
    run.catch(() => {
      if (this.models.get(tenantId) === run) this.models.delete(tenantId);
    });
    return run;
  }

  /** Waits for training runs under way, so the database is not closed beneath them. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.models.values(), ...[...this.refreshes.values()].map((r) => r.run)]);
  }

  private async train(tenantId: string): Promise<TicketClassifier> {
    if (this.closed) throw new Error('ticket classifier registry is closed');
    const input = await TenantScope.asTenant(tenantId, () => this.trainingInput(tenantId));
    const { json, trainMs } = await this.trainer.train(input);
    this.log?.info({ tenantId, categories: input.categories.length, examples: input.examples.length, trainMs }, 'ticket classifier trained');
    return TicketClassifier.fromJSON(json);
  }

  private async trainingInput(tenantId: string): Promise<TicketClassifierTrainingInput> {
    const [categories, corrections] = await Promise.all([
      this.db.selectFrom('ticket_categories').select(['key', 'default_priority', 'examples']).where('tenant_id', '=', tenantId).where('active', '=', true).execute(),
      this.db
        .selectFrom('ticket_training_examples')
        .select(['category_key', 'text'])
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at', 'desc')
        .limit(MAX_CORRECTIONS)
        .execute(),
    ]);
    return {
      categories: categories.map((c) => ({ key: c.key, defaultPriority: c.default_priority })),
      examples: [
        ...categories.flatMap((c) => {
          const parsed = examplesSchema.safeParse(typeof c.examples === 'string' ? JSON.parse(c.examples) : c.examples);
          return parsed.success ? parsed.data.map((text) => ({ text, categoryKey: c.key })) : [];
        }),
        ...corrections.map((c) => ({ text: c.text, categoryKey: c.category_key, correction: true })),
      ],
      options: this.options,
    };
  }
}

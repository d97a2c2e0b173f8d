import { DialogueManager } from '@zhida/dialogue';
import { NLU_ENGINE_REVISION, NluModel, trainedByCurrentEngine } from '@zhida/nlu';
import type { FastifyBaseLogger } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import type { FaqDto } from '../kb/faq-dto.js';
import type { FaqRepository } from '../kb/faq-repository.js';
import type { ModelTrainer } from '../nlu/model-trainer.js';
import { nluTrainingInput } from '../nlu/nlu-training-input.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { BotConfig } from './bot-config.js';
import type { BotConfigRepository } from './bot-config-repository.js';
import { NluModelStore } from './nlu-model-store.js';

/** What a tenant's bot thinks with: its trained model, its dialogue manager and the FAQ answers. */
export interface TenantBrain {
  /** The training-data version the model was trained on. */
  version: number;
  model: NluModel;
  dialogue: DialogueManager;
  faqById: Map<string, FaqDto>;
  config: BotConfig | null;
  /** Trained by this build's NLU engine; a model from an older one serves until its retraining is stored. */
  currentEngine: boolean;
}

/**
 * Keeps each tenant's brain current. When the tenant's training data changes
 * (kb_version moves), a new model is trained in the background while the
 * previous one keeps serving; models are stored in the database, so every app
 * node picks up a model trained by any of them, and a restart resumes training
 * that a crash interrupted.
 */
export class TenantBrainRegistry {
  private readonly cache = new Map<string, TenantBrain>();
  private readonly training = new Map<string, Promise<void>>();
  private readonly loading = new Map<string, Promise<TenantBrain>>();
  private closed = false;
  private readonly checked = new Map<string, number>();
  private readonly models: NluModelStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly faqs: FaqRepository,
    private readonly configs: BotConfigRepository,
    private readonly trainer: ModelTrainer,
    private readonly log: FastifyBaseLogger,
    /** How long a brain is used without re-reading the tenant's data version (one query per message saved). */
    private readonly recheckMs = 1000,
  ) {
    this.models = new NluModelStore(db);
  }

  async get(ctx: TenantContext): Promise<TenantBrain> {
    const cached = this.cache.get(ctx.tenantId);
    if (cached && Date.now() - (this.checked.get(ctx.tenantId) ?? 0) < this.recheckMs) return cached;
    // One load per tenant at a time: a node restarted under load gets its first turns all at once, and each
    // would otherwise read the stored model and build it again (bench:cluster, the recovery after kill -9).
    const inFlight = this.loading.get(ctx.tenantId);
    if (inFlight) return inFlight;
    const load = this.load(ctx, cached).finally(() => this.loading.delete(ctx.tenantId));
    this.loading.set(ctx.tenantId, load);
    return load;
  }

  private async load(ctx: TenantContext, cached: TenantBrain | undefined): Promise<TenantBrain> {
    const now = Date.now();
    const version = await this.faqs.version(ctx);
    this.checked.set(ctx.tenantId, now);
    if (cached?.version === version && cached.currentEngine) return cached;

    // The manifest first: the model's bytes are read only when a brain is built from them.
    const stored = await this.models.header(ctx);
    if (stored && stored.dataVersion >= version) {
      if (!trainedByCurrentEngine(stored.manifest)) {
        // An older engine's model (an upgrade) answers until its retraining on the same data is stored.
        void this.ensureTraining(ctx).catch((err: unknown) => this.log.error({ err, tenantId: ctx.tenantId }, 'model training failed'));
        if (cached?.version === stored.dataVersion) return cached;
      }
      return this.buildStored(ctx);
    }

    const pending = this.ensureTraining(ctx);
    const previous = cached ?? (stored ? await this.buildStored(ctx) : null);
    if (previous) return previous;
    // A tenant's very first model: there is nothing older to serve, so wait for it.
    await pending;
    return this.buildStored(ctx);
  }

  private async buildStored(ctx: TenantContext): Promise<TenantBrain> {
    const stored = await this.models.load(ctx);
    if (!stored) throw new Error('model training produced no model');
    return this.remember(ctx, await this.build(ctx, stored.model, stored.dataVersion));
  }

  /**
   * Resolves once a model trained on the tenant's data as of this call is
   * stored. A run already under way may have read older data, so after it
   * the model is checked and trained again if it is stale.
   */
  ensureTraining(ctx: TenantContext): Promise<void> {
    if (this.closed) return Promise.resolve();
    const inFlight = this.training.get(ctx.tenantId);
    if (inFlight) return inFlight.then(() => this.trainIfStale(ctx));
    const run = this.train(ctx).finally(() => this.training.delete(ctx.tenantId));
    this.training.set(ctx.tenantId, run);
    return run;
  }

  private async trainIfStale(ctx: TenantContext): Promise<void> {
    const [version, stored] = await Promise.all([this.faqs.version(ctx), this.models.header(ctx)]);
    if (!stored || stored.dataVersion < version || !trainedByCurrentEngine(stored.manifest)) await this.ensureTraining(ctx);
  }

  /** Waits for training runs under way, so the database is not closed beneath them. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.training.values()]);
  }

  /** Brings every tenant whose model is missing or stale up to date (on start, after a crash). */
  async catchUp(): Promise<void> {
    // A sweep over every tenant; each one's training then runs as that tenant.
    const stale = await TenantScope.asSystem(() =>
      this.db
        .selectFrom('tenants as t')
        .leftJoin('nlu_models as m', 'm.tenant_id', 't.id')
        .select('t.id')
        .where((eb) =>
          eb.or([
            eb('m.data_version', 'is', null),
            eb('m.data_version', '<', eb.ref('t.kb_version')),
            // Trained by an older engine (an upgrade): the same data trains a better model now.
            sql<boolean>`coalesce((m.model->>'engine')::int, 1) < ${NLU_ENGINE_REVISION}`,
          ]),
        )
        .execute(),
    );
    for (const { id } of stale) {
      if (this.closed) return;
      await TenantScope.asTenant(id, () => this.ensureTraining({ tenantId: id })).catch((err: unknown) => this.log.error({ err, tenantId: id }, 'model training failed'));
    }
  }

  /**
   * Builds the stored models of the tenants that had a message in the last `withinMinutes` (at most `limit` of
   * them), for a node to run before it listens. Behind nginx a node that listens gets its share of visitors at
   * once; a cold one built each model (a demo tenant's is 14.6 MB of JSON) inside those visitors' first turns,
   * seconds each on a busy box (bench:cluster: the slow replies after a killed node came back). Tenants with no
   * stored model are left to catchUp: training is not a warm-up.
   */
  async warm(options: { withinMinutes: number; limit: number }): Promise<number> {
    const since = new Date(Date.now() - options.withinMinutes * 60_000);
    const active = await TenantScope.asSystem(() =>
      this.db
        .selectFrom('tenants as t')
        .innerJoin('nlu_models as m', 'm.tenant_id', 't.id')
        .select('t.id')
        // Per tenant an index probe (conversations_tenant_list_order), not a scan of every conversation.
        .where((eb) => eb.exists(eb.selectFrom('conversations as c').select('c.id').whereRef('c.tenant_id', '=', 't.id').where('c.updated_at', '>', since)))
        .limit(options.limit)
        .execute(),
    );
    for (const { id } of active) {
      await TenantScope.asTenant(id, () => this.get({ tenantId: id })).catch((err: unknown) => this.log.warn({ err, tenantId: id }, 'tenant model not warmed'));
    }
    return active.length;
  }

  private async train(ctx: TenantContext): Promise<void> {
    const version = await this.faqs.version(ctx);
    const [config, faqs] = await Promise.all([this.configs.get(ctx), this.faqs.list(ctx)]);
    const { model, trainMs } = await this.trainer.train(nluTrainingInput(config, faqs));
    // Never replaces a model trained on newer data (another node may have finished first).
    await this.models.save(ctx, { dataVersion: version, model, trainMs });
    // This node picks the new model up on its next message, without waiting out the recheck interval.
    this.checked.delete(ctx.tenantId);
    this.log.info({ tenantId: ctx.tenantId, version, trainMs }, 'tenant NLU model trained');
  }

  /**
   * The tenant's dialogue manager without waiting for its model: greeting a
   * new visitor needs no NLU, and must not wait for a first model to train.
   */
  async dialogue(ctx: TenantContext): Promise<DialogueManager> {
    const cached = this.cache.get(ctx.tenantId);
    if (cached) return cached.dialogue;
    // Warm the model up meanwhile, so the visitor's first question finds it ready.
    this.get(ctx).catch((err: unknown) => this.log.error({ err, tenantId: ctx.tenantId }, 'tenant model unavailable'));
    return (await this.loadDialogue(ctx)).dialogue;
  }

  private async loadDialogue(ctx: TenantContext): Promise<{ dialogue: DialogueManager; faqById: Map<string, FaqDto>; config: BotConfig | null }> {
    const [config, faqs] = await Promise.all([this.configs.get(ctx), this.faqs.list(ctx)]);
    const faqById = new Map(faqs.map((f) => [f.id, f]));
    const manifest = config?.manifest;
    const dialogue = new DialogueManager({
      flows: config?.flows ?? [],
      intentLabels: manifest?.intents ?? [],
      clarifyGroups: manifest?.clarifyGroups ?? [],
      locale: 'zh-CN',
      ...(manifest ? { messages: { welcome: manifest.welcomeMessage.zh, ...(manifest.crisisMessage ? { handoffCrisis: manifest.crisisMessage.zh } : {}) } } : {}),
      faqLookup: (id) => faqById.get(id),
      ...(config ? { knowledgeGraph: config.knowledgeGraph } : {}),
    });
    return { dialogue, faqById, config };
  }

  private async build(ctx: TenantContext, modelJson: unknown, version: number): Promise<TenantBrain> {
    const { dialogue, faqById, config } = await this.loadDialogue(ctx);
    return { version, model: NluModel.load(modelJson as Parameters<typeof NluModel.load>[0]), dialogue, faqById, config, currentEngine: trainedByCurrentEngine(modelJson) };
  }

  private remember(ctx: TenantContext, brain: TenantBrain): TenantBrain {
    this.cache.set(ctx.tenantId, brain);
    return brain;
  }
}

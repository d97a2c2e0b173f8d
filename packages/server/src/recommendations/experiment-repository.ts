import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { differenceInterval, liftInterval, wilsonInterval } from './ctr-interval.js';
import type { ExperimentCreate, ExperimentDto, ExperimentUpdate } from './experiment-dto.js';
import { pickVariant, subjectHash } from './experiment-assignment.js';
import { recommendationDatabase, type RecExperimentRow, type RecommendationDatabase, type RecVariantRow } from './recommendation-schema.js';
import type { RecommendationStrategy } from './recommendation-scorer.js';

/** The experiment every tenant starts with: does knowing the customer beat showing what everyone asks? */
export const DEFAULT_EXPERIMENT = {
  name: '个性化推荐 vs 热门推荐',
  variants: [
    { key: 'personalised', strategy: 'personalised', weight: 50 },
    { key: 'popular', strategy: 'popular', weight: 50 },
  ],
} as const satisfies ExperimentCreate;

/** The arm a request is served from; `experimentId` null when no experiment is running (the rollout). */
export interface Arm {
  experimentId: string | null;
  variantKey: string | null;
  strategy: RecommendationStrategy;
}

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === '23505';

/**
 * Experiments on the recommendations, per tenant: at most one running; a subject (verified customer
 * id, else visitor id — hashed, never stored raw) is assigned once by hash and keeps its arm; after
 * stopping, everyone gets the rollout variant's strategy.
 */
export class ExperimentRepository {
  private readonly db: Kysely<RecommendationDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = recommendationDatabase(db);
  }

  /** The arm for this subject: creates the default experiment for a tenant that never had one. */
  async armFor(ctx: TenantContext, subject: string): Promise<Arm> {
    let experiment = await this.latest(ctx);
    if (!experiment) {
      await this.createDefault(ctx);
      experiment = await this.latest(ctx);
    }
    if (!experiment) return { experimentId: null, variantKey: null, strategy: 'personalised' };
    const variants = await this.variants(ctx, [experiment.id]);
    if (experiment.status !== 'running') {
      const rollout = variants.find((v) => v.key === experiment.rollout_variant);
      return { experimentId: null, variantKey: null, strategy: rollout?.strategy ?? 'personalised' };
    }
    const hash = subjectHash(experiment.id, subject);
    const existing = await this.db
      .selectFrom('rec_assignments')
      .select('variant_key')
      .where('tenant_id', '=', ctx.tenantId)
      .where('experiment_id', '=', experiment.id)
      .where('subject_hash', '=', hash)
      .executeTakeFirst();
    let key = existing?.variant_key;
    if (!key) {
      key = pickVariant(hash, variants);
      const inserted = await this.db
        .insertInto('rec_assignments')
        .values({ tenant_id: ctx.tenantId, experiment_id: experiment.id, subject_hash: hash, variant_key: key })
        .onConflict((oc) => oc.columns(['experiment_id', 'subject_hash']).doNothing())
        .returning('variant_key')
        .executeTakeFirst();
      // Another node assigned the same subject first: theirs stands (it was the same hash, so the same arm unless weights moved).
      if (!inserted) {
        key = (await this.db.selectFrom('rec_assignments').select('variant_key').where('tenant_id', '=', ctx.tenantId).where('experiment_id', '=', experiment.id).where('subject_hash', '=', hash).executeTakeFirstOrThrow()).variant_key;
      }
    }
    const variant = variants.find((v) => v.key === key);
    return { experimentId: experiment.id, variantKey: key, strategy: variant?.strategy ?? 'personalised' };
  }

  async list(ctx: TenantContext): Promise<ExperimentDto[]> {
    const experiments = await this.db.selectFrom('rec_experiments').selectAll().where('tenant_id', '=', ctx.tenantId).orderBy('created_at', 'desc').limit(50).execute();
    return this.withStats(ctx, experiments);
  }

  async get(ctx: TenantContext, id: string): Promise<ExperimentDto> {
    const row = await this.db.selectFrom('rec_experiments').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('Experiment');
    return (await this.withStats(ctx, [row]))[0]!;
  }

  /** A new running experiment; 409 `experiment_running` while another runs (stop it first). */
  async create(ctx: TenantContext, input: ExperimentCreate): Promise<ExperimentDto> {
    const id = randomUUID();
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('rec_experiments').values({ id, tenant_id: ctx.tenantId, name: input.name }).execute();
        await trx
          .insertInto('rec_experiment_variants')
          .values(input.variants.map((v) => ({ tenant_id: ctx.tenantId, experiment_id: id, key: v.key, strategy: v.strategy, weight: v.weight })))
          .execute();
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('Another experiment is running; stop it first', 'experiment_running');
      throw err;
    }
    return this.get(ctx, id);
  }

  async update(ctx: TenantContext, id: string, input: ExperimentUpdate): Promise<ExperimentDto> {
    const row = await this.db.selectFrom('rec_experiments').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('Experiment');
    const variants = await this.variants(ctx, [id]);
    const keys = new Set(variants.map((v) => v.key));
    if (input.rolloutVariant && !keys.has(input.rolloutVariant)) throw new BadRequestError(`rolloutVariant: no variant "${input.rolloutVariant}" in this experiment`, 'unknown_variant');
    if (input.weights) {
      const unknown = Object.keys(input.weights).filter((k) => !keys.has(k));
      if (unknown.length > 0) throw new BadRequestError(`weights: no variant ${unknown.map((k) => `"${k}"`).join(', ')} in this experiment`, 'unknown_variant');
      const after = variants.map((v) => input.weights![v.key] ?? v.weight);
      if (!after.some((w) => w > 0)) throw new BadRequestError('weights: at least one variant needs a weight above 0', 'validation_error');
      if (row.status !== 'running') throw new ConflictError('The experiment is stopped; its weights no longer matter', 'experiment_stopped');
    }
    if (input.status === 'stopped' && row.status === 'stopped') throw new ConflictError('The experiment is already stopped', 'experiment_stopped');
    await this.db.transaction().execute(async (trx) => {
      const set: { name?: string; status?: 'stopped'; stopped_at?: Date; rollout_variant?: string | null } = {};
      if (input.name !== undefined) set.name = input.name;
      if (input.status === 'stopped') Object.assign(set, { status: 'stopped', stopped_at: new Date() });
      if (input.rolloutVariant !== undefined) set.rollout_variant = input.rolloutVariant;
      if (Object.keys(set).length > 0) await trx.updateTable('rec_experiments').set(set).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
      for (const [key, weight] of Object.entries(input.weights ?? {})) {
        await trx.updateTable('rec_experiment_variants').set({ weight }).where('tenant_id', '=', ctx.tenantId).where('experiment_id', '=', id).where('key', '=', key).execute();
      }
    });
    return this.get(ctx, id);
  }

  private latest(ctx: TenantContext): Promise<RecExperimentRow | undefined> {
    // The running one if any, else the most recently stopped (its rollout applies).
    return this.db
      .selectFrom('rec_experiments')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .orderBy(sql`status = 'running'`, 'desc')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  private async createDefault(ctx: TenantContext): Promise<void> {
    try {
      await this.create(ctx, DEFAULT_EXPERIMENT as unknown as ExperimentCreate);
    } catch (err) {
      // Two first requests at once: the other one created it.
      if (!(err instanceof ConflictError)) throw err;
    }
  }

  private variants(ctx: TenantContext, experimentIds: string[]): Promise<RecVariantRow[]> {
    if (experimentIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('rec_experiment_variants')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('experiment_id', 'in', experimentIds)
      .orderBy('experiment_id')
      .orderBy('key')
      .execute();
  }

  private async withStats(ctx: TenantContext, experiments: RecExperimentRow[]): Promise<ExperimentDto[]> {
    const ids = experiments.map((e) => e.id);
    const [variants, counts] = await Promise.all([
      this.variants(ctx, ids),
      ids.length === 0
        ? Promise.resolve([])
        : this.db
            .selectFrom('rec_impressions')
            .select([
              'experiment_id',
              'variant_key',
              sql<number>`count(*)::int`.as('exposures'),
              sql<number>`count(clicked_at)::int`.as('clicks'),
              sql<number>`count(distinct visitor_id)::int`.as('visitors'),
              sql<number>`count(distinct visitor_id) filter (where clicked_at is not null)::int`.as('clicking_visitors'),
            ])
            .where('tenant_id', '=', ctx.tenantId)
            .where('experiment_id', 'in', ids)
            .groupBy(['experiment_id', 'variant_key'])
            .execute(),
    ]);
    return experiments.map((e) => {
      const arms = variants
        .filter((v) => v.experiment_id === e.id)
        .map((v) => {
          const c = counts.find((x) => x.experiment_id === e.id && x.variant_key === v.key);
          const exposures = Number(c?.exposures ?? 0);
          const clicks = Number(c?.clicks ?? 0);
          return {
            key: v.key,
            strategy: v.strategy,
            weight: v.weight,
            exposures,
            clicks,
            ctr: exposures > 0 ? clicks / exposures : null,
            ctrInterval: exposures > 0 ? wilsonInterval(clicks, exposures) : null,
            visitors: Number(c?.visitors ?? 0),
            clickingVisitors: Number(c?.clicking_visitors ?? 0),
          };
        });
      const treatment = arms.find((a) => a.strategy === 'personalised');
      const control = arms.find((a) => a.strategy === 'popular');
      let comparison: ExperimentDto['comparison'] = null;
      if (treatment && control && treatment.exposures > 0 && control.exposures > 0) {
        const diff = differenceInterval(treatment.clicks, treatment.exposures, control.clicks, control.exposures);
        const lift = liftInterval(treatment.clicks, treatment.exposures, control.clicks, control.exposures);
        comparison = {
          treatment: treatment.key,
          control: control.key,
          difference: treatment.clicks / treatment.exposures - control.clicks / control.exposures,
          differenceInterval: diff,
          lift: lift?.lift ?? null,
          liftInterval: lift ? { low: lift.low, high: lift.high } : null,
          significant: diff.low > 0 || diff.high < 0,
        };
      }
      return {
        id: e.id,
        name: e.name,
        status: e.status,
        rolloutVariant: e.rollout_variant,
        createdAt: new Date(e.created_at).toISOString(),
        stoppedAt: e.stopped_at ? new Date(e.stopped_at).toISOString() : null,
        variants: arms,
        comparison,
      };
    });
  }
}

import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { kbDatabase, type KbDatabase } from '../kb/articles/kb-database.js';
import { PollingLoop } from '../scheduling/polling-loop.js';

/** A job this runner has claimed (its lease is held until it finishes or the lease runs out). */
export interface ClaimedJob {
  id: string;
  tenantId: string | null;
  kind: string;
  /** 1 on the first try. */
  attempt: number;
}

export interface JobHandler {
  run(job: ClaimedJob): Promise<void>;
  /** For recurring jobs: when the next regular run is due after a run at `now`. */
  nextRun?(now: Date): Date;
  /** Recurring per-tenant jobs are created for every tenant that lacks one. */
  perTenant?: boolean;
}

export interface JobRunnerOptions {
  pollMs?: number;
  /** How long a claimed job is ours; a runner that dies mid-job loses it to another after this. */
  leaseMs?: number;
  maxAttempts?: number;
  /** First retry delay; doubles per attempt, capped at an hour. */
  retryBaseMs?: number;
  batchSize?: number;
  now?: () => Date;
  log?: { error(obj: object, msg: string): void };
}

const HOUR_MS = 60 * 60 * 1000;
// Tenants created after start get their recurring jobs on the next sweep.
const ENSURE_EVERY_POLLS = 120;

/**
 * Durable job scheduling in the database: jobs are rows, a runner claims due
 * ones with `FOR UPDATE SKIP LOCKED` (so any number of app nodes can poll the
 * same table and each job runs once), runs them, reschedules recurring ones
 * and retries failures with exponential backoff. Nothing lives in timers that
 * a restart would lose: a job that was running when its node died is claimed
 * again when its lease expires.
 * @example
 * const runner = new JobRunner(db, { 'kb.top_questions': refresh.asJob() });
 * runner.start(); // … await runner.stop() on shutdown
 */
export class JobRunner {
  private readonly db: Kysely<KbDatabase>;
  private readonly workerId = randomUUID();
  private readonly options: Required<Omit<JobRunnerOptions, 'log'>> & Pick<JobRunnerOptions, 'log'>;
  private polls = 0;
  private readonly loop: PollingLoop;

  constructor(
    db: Kysely<Database>,
    private readonly handlers: Record<string, JobHandler>,
    options: JobRunnerOptions = {},
  ) {
    this.db = kbDatabase(db);
    this.options = {
      pollMs: options.pollMs ?? 5000,
      leaseMs: options.leaseMs ?? 15 * 60 * 1000,
      maxAttempts: options.maxAttempts ?? 5,
      retryBaseMs: options.retryBaseMs ?? 30_000,
      batchSize: options.batchSize ?? 5,
      now: options.now ?? (() => new Date()),
      log: options.log,
    };
    this.loop = new PollingLoop(() => this.poll(), this.options.pollMs);
  }

  /** Adds the handlers of a module built after the runner (call before start()). */
  register(handlers: Record<string, JobHandler>): void {
    Object.assign(this.handlers, handlers);
  }

  /** Starts polling (the first poll is immediate). */
  start(): void {
    this.loop.start();
  }

  /** Stops polling and waits for the job in hand to finish. */
  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Adds a one-off (or first) run of `kind` at `runAt`; a no-op when the tenant already has a live one. */
  async enqueue(kind: string, tenantId: string | null, runAt: Date): Promise<void> {
    const insert = () => sql`insert into jobs (id, tenant_id, kind, run_at) values (${randomUUID()}, ${tenantId}, ${kind}, ${runAt}) on conflict do nothing`.execute(this.db);
    await (tenantId ? TenantScope.asTenant(tenantId, insert) : TenantScope.asSystem(insert));
  }

  /** Creates the next run of every recurring per-tenant job for tenants that have none pending or running. */
  ensureRecurring(): Promise<void> {
    // The jobs table is every tenant's: the runner sweeps it as the system; each job runs as its tenant (runOne).
    return TenantScope.asSystem(() => this.ensureRecurringJobs());
  }

  private async ensureRecurringJobs(): Promise<void> {
    const now = this.options.now();
    for (const [kind, handler] of Object.entries(this.handlers)) {
      if (!handler.perTenant || !handler.nextRun) continue;
      // The partial unique index (one live job per kind and tenant) makes racing nodes harmless.
      await sql`insert into jobs (id, tenant_id, kind, run_at)
        select gen_random_uuid(), t.id, ${kind}, ${handler.nextRun(now)} from tenants t
        where not exists (select 1 from jobs j where j.kind = ${kind} and j.tenant_id = t.id and j.status in ('pending', 'running'))
        on conflict do nothing`.execute(this.db);
    }
  }

  /** Claims the jobs due now and runs them one after another; returns how many ran. */
  runDue(): Promise<number> {
    return TenantScope.asSystem(async () => {
      const claimed = await this.claim();
      for (const job of claimed) await this.runOne(job);
      return claimed.length;
    });
  }

  private async claim(): Promise<ClaimedJob[]> {
    const now = this.options.now();
    const kinds = Object.keys(this.handlers);
    if (kinds.length === 0) return [];
    const rows = await this.db
      .updateTable('jobs')
      .set((eb) => ({ status: 'running', attempts: eb('attempts', '+', 1), locked_by: this.workerId, locked_until: new Date(now.getTime() + this.options.leaseMs), updated_at: now }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('jobs')
          .select('id')
          .where('kind', 'in', kinds)
          .where((w) => w.or([w.and([w('status', '=', 'pending'), w('run_at', '<=', now)]), w.and([w('status', '=', 'running'), w('locked_until', '<', now)])]))
          .orderBy('run_at')
          .limit(this.options.batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'tenant_id', 'kind', 'attempts'])
      .execute();
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, kind: r.kind, attempt: r.attempts }));
  }

  private async runOne(job: ClaimedJob): Promise<void> {
    const handler = this.handlers[job.kind]!;
    try {
      // A tenant's job sees only that tenant's rows; a job of no tenant (a global sweep) runs as the system.
      await (job.tenantId ? TenantScope.asTenant(job.tenantId, () => handler.run(job)) : handler.run(job));
    } catch (err) {
      await this.failed(job, handler, err);
      return;
    }
    const now = this.options.now();
    await this.release(job, handler.nextRun ? { status: 'pending', run_at: handler.nextRun(now), attempts: 0, last_error: null } : { status: 'done' });
  }

  private async failed(job: ClaimedJob, handler: JobHandler, err: unknown): Promise<void> {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    this.options.log?.error({ err, jobId: job.id, kind: job.kind, tenantId: job.tenantId, attempt: job.attempt }, 'job failed');
    const now = this.options.now();
    if (job.attempt < this.options.maxAttempts) {
      const delay = Math.min(HOUR_MS, this.options.retryBaseMs * 2 ** (job.attempt - 1));
      await this.release(job, { status: 'pending', run_at: new Date(now.getTime() + delay), last_error: message });
    } else if (handler.nextRun) {
      // A recurring job gives up on this run, not on the schedule.
      await this.release(job, { status: 'pending', run_at: handler.nextRun(now), attempts: 0, last_error: message });
    } else {
      await this.release(job, { status: 'failed', last_error: message });
    }
  }

  private async release(job: ClaimedJob, set: { status: 'pending' | 'done' | 'failed'; run_at?: Date; attempts?: number; last_error?: string | null }): Promise<void> {
    // Only while we still hold the lease: after it expired another runner may own the job.
    await this.db
      .updateTable('jobs')
      .set({ ...set, locked_by: null, locked_until: null, updated_at: this.options.now() })
      .where('id', '=', job.id)
      .where('locked_by', '=', this.workerId)
      .execute();
  }

  private async poll(): Promise<void> {
    try {
      if (this.polls++ % ENSURE_EVERY_POLLS === 0) await this.ensureRecurring();
      while (this.loop.running && (await this.runDue()) === this.options.batchSize);
    } catch (err) {
      this.options.log?.error({ err }, 'job runner poll failed');
    }
  }
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { JobHandler } from '../insights/job-runner.js';
import { ticketDatabase, type TicketDatabase } from '../tickets/ticket-schema.js';
import { OPEN_TICKET_STATUSES } from './assignee-pool.js';
import type { TicketAssignment, TicketDispatcher } from './ticket-dispatcher.js';

export interface DispatchSweepOptions {
  /** How often each tenant's sweep runs (default 15 s). */
  intervalMs?: number;
  /** Tickets assigned per transaction (default 50). */
  batchSize?: number;
  /** At most this many assignments per tenant and run, so one tenant's backlog cannot hold the runner (default 1000). */
  maxPerRun?: number;
}

/**
 * Assigns the tickets that wait in their group's queue once someone can take them — a member came
 * on duty, a ticket closed, a limit was raised. Per group, the earliest SLA deadline first, then P1, then the oldest. Runs for every
 * tenant on a short interval through the app's JobRunner, and on demand when duty or members change.
 * @example
 * const sweep = new DispatchSweep(db, dispatcher);
 * new JobRunner(db, { [DispatchSweep.JOB_KIND]: sweep.asJob() });
 */
export class DispatchSweep {
  static readonly JOB_KIND = 'routing.dispatch';
  private readonly db: Kysely<TicketDatabase>;
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly maxPerRun: number;

  constructor(
    db: Kysely<Database>,
    private readonly dispatcher: TicketDispatcher,
    options: DispatchSweepOptions = {},
  ) {
    this.db = ticketDatabase(db);
    this.intervalMs = options.intervalMs ?? 15_000;
    this.batchSize = options.batchSize ?? 50;
    this.maxPerRun = options.maxPerRun ?? 1000;
  }

  /** Sweeps every group of the tenant that has waiting tickets. Call inside the tenant's scope (the JobRunner does). */
  async run(tenantId: string, now: Date): Promise<TicketAssignment[]> {
    const groups = await this.db
      .selectFrom('tickets')
      .select('group_id')
      .distinct()
      .where('tenant_id', '=', tenantId)
      .where('assignee_id', 'is', null)
      .where('group_id', 'is not', null)
      .where('merged_into_id', 'is', null)
      .where('status', 'in', [...OPEN_TICKET_STATUSES])
      .execute();
    return this.runGroups(
      tenantId,
      groups.map((g) => g.group_id!),
      now,
    );
  }

  /** Sweeps the given groups only (after a member came on duty or a group's members changed). */
  async runGroups(tenantId: string, groupIds: readonly string[], now: Date): Promise<TicketAssignment[]> {
    const made: TicketAssignment[] = [];
    for (const groupId of [...new Set(groupIds)].sort()) {
      while (made.length < this.maxPerRun) {
        const batch = await this.dispatcher.assignWaiting(tenantId, groupId, now, Math.min(this.batchSize, this.maxPerRun - made.length));
        made.push(...batch);
        // A short batch: the queue is empty, the members are full, or the rest is held by another node right now.
        if (batch.length < this.batchSize) break;
      }
    }
    return made;
  }

  /** The recurring per-tenant job for the app's JobRunner. */
  asJob(now: () => Date = () => new Date()): JobHandler {
    return {
      perTenant: true,
      nextRun: (at) => new Date(at.getTime() + this.intervalMs),
      run: async (job) => {
        if (!job.tenantId) throw new Error(`${DispatchSweep.JOB_KIND} needs a tenant`);
        await this.run(job.tenantId, now());
      },
    };
  }
}

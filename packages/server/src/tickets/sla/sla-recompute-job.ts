import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { JobHandler } from '../../insights/job-runner.js';
import { ticketDatabase, type TicketDatabase } from '../ticket-schema.js';
import type { TicketSlaClock } from './ticket-sla-clock.js';

// A pass that saw the settings change under it runs again; this caps a tenant editing non-stop.
const MAX_PASSES = 5;

/**
 * The `tickets.sla_recompute` job: after a tenant's policies or calendar changed, recomputes the
 * deadlines of every ticket that is not closed, in batches, each ticket in its own short
 * transaction under its row lock (so it never blocks the ticket service for long). Because the
 * job runner keeps one live job per tenant, an edit made while a pass runs would be missed: the
 * pass compares a fingerprint of the settings before and after, and goes again when it changed.
 *
 * @example
 * await jobs.enqueue(SlaRecomputeJob.JOB_KIND, tenantId, new Date());
 */
export class SlaRecomputeJob {
  static readonly JOB_KIND = 'tickets.sla_recompute';
  private readonly db: Kysely<TicketDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly sla: TicketSlaClock,
    private readonly options: { batchSize?: number; now?: () => Date } = {},
  ) {
    this.db = ticketDatabase(db);
  }

  asJob(): JobHandler {
    return {
      run: async (job) => {
        if (job.tenantId) await this.recomputeTenant(job.tenantId);
      },
    };
  }

  /** Recomputes every open ticket of the tenant (run inside its TenantScope); returns how many. */
  async recomputeTenant(tenantId: string): Promise<number> {
    let total = 0;
    for (let pass = 0; pass < MAX_PASSES; pass += 1) {
      const before = await this.fingerprint(tenantId);
      total += await this.pass(tenantId);
      if ((await this.fingerprint(tenantId)) === before) break;
    }
    return total;
  }

  private async pass(tenantId: string): Promise<number> {
    const batchSize = this.options.batchSize ?? 100;
    let after: string | null = null;
    let count = 0;
    for (;;) {
      let query = this.db.selectFrom('tickets').select('id').where('tenant_id', '=', tenantId).where('status', '!=', 'closed');
      if (after) query = query.where('id', '>', after);
      const ids = await query
        .orderBy('id')
        .limit(batchSize)
        .execute();
      for (const { id } of ids) {
        await this.db.transaction().execute(async (trx) => {
          const ticket = await trx.selectFrom('tickets').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
          if (ticket && ticket.status !== 'closed') await this.sla.recompute(trx, ticket, this.options.now?.() ?? new Date());
        });
      }
      count += ids.length;
      if (ids.length < batchSize) return count;
      after = ids.at(-1)!.id;
    }
  }

  private async fingerprint(tenantId: string): Promise<string> {
    const [policies, calendars, groups] = await Promise.all([
      this.db.selectFrom('sla_policies').select(['id', 'updated_at']).where('tenant_id', '=', tenantId).orderBy('id').execute(),
      this.db.selectFrom('business_calendars').select(['id', 'updated_at', 'is_default']).where('tenant_id', '=', tenantId).orderBy('id').execute(),
      this.db.selectFrom('agent_groups').select(['id', 'calendar_id']).where('tenant_id', '=', tenantId).orderBy('id').execute(),
    ]);
    return JSON.stringify([policies, calendars, groups]);
  }
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ClaimedJob, JobHandler } from '../../insights/job-runner.js';
import { chinaDay } from '../china-calendar.js';
import { asSelfServiceDb, type SelfServiceDb } from '../self-service-db.js';
import { afterSalesProgress, afterSalesSchedule, afterSalesSteps, type AfterSalesRequest } from './after-sales-progression.js';

/** What a demo refund says it goes back to; the refund flow reads "退回至原支付账户（原路退回）". */
export const DEMO_REFUND_CHANNEL = '原支付账户（原路退回）';

const IN_FLIGHT = ['submitted', 'shipped_back', 'received', 'approved'];

export class AfterSalesJobError extends Error {
  readonly code = 'tenant_required';
  constructor(message: string) {
    super(message);
    this.name = 'AfterSalesJobError';
  }
}

/**
 * The demo shop's after-sales system: moves each tenant's `demo_returns` along by elapsed China
 * working days (see `afterSalesProgress`), records every step in `demo_return_events`, and keeps
 * the order's `demo_refunds` row in step so the refund-status flow agrees. Only the demo tables are
 * touched; a tenant on a real CRM has no rows there.
 *
 * Safe to run twice or on two nodes at once: a request moves only by an UPDATE conditional on the
 * status it was read with, steps are keyed by (tenant, reference, status), and the timestamps come
 * from the pure schedule, not from when the job happened to run.
 * @example
 * const runner = new JobRunner(db, { [DemoAfterSales.JOB_KIND]: new DemoAfterSales(db).asJob() });
 */
export class DemoAfterSales {
  static readonly JOB_KIND = 'demo.after_sales';
  private readonly db: SelfServiceDb;

  constructor(
    db: Kysely<Database>,
    /** How often each tenant's job runs; steps are a working day apart, so this only bounds the lag. */
    private readonly everyMs = 15 * 60 * 1000,
  ) {
    this.db = asSelfServiceDb(db);
  }

  /** Advances the tenant's requests that are due by `now`; returns how many moved. */
  async advance(tenantId: string, now: Date): Promise<number> {
    const rows = await this.db
      .selectFrom('demo_returns')
      .select(['reference', 'order_no', 'kind', 'method', 'status', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where('status', 'in', IN_FLIGHT)
      .execute();
    let moved = 0;
    for (const row of rows) {
      if (await this.advanceOne(tenantId, { ...row, created_at: new Date(row.created_at) }, now)) moved += 1;
    }
    return moved;
  }

  /** The per-tenant recurring job for the JobRunner. */
  asJob(now: () => Date = () => new Date()): JobHandler {
    return {
      perTenant: true,
      nextRun: (at) => new Date(at.getTime() + this.everyMs),
      run: async (job: ClaimedJob) => {
        if (!job.tenantId) throw new AfterSalesJobError(`${DemoAfterSales.JOB_KIND} needs a tenant`);
        await this.advance(job.tenantId, now());
      },
    };
  }

  private async advanceOne(
    tenantId: string,
    row: { reference: string; order_no: string; kind: AfterSalesRequest['kind']; method: string | null; status: string; created_at: Date },
    now: Date,
  ): Promise<boolean> {
    const request = { kind: row.kind, method: row.method };
    const order = afterSalesSteps(row.kind);
    const progress = afterSalesProgress(request, row.created_at, now);
    const from = order.indexOf(row.status as (typeof order)[number]);
    const to = order.indexOf(progress.status);
    if (from < 0 || to <= from) return false;
    const current = progress.steps.at(-1)!;
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('demo_returns')
        .set({ status: current.status, status_changed_at: current.at })
        .where('tenant_id', '=', tenantId)
        .where('reference', '=', row.reference)
        .where('status', '=', row.status)
        .executeTakeFirst();
      // Someone else (another node, a CRM, an operator) moved it since we read it.
      if (Number(updated.numUpdatedRows) === 0) return false;
      await trx
        .insertInto('demo_return_events')
        .values(progress.steps.map((s) => ({ tenant_id: tenantId, reference: row.reference, status: s.status, at: s.at })))
        .onConflict((oc) => oc.columns(['tenant_id', 'reference', 'status']).doNothing())
        .execute();
      if (row.kind === 'return') await this.syncRefund(trx, tenantId, row.order_no, request, row.created_at, current.status === 'refunded' ? current.at : null);
      return true;
    });
  }

  /**
   * The refund behind a return: `processing` until the refund step (expected on its planned day),
   * then `completed` for the order amount. A refund already completed for the order (e.g. an earlier
   * price refund in the seed) is left as it is.
   */
  private async syncRefund(trx: SelfServiceDb, tenantId: string, orderNo: string, request: AfterSalesRequest, createdAt: Date, refundedAt: Date | null): Promise<void> {
    const order = await trx.selectFrom('demo_orders').select('amount_cents').where('tenant_id', '=', tenantId).where('order_no', '=', orderNo).executeTakeFirst();
    if (!order) return;
    const refundDay = afterSalesSchedule(request, createdAt).at(-1)!.at;
    const values = refundedAt
      ? { status: 'completed' as const, refunded_at: refundedAt, expected_date: null }
      : { status: 'processing' as const, refunded_at: null, expected_date: chinaDay(refundDay) };
    await trx
      .insertInto('demo_refunds')
      .values({ tenant_id: tenantId, order_no: orderNo, amount_cents: order.amount_cents, channel: DEMO_REFUND_CHANNEL, reason_text: null, ...values })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'order_no'])
          .doUpdateSet({ amount_cents: order.amount_cents, channel: DEMO_REFUND_CHANNEL, reason_text: null, ...values })
          .where('demo_refunds.status', '<>', 'completed'),
      )
      .execute();
  }
}

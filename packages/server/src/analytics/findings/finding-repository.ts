import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { ConflictError, NotFoundError } from '../../errors/app-error.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import { toFindingDto, type FindingDto } from './finding-dto.js';
import { findingsDatabase, type AnalyticsFindingsTable, type FindingsDatabase } from './finding-schema.js';
import type { Insertable } from 'kysely';

export type NewFinding = Omit<Insertable<AnalyticsFindingsTable>, 'tenant_id' | 'status' | 'created_at' | 'decided_at' | 'decided_by'>;

/** Findings per tenant: written by the daily job, listed, dismissed or marked done by staff. */
export class FindingRepository {
  private readonly db: Kysely<FindingsDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = findingsDatabase(db);
  }

  async list(ctx: TenantContext, filter: { status?: 'open' | 'dismissed' | 'done'; limit: number }): Promise<FindingDto[]> {
    let q = this.db.selectFrom('analytics_findings').selectAll().where('tenant_id', '=', ctx.tenantId);
    if (filter.status) q = q.where('status', '=', filter.status);
    const rows = await q.orderBy('created_at', 'desc').orderBy('q_value').limit(filter.limit).execute();
    return rows.map(toFindingDto);
  }

  /** Dismiss or mark done an open finding; deciding twice is a 409 (the first decision stands). */
  async decide(ctx: TenantContext, id: string, status: 'dismissed' | 'done', userId: string | null): Promise<FindingDto> {
    const row = await this.db
      .updateTable('analytics_findings')
      .set({ status, decided_at: new Date(), decided_by: userId })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    if (row) return toFindingDto(row);
    const existing = await this.db.selectFrom('analytics_findings').select('status').where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (!existing) throw new NotFoundError('Finding');
    throw new ConflictError(`The finding is already ${existing.status}`, 'already_decided');
  }

  /**
   * Writes the run's findings, skipping a subject and comparison already reported for a day in
   * the same week (`since`) — open or decided — so a lasting problem is one finding, not seven.
   * A re-run of the same day inserts nothing (unique per tenant × kind × subject × day × comparison).
   */
  async addNew(ctx: TenantContext, findings: NewFinding[], since: string): Promise<number> {
    let added = 0;
    for (const f of findings) {
      const recent = await this.db
        .selectFrom('analytics_findings')
        .select('id')
        .where('tenant_id', '=', ctx.tenantId)
        .where('kind', '=', f.kind)
        .where('subject_key', '=', f.subject_key)
        .where('comparison', '=', f.comparison)
        .where('day', '>=', since)
        .executeTakeFirst();
      if (recent) continue;
      const inserted = await this.db
        .insertInto('analytics_findings')
        .values({ ...f, tenant_id: ctx.tenantId })
        .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'subject_key', 'day', 'comparison']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) added++;
    }
    return added;
  }
}

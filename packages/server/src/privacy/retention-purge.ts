import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { purgeAuditEntriesBefore, type AuditLog } from '../auth/audit-log.js';
import type { Database } from '../db/schema.js';
import type { JobHandler } from '../insights/job-runner.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { PersonalDataHolder } from './personal-data-holder.js';
import { privacyDatabase } from './privacy-schema.js';
import type { PrivacySettingsService } from './privacy-settings-service.js';

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The next 02:30 Asia/Shanghai strictly after `now`: the quiet hour for deleting in bulk. */
export function nextDailyPurge(now: Date): Date {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const today = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 2, 30) - SHANGHAI_OFFSET_MS;
  return new Date(today > now.getTime() ? today : today + DAY_MS);
}

/**
 * The daily retention purge of one tenant: every PersonalDataHolder removes what its retention
 * period has passed, then the audit log is cut to its own period. Runs on the JobRunner (one job
 * row per tenant, claimed with SKIP LOCKED, so exactly one node runs it) and records what it removed.
 */
export class RetentionPurge {
  static readonly JOB_KIND = 'privacy.retention';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly settings: PrivacySettingsService,
    private readonly holders: readonly PersonalDataHolder[],
    private readonly audit: AuditLog,
    private readonly log?: { info(obj: object, msg: string): void },
  ) {}

  async run(ctx: TenantContext, now: Date): Promise<Record<string, number>> {
    const { retention } = await this.settings.get(ctx);
    const removed: Record<string, number> = {};
    for (const h of this.holders) {
      if (!h.purgeExpired) continue;
      for (const [k, n] of Object.entries(await h.purgeExpired(ctx, retention, now))) removed[k] = (removed[k] ?? 0) + n;
    }
    removed.auditEntries = await purgeAuditEntriesBefore(this.db, ctx.tenantId, new Date(now.getTime() - retention.auditLog * DAY_MS));
    await privacyDatabase(this.db).insertInto('privacy_retention_runs').values({ id: randomUUID(), tenant_id: ctx.tenantId, ran_at: now, removed: JSON.stringify(removed) }).execute();
    await this.audit.record({ tenantId: ctx.tenantId, actorType: 'system', actorId: null, action: 'privacy.retention_purged', detail: { removed, retention } });
    this.log?.info({ tenantId: ctx.tenantId, removed }, 'retention purge');
    return removed;
  }

  /** The last runs' reports, newest first. */
  async runs(ctx: TenantContext, limit = 30): Promise<{ ranAt: string; removed: Record<string, number> }[]> {
    const rows = await privacyDatabase(this.db).selectFrom('privacy_retention_runs').select(['ran_at', 'removed']).where('tenant_id', '=', ctx.tenantId).orderBy('ran_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({ ranAt: r.ran_at.toISOString(), removed: r.removed }));
  }

  asJob(now: () => Date = () => new Date()): JobHandler {
    return {
      perTenant: true,
      nextRun: nextDailyPurge,
      run: async (job) => {
        if (!job.tenantId) throw new Error(`${RetentionPurge.JOB_KIND} needs a tenant`);
        await this.run({ tenantId: job.tenantId }, now());
      },
    };
  }
}

import { MonthlyReportService } from '../analytics/report/monthly-report-service.js';
import { TenantScope } from '../db/tenant-scope.js';
import { feedbackDatabase } from '../feedback/feedback-schema.js';
import type { ZhidaServices } from '../app/build-app.js';

/**
 * A demo tenant shows a monthly report from its first start: last month's report is queued as a
 * one-off job (durable; the job runner prints the PDF in the background, the start is not held
 * up). Later reports come from the regular job on the 1st. A tenant that has a report is left alone.
 */
export async function queueDemoMonthlyReport(services: ZhidaServices, tenantId: string, now = new Date()): Promise<void> {
  const existing = await TenantScope.asTenant(tenantId, () => feedbackDatabase(services.database.db).selectFrom('monthly_reports').select('id').where('tenant_id', '=', tenantId).executeTakeFirst());
  if (!existing) await services.jobs.enqueue(MonthlyReportService.NOW_JOB_KIND, tenantId, now);
}

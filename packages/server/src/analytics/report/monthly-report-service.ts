import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { feedbackDatabase, type FeedbackDatabase } from '../../feedback/feedback-schema.js';
import type { JobHandler } from '../../insights/job-runner.js';
import { nextMonthlyRun } from '../../insights/next-monthly-run.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import { monthlyReportCharts } from './monthly-report-charts.js';
import { MonthlyReportReader } from './monthly-report-data.js';
import { renderMonthlyReportHtml } from './monthly-report-html.js';
import type { ReportMailer } from './report-mailer.js';
import { monthTitle, previousReportMonth } from './report-month.js';
import type { PdfPrinter } from './report-pdf-printer.js';

export interface MonthlyReportSummary {
  id: string;
  month: string;
  hasPdf: boolean;
  pdfError: string | null;
  emailedTo: string[];
  emailedAt: string | null;
  emailError: string | null;
  createdAt: string;
}

/**
 * The monthly report of one tenant: read the month, draw the charts, render the HTML, print the
 * PDF, store both (one row per tenant and month; a rerun replaces it), then mail it to the
 * tenant's admins when SMTP is configured. A PDF or mail failure is recorded on the row and does
 * not lose the HTML.
 */
export class MonthlyReportService {
  /** The 1st of each month (after the top-question refresh), per tenant, for the month before. */
  static readonly JOB_KIND = 'analytics.monthly_report';
  /** A one-off report of the previous month now (the demo tenants' first start, an admin's request). */
  static readonly NOW_JOB_KIND = 'analytics.monthly_report_now';

  private readonly db: Kysely<FeedbackDatabase>;
  private readonly reader: MonthlyReportReader;

  constructor(
    db: Kysely<Database>,
    private readonly deps: { printer: PdfPrinter | null; mailer: ReportMailer | null; log?: { warn(obj: object, msg: string): void } },
  ) {
    this.db = feedbackDatabase(db);
    this.reader = new MonthlyReportReader(db);
  }

  async generate(ctx: TenantContext, month: string, now = new Date()): Promise<MonthlyReportSummary> {
    const data = await this.reader.read(ctx, month);
    const html = renderMonthlyReportHtml(data, monthlyReportCharts(data), now);
    let pdf: Buffer | null = null;
    let pdfError: string | null = null;
    if (this.deps.printer) {
      try {
        pdf = await this.deps.printer.print(html);
      } catch (err) {
        pdfError = (err instanceof Error ? err.message : String(err)).slice(0, 500);
        this.deps.log?.warn({ err, tenantId: ctx.tenantId, month }, 'monthly report PDF failed; the HTML is stored');
      }
    } else {
      pdfError = 'no PDF printer configured';
    }
    const values = { html, pdf, pdf_error: pdfError, emailed_to: '[]', emailed_at: null, email_error: null, created_at: now };
    const row = await this.db
      .insertInto('monthly_reports')
      .values({ id: randomUUID(), tenant_id: ctx.tenantId, month, ...values })
      .onConflict((oc) => oc.columns(['tenant_id', 'month']).doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    if (this.deps.mailer) await this.mail(ctx, row.id, data.tenantName, month, html, pdf, now);
    return (await this.summary(ctx, row.id))!;
  }

  private async mail(ctx: TenantContext, id: string, tenantName: string, month: string, html: string, pdf: Buffer | null, now: Date): Promise<void> {
    const admins = await this.db.selectFrom('users').select('email').where('tenant_id', '=', ctx.tenantId).where('role', '=', 'admin').where('active', '=', true).execute();
    const to = admins.map((a) => a.email);
    if (to.length === 0) return;
    try {
      await this.deps.mailer!.send({ to, subject: `${tenantName} · ${monthTitle(month)}客服月报`, html, pdf, filename: `zhida-report-${month}` });
      await this.db.updateTable('monthly_reports').set({ emailed_to: JSON.stringify(to), emailed_at: now, email_error: null }).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      this.deps.log?.warn({ err, tenantId: ctx.tenantId, month }, 'monthly report e-mail failed');
      await this.db.updateTable('monthly_reports').set({ email_error: message }).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
    }
  }

  async list(ctx: TenantContext): Promise<MonthlyReportSummary[]> {
    const rows = await this.db
      .selectFrom('monthly_reports')
      .select(['id', 'month', 'pdf_error', 'emailed_to', 'emailed_at', 'email_error', 'created_at', (eb) => eb('pdf', 'is not', null).as('has_pdf')])
      .where('tenant_id', '=', ctx.tenantId)
      .orderBy('month', 'desc')
      .limit(36)
      .execute();
    return rows.map(toSummary);
  }

  async summary(ctx: TenantContext, id: string): Promise<MonthlyReportSummary | null> {
    const row = await this.db
      .selectFrom('monthly_reports')
      .select(['id', 'month', 'pdf_error', 'emailed_to', 'emailed_at', 'email_error', 'created_at', (eb) => eb('pdf', 'is not', null).as('has_pdf')])
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toSummary(row) : null;
  }

  async file(ctx: TenantContext, id: string, kind: 'html' | 'pdf'): Promise<{ month: string; body: string | Buffer | null } | null> {
    const row = await this.db.selectFrom('monthly_reports').select(['month', kind]).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    return row ? { month: row.month, body: (row as { html?: string; pdf?: Buffer | null })[kind] ?? null } : null;
  }

  /** The recurring per-tenant job: on the 1st at 03:30 China time (after the 03:00 top-question refresh), the month before. */
  asJob(now: () => Date = () => new Date()): JobHandler {
    return {
      perTenant: true,
      nextRun: (at) => new Date(nextMonthlyRun(at).getTime() + 30 * 60 * 1000),
      run: async (job) => {
        if (!job.tenantId) throw new Error(`${MonthlyReportService.JOB_KIND} needs a tenant`);
        const at = now();
        await this.generate({ tenantId: job.tenantId }, previousReportMonth(at), at);
      },
    };
  }

  /** The one-off job: the previous month's report now. */
  asOneOffJob(now: () => Date = () => new Date()): JobHandler {
    return {
      run: async (job) => {
        if (!job.tenantId) throw new Error(`${MonthlyReportService.NOW_JOB_KIND} needs a tenant`);
        const at = now();
        await this.generate({ tenantId: job.tenantId }, previousReportMonth(at), at);
      },
    };
  }
}

function toSummary(r: { id: string; month: string; pdf_error: string | null; emailed_to: string[]; emailed_at: Date | null; email_error: string | null; created_at: Date; has_pdf: unknown }): MonthlyReportSummary {
  return {
    id: r.id,
    month: r.month,
    hasPdf: r.has_pdf === true || r.has_pdf === 1,
    pdfError: r.pdf_error,
    emailedTo: r.emailed_to,
    emailedAt: r.emailed_at ? new Date(r.emailed_at).toISOString() : null,
    emailError: r.email_error,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

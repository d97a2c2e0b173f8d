import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../../config/config.js';
import type { Database } from '../../db/schema.js';
import type { JobHandler } from '../../insights/job-runner.js';
import { monthlyReportRoutes } from './monthly-report-routes.js';
import { MonthlyReportService } from './monthly-report-service.js';
import { SmtpReportMailer, type ReportMailer } from './report-mailer.js';
import { ChromiumPdfPrinter, type PdfPrinter } from './report-pdf-printer.js';

export interface MonthlyReportModule {
  service: MonthlyReportService;
  jobHandlers: Record<string, JobHandler>;
  routes: FastifyPluginAsync;
}

/**
 * The monthly report (#17) from the config: Chromium prints the PDF, SMTP (when set) mails it.
 * @example
 * const reports = createMonthlyReportModule(db, config, { log: app.log });
 * jobs.register(reports.jobHandlers);
 */
export function createMonthlyReportModule(
  db: Kysely<Database>,
  config: Pick<AppConfig, 'smtp' | 'chromiumPath'>,
  deps: { log?: { warn(obj: object, msg: string): void }; printer?: PdfPrinter | null; mailer?: ReportMailer | null } = {},
): MonthlyReportModule {
  const printer = deps.printer !== undefined ? deps.printer : new ChromiumPdfPrinter(config.chromiumPath ?? '/usr/bin/chromium');
  const mailer = deps.mailer !== undefined ? deps.mailer : config.smtp ? new SmtpReportMailer(config.smtp.url, config.smtp.from) : null;
  const service = new MonthlyReportService(db, { printer, mailer, log: deps.log });
  return {
    service,
    jobHandlers: { [MonthlyReportService.JOB_KIND]: service.asJob(), [MonthlyReportService.NOW_JOB_KIND]: service.asOneOffJob() },
    routes: async (api) => {
      await api.register(monthlyReportRoutes, { reports: service });
    },
  };
}

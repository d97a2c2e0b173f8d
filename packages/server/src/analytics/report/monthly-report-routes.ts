import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../../auth/auth-hooks.js';
import { BadRequestError, NotFoundError } from '../../errors/app-error.js';
import { idParamsSchema } from '../../http/common-schemas.js';
import type { MonthlyReportService } from './monthly-report-service.js';
import { MONTH_PATTERN, reportMonth } from './report-month.js';

const summarySchema = z.object({
  id: z.string(),
  month: z.string(),
  hasPdf: z.boolean(),
  pdfError: z.string().nullable(),
  emailedTo: z.array(z.string()),
  emailedAt: z.string().nullable(),
  emailError: z.string().nullable(),
  createdAt: z.string(),
});

/**
 * `/reports/monthly`: the list, the HTML and PDF of one (downloads: `attachment`, sandboxed), and
 * `POST` to generate a month now (admin). Reads need `conversations.read` (analysts included).
 */
export const monthlyReportRoutes: FastifyPluginAsyncZod<{ reports: MonthlyReportService; now?: () => Date }> = async (app, { reports, now = () => new Date() }) => {
  app.get('/reports/monthly', {
    config: { auth: 'conversations.read' },
    schema: { tags: ['reports'], response: { 200: z.object({ items: z.array(summarySchema) }) } },
    handler: async (req) => ({ items: await reports.list(staffOf(req)) }),
  });

  app.post('/reports/monthly', {
    config: { auth: 'settings.manage' },
    schema: {
      tags: ['reports'],
      body: z.strictObject({ month: z.string().regex(MONTH_PATTERN, '月份格式应为 YYYY-MM，例如 2026-11') }),
      response: { 201: summarySchema },
    },
    handler: async (req, reply) => {
      if (reportMonth(req.body.month).from.getTime() > now().getTime()) throw new BadRequestError('不能生成尚未开始的月份的报告', 'month_in_future');
      return reply.status(201).send(await reports.generate(staffOf(req), req.body.month, now()));
    },
  });

  app.get('/reports/monthly/:id/html', {
    config: { auth: 'conversations.read' },
    schema: { tags: ['reports'], params: idParamsSchema },
    handler: async (req, reply) => {
      const file = await reports.file(staffOf(req), req.params.id, 'html');
      if (!file?.body) throw new NotFoundError('Report');
      return download(reply, `zhida-report-${file.month}.html`, 'text/html; charset=utf-8', file.body);
    },
  });

  app.get('/reports/monthly/:id/pdf', {
    config: { auth: 'conversations.read' },
    schema: { tags: ['reports'], params: idParamsSchema },
    handler: async (req, reply) => {
      const file = await reports.file(staffOf(req), req.params.id, 'pdf');
      if (!file?.body) throw new NotFoundError('Report PDF');
      return download(reply, `zhida-report-${file.month}.pdf`, 'application/pdf', file.body);
    },
  });
};

function download(reply: import('fastify').FastifyReply, filename: string, contentType: string, body: string | Buffer) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', 'sandbox')
    .header('cache-control', 'private, no-store')
    .send(body);
}

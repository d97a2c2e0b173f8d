import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffOf } from '../auth/auth-hooks.js';
import type { AnalyticsDashboard } from './analytics-dashboard.js';
import type { AnalyticsExport } from './analytics-export.js';
import { dashboardDtoSchema } from './dashboard-dto.js';
import { dashboardFilterOf, dashboardQuerySchema } from './dashboard-filter.js';

/** The 数据看板 API: read-only (`analytics.read`: admin, supervisor, analyst). */
export const analyticsRoutes: FastifyPluginAsyncZod<{ dashboard: AnalyticsDashboard; exports: AnalyticsExport }> = async (app, { dashboard, exports }) => {
  app.get('/analytics/dashboard', {
    config: { auth: 'analytics.read' },
    schema: { tags: ['analytics'], summary: 'Every dashboard measure for a day range (≤ 13 months) and filters', querystring: dashboardQuerySchema, response: { 200: dashboardDtoSchema } },
    handler: async (req) => dashboard.get(staffOf(req), dashboardFilterOf(req.query)),
  });

  for (const kind of ['daily', 'conversations'] as const) {
    app.get(`/analytics/export/${kind}.csv`, {
      config: { auth: 'analytics.read' },
      schema: {
        tags: ['analytics'],
        summary: kind === 'daily' ? 'CSV, one line per day (streamed)' : 'CSV, one line per conversation started in the range (streamed)',
        querystring: dashboardQuerySchema,
        produces: ['text/csv'],
      },
      handler: async (req, reply) => {
        const staff = staffOf(req);
        const filter = dashboardFilterOf(req.query);
        await dashboard.assertGroup(staff, filter.groupId);
        const lines = kind === 'daily' ? exports.daily(staff.tenantId, filter) : exports.conversations(staff.tenantId, filter);
        void reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="zhida-${kind}-${filter.from}-${filter.to}.csv"`)
          .header('cache-control', 'no-store');
        return reply.send(Readable.from(lines));
      },
    });
  }
};

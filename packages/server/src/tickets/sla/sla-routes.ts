import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../../auth/auth-hooks.js';
import { idParamsSchema } from '../../http/common-schemas.js';
import { chinaWorkCalendar } from '@zhida/china-calendar';
import { BusinessCalendar } from './business-calendar.js';
import {
  businessCalendarDtoSchema,
  businessCalendarInputSchema,
  calendarYearDtoSchema,
  calendarYearQuerySchema,
  slaPolicyDtoSchema,
  slaPolicyInputSchema,
  slaPolicyPatchSchema,
} from './sla-settings-dto.js';
import type { SlaSettingsRepository } from './sla-settings-repository.js';

export interface SlaRoutesOptions {
  settings: SlaSettingsRepository;
  /** Called after a policy or the calendar changed: drop cached calendars and recompute the tenant's open tickets (a job). */
  settingsChanged(tenantId: string): Promise<void>;
}

/** Admin routes for the tenant's business hours and SLA policies (reads: any staff; writes: tickets.admin). */
export const slaRoutes: FastifyPluginAsyncZod<SlaRoutesOptions> = async (app, { settings, settingsChanged }) => {
  app.get('/business-calendar', {
    config: { auth: 'tickets.read' },
    schema: { tags: ['tickets'], response: { 200: businessCalendarDtoSchema } },
    handler: async (req) => settings.defaultCalendar(staffOf(req)),
  });

  app.put('/business-calendar', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['tickets'], body: businessCalendarInputSchema, response: { 200: businessCalendarDtoSchema } },
    handler: async (req) => {
      const ctx = staffOf(req);
      const saved = await settings.putDefaultCalendar(ctx, req.body);
      await settingsChanged(ctx.tenantId);
      return saved;
    },
  });

  app.get('/business-calendar/year', {
    config: { auth: 'tickets.read' },
    schema: { tags: ['tickets'], querystring: calendarYearQuerySchema, response: { 200: calendarYearDtoSchema } },
    handler: async (req) => {
      const stored = await settings.defaultCalendar(staffOf(req));
      const calendar = new BusinessCalendar({ weeklyHours: stored.weeklyHours, followChinaHolidays: stored.followChinaHolidays, closures: stored.closures });
      return { year: req.query.year, officialHolidays: chinaWorkCalendar.hasOfficialData(req.query.year), days: calendar.yearView(req.query.year) };
    },
  });

  app.get('/sla-policies', {
    config: { auth: 'tickets.read' },
    schema: { tags: ['tickets'], response: { 200: z.object({ items: z.array(slaPolicyDtoSchema) }) } },
    handler: async (req) => ({ items: await settings.listPolicies(staffOf(req)) }),
  });

  app.post('/sla-policies', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['tickets'], body: slaPolicyInputSchema, response: { 201: slaPolicyDtoSchema } },
    handler: async (req, reply) => {
      const ctx = staffOf(req);
      const created = await settings.createPolicy(ctx, req.body);
      await settingsChanged(ctx.tenantId);
      return reply.status(201).send(created);
    },
  });

  app.patch('/sla-policies/:id', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['tickets'], params: idParamsSchema, body: slaPolicyPatchSchema, response: { 200: slaPolicyDtoSchema } },
    handler: async (req) => {
      const ctx = staffOf(req);
      const updated = await settings.updatePolicy(ctx, req.params.id, req.body);
      await settingsChanged(ctx.tenantId);
      return updated;
    },
  });

  app.delete('/sla-policies/:id', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['tickets'], params: idParamsSchema },
    handler: async (req, reply) => {
      const ctx = staffOf(req);
      await settings.deletePolicy(ctx, req.params.id);
      await settingsChanged(ctx.tenantId);
      return reply.status(204).send();
    },
  });
};

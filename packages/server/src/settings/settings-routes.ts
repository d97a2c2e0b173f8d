import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../auth/auth-hooks.js';
import { MAX_ALLOWED_ORIGINS, parseAllowedOrigin } from '../widget/allowed-origin.js';
import type { StaffSecurityService } from './staff-security-service.js';
import type { WidgetSecurityService } from './widget-security-service.js';

const identityModeSchema = z.enum(['off', 'optional', 'required']);

const widgetSecurityDto = z.object({
  allowedOrigins: z.array(z.string()).describe('Normalised origins (scheme://host[:port], or https://*.example.com) that may embed the widget; empty = only this server’s own pages'),
  identity: z.object({ mode: identityModeSchema, secretSet: z.boolean() }),
});

const allowedOriginsSchema = z
  .array(z.string().max(300))
  .max(MAX_ALLOWED_ORIGINS, `at most ${MAX_ALLOWED_ORIGINS} origins`)
  .superRefine((list, ctx) => {
    list.forEach((entry, i) => {
      const parsed = parseAllowedOrigin(entry);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', path: [i], message: `"${entry.slice(0, 100)}" ${parsed.reason}` });
    });
  });

const staffSecurityDto = z.object({ mfaRequired: z.boolean().describe('Every staff user must use two-factor authentication; without it a login may only enroll') });

/** Tenant settings for admins: the widget's allowed origins and identity verification, and staff sign-in security. */
export const settingsRoutes: FastifyPluginAsyncZod<{ widgetSecurity: WidgetSecurityService; staffSecurity: StaffSecurityService }> = async (app, { widgetSecurity, staffSecurity }) => {
  app.get('/settings/staff-security', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['settings'], response: { 200: staffSecurityDto } },
    handler: async (req) => staffSecurity.get(staffOf(req)),
  });

  app.put('/settings/staff-security', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['settings'], body: z.strictObject({ mfaRequired: z.boolean() }), response: { 200: staffSecurityDto } },
    handler: async (req) => staffSecurity.setMfaRequired(staffOf(req), req.body.mfaRequired),
  });

  app.get('/settings/widget-security', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['settings'], response: { 200: widgetSecurityDto } },
    handler: async (req) => widgetSecurity.get(staffOf(req)),
  });

  app.put('/settings/widget-security', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['settings'], body: z.strictObject({ allowedOrigins: allowedOriginsSchema }), response: { 200: widgetSecurityDto } },
    handler: async (req) => widgetSecurity.setAllowedOrigins(staffOf(req), req.body.allowedOrigins),
  });

  app.put('/settings/widget-security/identity', {
    config: { auth: 'settings.manage' },
    schema: {
      tags: ['settings'],
      body: z.strictObject({ mode: identityModeSchema }),
      response: { 200: widgetSecurityDto.extend({ secret: z.string().optional().describe('Only when this call created the secret; shown once') }) },
    },
    handler: async (req, reply) => {
      const result = await widgetSecurity.setIdentityMode(staffOf(req), req.body.mode);
      if (result.secret) void reply.header('cache-control', 'no-store');
      return result;
    },
  });

  app.post('/settings/widget-security/identity/secret', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['settings'], response: { 200: z.object({ secret: z.string().describe('The new HMAC secret; shown once, never returned again') }) } },
    handler: async (req, reply) => {
      const result = await widgetSecurity.rotateIdentitySecret(staffOf(req));
      return reply.header('cache-control', 'no-store').send(result);
    },
  });
};

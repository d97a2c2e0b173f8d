import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../auth/auth-hooks.js';
import { MAX_ALLOWED_ORIGINS, parseAllowedOrigin } from '../widget/allowed-origin.js';
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

/** Tenant settings for admins: today the widget's allowed origins and identity verification. */
export const settingsRoutes: FastifyPluginAsyncZod<{ widgetSecurity: WidgetSecurityService }> = async (app, { widgetSecurity }) => {
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

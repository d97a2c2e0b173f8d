import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UnauthorizedError } from '../errors/app-error.js';
import { ROLES } from './permissions.js';
import { SESSION_COOKIE } from './auth-hooks.js';
import type { AuthService } from './auth-service.js';

const sessionBody = z.object({
  user: z.object({ id: z.string(), tenantId: z.string(), tenantName: z.string(), tenantSlug: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES) }),
  csrfToken: z.string(),
});

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService; cookieSecure: boolean }> = async (app, { auth, cookieSecure }) => {
  app.post('/auth/login', {
    config: { auth: 'public' },
    schema: {
      tags: ['auth'],
      body: z.strictObject({ tenant: z.string().min(1).max(63), email: z.string().min(3).max(200), password: z.string().min(1).max(200) }),
      response: { 200: sessionBody },
    },
    handler: async (req, reply) => {
      const { token, csrfToken, user } = await auth.login({ ...req.body, ip: req.ip });
      void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: cookieSecure, path: '/', maxAge: 7 * 24 * 3600 });
      return { user, csrfToken };
    },
  });

  app.get('/auth/me', {
    config: { auth: 'staff' },
    schema: { tags: ['auth'], response: { 200: sessionBody } },
    handler: async (req) => {
      const p = req.principal;
      if (p?.kind !== 'user') throw new UnauthorizedError('Session required');
      return { user: await auth.sessionUser(p), csrfToken: p.csrfToken };
    },
  });

  app.post('/auth/logout', {
    config: { auth: 'staff' },
    schema: { tags: ['auth'] },
    handler: async (req, reply) => {
      const p = req.principal;
      if (p?.kind === 'user') await auth.logout(p);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  });

  app.post('/auth/password', {
    config: { auth: 'staff' },
    schema: { tags: ['auth'], body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(8, 'at least 8 characters').max(200) }) },
    handler: async (req, reply) => {
      const p = req.principal;
      if (p?.kind !== 'user') throw new UnauthorizedError('Session required');
      await auth.changePassword(p, req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send();
    },
  });
};

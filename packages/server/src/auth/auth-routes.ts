import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { UnauthorizedError } from '../errors/app-error.js';
import { ROLES } from './permissions.js';
import { SESSION_COOKIE, staffOf } from './auth-hooks.js';
import type { AuthService } from './auth-service.js';
import type { Principal } from './principal.js';
import { staffPasswordSchema } from './staff-password-schema.js';

const sessionBody = z.object({
  user: z.object({
    id: z.string(),
    tenantId: z.string(),
    tenantName: z.string(),
    tenantSlug: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    mfaEnabled: z.boolean().describe('The user has two-factor authentication (TOTP) on'),
  }),
  csrfToken: z.string(),
  mfaEnrollmentRequired: z.boolean().describe('The tenant requires MFA and the user has none: only /auth/me, /auth/logout and /auth/mfa/* answer until enrollment is confirmed'),
});

const challengeBody = z.object({
  mfaRequired: z.literal(true),
  challengeToken: z.string().describe('Single-use, valid for expiresInSeconds; send it with a TOTP code to /auth/login/mfa'),
  expiresInSeconds: z.number().int(),
});

const totpCode = z.string().regex(/^\d{6}$/, 'a 6-digit code');

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService; cookieSecure: boolean }> = async (app, { auth, cookieSecure }) => {
  const startSession = (reply: FastifyReply, token: string) =>
    void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: cookieSecure, path: '/', maxAge: 7 * 24 * 3600 });
  const userPrincipal = (p: Principal | null): Extract<Principal, { kind: 'user' }> => {
    if (p?.kind !== 'user') throw new UnauthorizedError('Session required');
    return p;
  };

  app.post('/auth/login', {
    config: { auth: 'public' },
    schema: {
      tags: ['auth'],
      description: 'Password login. With MFA on, no session yet: the answer is an MFA challenge for POST /auth/login/mfa.',
      body: z.strictObject({ tenant: z.string().min(1).max(63), email: z.string().min(3).max(200), password: z.string().min(1).max(200) }),
      response: { 200: z.union([sessionBody, challengeBody]) },
    },
    handler: async (req, reply) => {
      const result = await auth.login({ ...req.body, ip: req.ip });
      if (result.kind === 'mfa') {
        void reply.header('cache-control', 'no-store');
        return { mfaRequired: true as const, challengeToken: result.challengeToken, expiresInSeconds: result.expiresInSeconds };
      }
      startSession(reply, result.token);
      return { user: result.user, csrfToken: result.csrfToken, mfaEnrollmentRequired: await auth.mfaEnrollmentRequired(result.user) };
    },
  });

  app.post('/auth/login/mfa', {
    config: { auth: 'public' },
    schema: {
      tags: ['auth'],
      description: 'Second login step: the challenge token and a current TOTP code. A wrong code counts as a failed login.',
      body: z.strictObject({ challengeToken: z.string().min(1).max(200), code: totpCode }),
      response: { 200: sessionBody },
    },
    handler: async (req, reply) => {
      const { token, csrfToken, user } = await auth.loginWithMfa({ ...req.body, ip: req.ip });
      startSession(reply, token);
      return { user, csrfToken, mfaEnrollmentRequired: false };
    },
  });

  app.get('/auth/me', {
    config: { auth: 'staff', mfaEnrollment: 'allowed' },
    schema: { tags: ['auth'], response: { 200: sessionBody } },
    handler: async (req) => {
      const p = userPrincipal(req.principal);
      return { user: await auth.sessionUser(p), csrfToken: p.csrfToken, mfaEnrollmentRequired: p.mfaEnrollmentRequired };
    },
  });

  app.post('/auth/logout', {
    config: { auth: 'staff', mfaEnrollment: 'allowed' },
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
    schema: { tags: ['auth'], body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: staffPasswordSchema }) },
    handler: async (req, reply) => {
      const p = req.principal;
      if (p?.kind !== 'user') throw new UnauthorizedError('Session required');
      await auth.changePassword(p, req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send();
    },
  });

  const mfaStatus = z.object({ enabled: z.boolean(), pending: z.boolean().describe('Enrollment started, not yet confirmed'), required: z.boolean().describe('The tenant requires MFA') });

  app.get('/auth/mfa', {
    config: { auth: 'staff', mfaEnrollment: 'allowed' },
    schema: { tags: ['auth'], response: { 200: mfaStatus } },
    handler: async (req) => auth.mfa.status(userPrincipal(staffOf(req))),
  });

  app.post('/auth/mfa/enroll', {
    config: { auth: 'staff', mfaEnrollment: 'allowed' },
    schema: {
      tags: ['auth'],
      description: 'Starts enrollment: a new secret, pending until POST /auth/mfa/confirm. Replaces an unconfirmed one; 409 mfa_already_enabled when MFA is on.',
      response: { 200: z.object({ secret: z.string().describe('Base32, for manual entry'), otpauthUri: z.string() }) },
    },
    handler: async (req, reply) => {
      const result = await auth.mfa.startEnrollment(userPrincipal(staffOf(req)));
      return reply.header('cache-control', 'no-store').send(result);
    },
  });

  app.post('/auth/mfa/confirm', {
    config: { auth: 'staff', mfaEnrollment: 'allowed' },
    schema: { tags: ['auth'], description: 'A current code for the pending secret switches MFA on and ends the user’s other sessions.', body: z.strictObject({ code: totpCode }), response: { 200: mfaStatus } },
    handler: async (req) => {
      const p = userPrincipal(staffOf(req));
      await auth.mfa.confirmEnrollment(p, req.body.code, req.ip);
      return auth.mfa.status(p);
    },
  });

  app.post('/auth/mfa/disable', {
    config: { auth: 'staff' },
    schema: { tags: ['auth'], description: 'Switches MFA off; needs a current code.', body: z.strictObject({ code: totpCode }), response: { 200: mfaStatus } },
    handler: async (req) => {
      const p = userPrincipal(staffOf(req));
      await auth.mfa.disable(p, req.body.code, req.ip);
      return auth.mfa.status(p);
    },
  });
};

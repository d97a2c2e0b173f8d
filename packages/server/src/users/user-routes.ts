import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, type AuditLog } from '../auth/audit-log.js';
import { staffOf } from '../auth/auth-hooks.js';
import type { AuthService } from '../auth/auth-service.js';
import { ROLES } from '../auth/permissions.js';
import { staffPasswordSchema } from '../auth/staff-password-schema.js';
import { BadRequestError } from '../errors/app-error.js';
import { idParamsSchema, plainTextSchema } from '../http/common-schemas.js';
import type { UserRepository } from './user-repository.js';

const userDto = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), active: z.boolean(), createdAt: z.string() });
const password = staffPasswordSchema;

export const userRoutes: FastifyPluginAsyncZod<{ users: UserRepository; auth: AuthService; audit: AuditLog }> = async (app, { users, auth, audit }) => {
  app.get('/users', {
    config: { auth: 'users.read' },
    schema: { tags: ['users'], response: { 200: z.object({ items: z.array(userDto) }) } },
    handler: async (req) => ({ items: await users.list(staffOf(req)) }),
  });

  app.post('/users', {
    config: { auth: 'users.manage' },
    schema: {
      tags: ['users'],
      body: z.strictObject({ email: z.email().max(200), name: plainTextSchema(100), role: z.enum(ROLES), password }),
      response: { 201: userDto },
    },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      const user = await users.create(staff, req.body);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'user.created', objectType: 'user', objectId: user.id, detail: { role: user.role } });
      return reply.status(201).send(user);
    },
  });

  app.patch('/users/:id', {
    config: { auth: 'users.manage' },
    schema: {
      tags: ['users'],
      params: idParamsSchema,
      body: z.strictObject({ name: plainTextSchema(100).optional(), role: z.enum(ROLES).optional(), active: z.boolean().optional(), password: password.optional() }),
      response: { 200: userDto },
    },
    handler: async (req) => {
      const staff = staffOf(req);
      const user = await users.update(staff, req.params.id, req.body);
      // A changed password, role or deactivation ends the account's other sessions and sockets.
      if (req.body.password !== undefined || req.body.role !== undefined || req.body.active === false) {
        await auth.revokeSessions(staff.tenantId, user.id, staff.kind === 'user' && staff.userId === user.id ? staff.sessionId : null);
      }
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'user.updated', objectType: 'user', objectId: user.id, detail: { fields: Object.keys(req.body) } });
      return user;
    },
  });

  app.delete('/users/:id', {
    config: { auth: 'users.manage' },
    schema: { tags: ['users'], params: idParamsSchema },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      if (staff.kind === 'user' && staff.userId === req.params.id) throw new BadRequestError('You cannot delete your own account', 'self_delete');
      await users.delete(staff, req.params.id);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'user.deleted', objectType: 'user', objectId: req.params.id });
      return reply.status(204).send();
    },
  });
};

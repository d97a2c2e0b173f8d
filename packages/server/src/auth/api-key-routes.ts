import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, plainTextSchema } from '../http/common-schemas.js';
import type { ApiKeyService } from './api-key-service.js';
import { auditActor, type AuditLog } from './audit-log.js';
import { staffOf } from './auth-hooks.js';
import { ROLES } from './permissions.js';

const apiKeyDto = z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), prefix: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() });

export const apiKeyRoutes: FastifyPluginAsyncZod<{ apiKeys: ApiKeyService; audit: AuditLog }> = async (app, { apiKeys, audit }) => {
  app.get('/api-keys', {
    config: { auth: 'apikeys.manage' },
    schema: { tags: ['api-keys'], response: { 200: z.object({ items: z.array(apiKeyDto) }) } },
    handler: async (req) => ({ items: await apiKeys.list(staffOf(req)) }),
  });

  app.post('/api-keys', {
    config: { auth: 'apikeys.manage' },
    schema: { tags: ['api-keys'], body: z.strictObject({ name: plainTextSchema(100), role: z.enum(ROLES) }), response: { 201: z.object({ apiKey: apiKeyDto, secret: z.string() }) } },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      const created = await apiKeys.create(staff, req.body);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'apikey.created', objectType: 'api_key', objectId: created.apiKey.id });
      return reply.status(201).send(created);
    },
  });

  app.delete('/api-keys/:id', {
    config: { auth: 'apikeys.manage' },
    schema: { tags: ['api-keys'], params: idParamsSchema },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      await apiKeys.revoke(staff, req.params.id);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'apikey.revoked', objectType: 'api_key', objectId: req.params.id });
      return reply.status(204).send();
    },
  });
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, type AuditLog } from '../auth/audit-log.js';
import { staffOf } from '../auth/auth-hooks.js';
import { idParamsSchema } from '../http/common-schemas.js';
import {
  createWebhookBodySchema,
  updateWebhookBodySchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveryDtoSchema,
  webhookEndpointDtoSchema,
} from './webhook-dto.js';
import type { WebhookEndpointService } from './webhook-endpoint-service.js';

/** The webhooks admin API (`tickets.admin`). Another tenant's endpoint id is a 404 like an unknown one. */
export const webhookRoutes: FastifyPluginAsyncZod<{ webhooks: WebhookEndpointService; audit: AuditLog }> = async (app, { webhooks, audit }) => {
  app.get('/webhooks', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['webhooks'], response: { 200: z.object({ items: z.array(webhookEndpointDtoSchema) }) } },
    handler: async (req) => ({ items: await webhooks.list(staffOf(req)) }),
  });

  app.post('/webhooks', {
    config: { auth: 'tickets.admin' },
    schema: {
      tags: ['webhooks'],
      description: 'Creates an endpoint. The answer carries its signing secret (whsec_…) — the only time it is shown.',
      body: createWebhookBodySchema,
      response: { 201: z.object({ endpoint: webhookEndpointDtoSchema, secret: z.string() }) },
    },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      const created = await webhooks.create(staff, req.body);
      // The host only: webhook URLs often carry a token in their path or query.
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'webhook.created', objectType: 'webhook_endpoint', objectId: created.endpoint.id, detail: { host: new URL(created.endpoint.url).host } });
      return reply.status(201).send(created);
    },
  });

  app.patch('/webhooks/:id', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['webhooks'], params: idParamsSchema, body: updateWebhookBodySchema, response: { 200: webhookEndpointDtoSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      const endpoint = await webhooks.update(staff, req.params.id, req.body);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'webhook.updated', objectType: 'webhook_endpoint', objectId: endpoint.id, detail: { fields: Object.keys(req.body) } });
      return endpoint;
    },
  });

  app.delete('/webhooks/:id', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['webhooks'], params: idParamsSchema },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      await webhooks.remove(staff, req.params.id);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'webhook.deleted', objectType: 'webhook_endpoint', objectId: req.params.id });
      return reply.status(204).send();
    },
  });

  app.get('/webhooks/:id/deliveries', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['webhooks'], params: idParamsSchema, querystring: webhookDeliveriesQuerySchema, response: { 200: z.object({ items: z.array(webhookDeliveryDtoSchema) }) } },
    handler: async (req) => ({ items: await webhooks.deliveries(staffOf(req), req.params.id, req.query) }),
  });

  app.post('/webhooks/:id/deliveries/:deliveryId/retry', {
    config: { auth: 'tickets.admin' },
    schema: {
      tags: ['webhooks'],
      description: 'Sends a failed delivery again (same webhook-id, a fresh retry schedule).',
      params: z.strictObject({ id: z.uuid(), deliveryId: z.uuid() }),
      response: { 202: webhookDeliveryDtoSchema },
    },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      const delivery = await webhooks.retry(staff, req.params.id, req.params.deliveryId);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'webhook.delivery_retried', objectType: 'webhook_delivery', objectId: delivery.id });
      return reply.status(202).send(delivery);
    },
  });

  app.post('/webhooks/:id/test', {
    config: { auth: 'tickets.admin' },
    schema: {
      tags: ['webhooks'],
      description: 'Queues a webhook.test event for this endpoint; it is sent like any other delivery (signed, retried).',
      params: idParamsSchema,
      response: { 202: webhookDeliveryDtoSchema },
    },
    handler: async (req, reply) => reply.status(202).send(await webhooks.sendTest(staffOf(req), req.params.id)),
  });
};

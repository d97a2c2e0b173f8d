import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, type AuditLog } from '../../auth/audit-log.js';
import { staffOf } from '../../auth/auth-hooks.js';
import { idParamsSchema } from '../../http/common-schemas.js';
import type { ConversationContextBuilder } from './conversation-context-builder.js';
import { conversationContextSchema } from './conversation-context-dto.js';
import { contextForRole, panelFields } from './conversation-context-for-role.js';
import { customerRecordSchema } from './customer-records-reader.js';

/** `GET /conversations/:id/context` (`conversations.read`): what an agent sees on opening a chat; `POST …/context/reveal` (`pii.reveal`, audited): its masked fields in full. */
export const conversationContextRoutes: FastifyPluginAsyncZod<{ builder: ConversationContextBuilder; audit: AuditLog }> = async (app, { builder, audit }) => {
  app.get('/conversations/:id/context', {
    config: { auth: 'conversations.read' },
    schema: { tags: ['handoff'], params: idParamsSchema, response: { 200: conversationContextSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      return contextForRole(staff.role, await builder.build(staff, req.params.id));
    },
  });

  app.post('/conversations/:id/context/reveal', {
    config: { auth: 'pii.reveal' },
    schema: {
      tags: ['privacy'],
      description: 'The context panel’s summary, slots, customer records and transfer note with ID and bank card numbers unmasked; each call is audited.',
      params: idParamsSchema,
      response: { 200: z.object({ summary: z.string(), slots: z.record(z.string(), z.unknown()), records: z.array(customerRecordSchema), transferNote: z.string().nullable() }) },
    },
    handler: async (req) => {
      const staff = staffOf(req);
      const context = await builder.build(staff, req.params.id);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'pii.revealed', objectType: 'conversation_context', objectId: req.params.id });
      return panelFields(context);
    },
  });
};

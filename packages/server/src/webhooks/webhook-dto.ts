import { z } from 'zod';
import { plainTextSchema } from '../http/common-schemas.js';

// The wire shapes of the webhooks admin API. The secret never appears here: it is returned once,
// beside the endpoint, by the create call.

/** `ticket.created`, `ticket.status_changed`, `webhook.test`: lower-case dotted names. */
export const webhookEventTypeSchema = z.string().max(100).regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'a dotted event name such as ticket.created');

export const webhookUrlSchema = z.string().trim().min(1).max(2000);

export const webhookEndpointDtoSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  /** Empty: every event type. */
  eventTypes: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});
export type WebhookEndpointDto = z.infer<typeof webhookEndpointDtoSchema>;

export const webhookDeliveryStatusSchema = z.enum(['pending', 'delivering', 'delivered', 'failed']);

export const webhookDeliveryDtoSchema = z.object({
  /** Also the `webhook-id` header of every attempt: receivers deduplicate on it. */
  id: z.string(),
  eventType: z.string(),
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export type WebhookDeliveryDto = z.infer<typeof webhookDeliveryDtoSchema>;

export const createWebhookBodySchema = z.strictObject({
  url: webhookUrlSchema,
  description: z.union([z.literal(''), plainTextSchema(200)]).optional(),
  eventTypes: z.array(webhookEventTypeSchema).max(50).optional(),
  active: z.boolean().optional(),
});
export type CreateWebhookInput = z.infer<typeof createWebhookBodySchema>;

export const updateWebhookBodySchema = createWebhookBodySchema.partial();
export type UpdateWebhookInput = z.infer<typeof updateWebhookBodySchema>;

export const webhookDeliveriesQuerySchema = z.strictObject({
  status: webhookDeliveryStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

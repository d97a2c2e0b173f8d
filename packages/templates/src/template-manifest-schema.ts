import { z } from 'zod';
import { identifierSchema } from './identifier-schema.js';
import { localizedTextSchema } from './localized-text-schema.js';
import { templateIdSchema } from './template-id.js';

/** How an intent is shown to customers, e.g. on a clarification button. */
export const intentLabelSchema = z.object({
  id: identifierSchema,
  label: localizedTextSchema,
});

/**
 * A group of intents offered together when the bot is unsure,
 * e.g. "订单有问题" → [logistics_delay, return_request, refund_status].
 */
export const clarifyGroupSchema = z.object({
  id: identifierSchema,
  label: localizedTextSchema,
  intents: z.array(identifierSchema).min(2),
  /** Extra vague phrasings that should trigger this group; the label itself already does. */
  phrases: z.array(z.string().min(2)).default([]),
});

/** `template.json`: identity, display texts and intent labels of an industry template. */
export const templateManifestSchema = z.object({
  id: templateIdSchema,
  version: z.number().int().positive(),
  name: localizedTextSchema,
  description: localizedTextSchema,
  welcomeMessage: localizedTextSchema,
  fallbackMessage: localizedTextSchema,
  /**
   * The reply to a customer in crisis (self-harm or despair) when it should differ from the built-in one, e.g. with
   * a regional psychological-aid hotline. The one place a tenant sets it; the built-in reply names the national lines.
   */
  crisisMessage: localizedTextSchema.optional(),
  intents: z.array(intentLabelSchema).min(1),
  clarifyGroups: z.array(clarifyGroupSchema),
});

export type IntentLabel = z.infer<typeof intentLabelSchema>;
export type ClarifyGroup = z.infer<typeof clarifyGroupSchema>;
export type TemplateManifest = z.infer<typeof templateManifestSchema>;

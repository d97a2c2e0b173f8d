import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { speechActSchema } from '@zhida/nlu';
import { z } from 'zod';
import { staffOf } from '../auth/auth-hooks.js';
import type { TenantBrainRegistry } from '../bot/tenant-brain-registry.js';
import type { ConversationRepository } from '../conversations/conversation-repository.js';
import { messageTextSchema } from '../http/common-schemas.js';

const score = z.object({ name: z.string(), confidence: z.number() });
const parseResponse = z.object({
  text: z.string(),
  normalized: z.string(),
  intent: score.nullable(),
  candidates: z.array(score),
  ambiguous: z.boolean(),
  outOfScope: z.boolean(),
  entities: z.array(z.object({ type: z.string(), value: z.string(), text: z.string(), start: z.number(), end: z.number(), normalized: z.unknown().optional(), confidence: z.number() })),
  emotion: z.object({ label: z.enum(['anger', 'anxiety', 'neutral', 'satisfied']), score: z.number(), cues: z.array(z.string()) }),
  risk: z.object({ level: z.enum(['none', 'medium', 'high']), reasons: z.array(z.string()) }),
  pii: z.array(z.object({ type: z.string(), text: z.string(), start: z.number(), end: z.number(), masked: z.string(), confidence: z.number() })),
  // `intent`: what the FAQ's own wording reads as to this model, so a client can tell when the two readings disagree.
  faq: z.array(z.object({ id: z.string(), score: z.number(), confidence: z.number(), intent: z.string().optional() })),
  act: speechActSchema,
  modelVersion: z.number(),
});

/** The tenant's NLU model as a service: what the bot understands of a text. */
export const nluRoutes: FastifyPluginAsyncZod<{ brains: TenantBrainRegistry; conversations: ConversationRepository }> = async (app, { brains, conversations }) => {
  app.post('/nlu/parse', {
    config: { auth: 'nlu.parse' },
    schema: { tags: ['nlu'], body: z.strictObject({ text: messageTextSchema, conversationId: z.uuid().optional() }), response: { 200: parseResponse } },
    handler: async (req) => {
      const staff = staffOf(req);
      let history: string[] = [];
      if (req.body.conversationId) {
        await conversations.assertAccessible(staff, req.body.conversationId);
        history = await conversations.recentTexts(staff, req.body.conversationId, 'visitor', 6);
      }
      const brain = await brains.get(staff);
      return { ...brain.model.parse(req.body.text, { now: new Date(), history }), modelVersion: brain.version };
    },
  });
};

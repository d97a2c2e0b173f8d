import { z } from 'zod';
import { identifierSchema } from './identifier-schema.js';

/**
 * A reply an agent inserts with a shortcut. `text` may hold `{{placeholders}}`
 * (e.g. `{{customerName}}`, `{{orderNo}}`) that the console fills in.
 */
export const cannedReplySchema = z.object({
  id: identifierSchema,
  shortcut: z.string().regex(/^\/[a-z0-9_-]+$/, 'shortcut looks like "/refund"'),
  title: z.string().min(1),
  text: z.string().min(5),
  category: z.string().min(1),
});

/** `canned-replies.json`. */
export const cannedReplyListSchema = z.array(cannedReplySchema);

export type CannedReply = z.infer<typeof cannedReplySchema>;

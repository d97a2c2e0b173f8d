import { z } from 'zod';

/** The industry templates shipped with Zhida, in display order. */
export const templateIds = ['ecommerce', 'finance', 'government', 'telecom'] as const;

export const templateIdSchema = z.enum(templateIds);

export type TemplateId = z.infer<typeof templateIdSchema>;

/** Narrows an arbitrary string (e.g. a route parameter) to a shipped template id. */
export function isTemplateId(value: string): value is TemplateId {
  return (templateIds as readonly string[]).includes(value);
}

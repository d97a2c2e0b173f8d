import { z } from 'zod';

/** Text shown to people, in Simplified Chinese and English; `zh` is the primary language. */
export const localizedTextSchema = z.object({
  zh: z.string().min(1),
  en: z.string().min(1),
});

export type LocalizedText = z.infer<typeof localizedTextSchema>;

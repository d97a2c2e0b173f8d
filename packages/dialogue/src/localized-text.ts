import { z } from 'zod';

/** Text in Simplified Chinese and English; same shape as the templates package uses. */
export const localizedTextSchema = z.object({
  zh: z.string().min(1),
  en: z.string().min(1),
});

export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** The locales a bot can answer in. */
export const localeSchema = z.enum(['zh-CN', 'en']);

export type Locale = z.infer<typeof localeSchema>;

/** Picks the text for a locale; plain strings are already localised by the caller. */
export function pickText(text: LocalizedText | string, locale: Locale): string {
  if (typeof text === 'string') return text;
  return locale === 'en' ? text.en : text.zh;
}

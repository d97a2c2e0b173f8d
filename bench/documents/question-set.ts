import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const TEMPLATE_IDS = ['ecommerce', 'finance', 'government', 'telecom'] as const;
export type TemplateDocId = (typeof TEMPLATE_IDS)[number];

const questionSetSchema = z.object({
  template: z.enum(TEMPLATE_IDS),
  document: z.string(),
  split: z.enum(['frozen', 'dev']),
  answerable: z.array(z.object({ question: z.string(), section: z.string(), quote: z.string() })),
  unanswerable: z.array(z.string()),
});
export type QuestionSet = z.infer<typeof questionSetSchema>;

/** bench/documents/<template>.<split>.json, with the repository root for the document path. */
export function loadQuestionSet(root: string, template: TemplateDocId, split: 'frozen' | 'dev'): QuestionSet {
  return questionSetSchema.parse(JSON.parse(readFileSync(path.join(root, 'bench', 'documents', `${template}.${split}.json`), 'utf8')));
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** The answer cites the passage that answers: its heading path names the section and its text holds the quote. */
export function citesAnswer(passage: { headingPath: readonly string[]; text: string }, item: { section: string; quote: string }): boolean {
  return passage.headingPath.some((h) => h.includes(item.section)) && squash(passage.text).includes(squash(item.quote));
}

import type { Suggestion, SuggestionAcceptInput } from '../api/api-types.js';

export interface AcceptFormValues {
  /** Only for `new_faq`. */
  question?: string;
  /** Only for `new_faq`, where it is required. */
  answer?: string;
  category?: string;
  paraphrases: readonly string[];
}

/**
 * The accept body from the reviewer's form: a new FAQ takes the edited question,
 * answer and category; a paraphrase suggestion only sends the paraphrases kept.
 * Paraphrases are trimmed, deduplicated, and never repeat the question itself.
 * @example acceptPayloadOf(paraphraseSuggestion, { paraphrases: ['怎么退货', '怎么退货 '] }) // { paraphrases: ['怎么退货'] }
 */
export function acceptPayloadOf(suggestion: Pick<Suggestion, 'kind' | 'question'>, values: AcceptFormValues): SuggestionAcceptInput {
  const question = suggestion.kind === 'new_faq' ? (values.question ?? '').trim() || suggestion.question : suggestion.question;
  const seen = new Set([question]);
  const paraphrases: string[] = [];
  for (const raw of values.paraphrases) {
    const text = raw.trim();
    if (!text || seen.has(text)) continue;
    seen.add(text);
    paraphrases.push(text);
  }
  if (suggestion.kind === 'paraphrase') return { paraphrases };
  const category = (values.category ?? '').trim();
  return { question, answer: (values.answer ?? '').trim(), paraphrases, ...(category ? { category } : {}) };
}

/**
 * Why a suggestion cannot be accepted as it stands, or null when it can:
 * a paraphrase suggestion whose FAQ was deleted meanwhile can only be rejected.
 */
export function acceptBlocker(suggestion: Pick<Suggestion, 'kind' | 'faqId' | 'status'>): 'decided' | 'faq_missing' | null {
  if (suggestion.status !== 'pending') return 'decided';
  if (suggestion.kind === 'paraphrase' && !suggestion.faqId) return 'faq_missing';
  return null;
}

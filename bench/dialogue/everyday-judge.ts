import type { ObservedTurn } from './turn-judge.js';

/**
 * How the bot met an everyday question. `right`: it answered with the FAQ (or one also right);
 * `wrong`: it answered with another FAQ; `clarified_right`: it asked "您是想问…" with the FAQ among the
 * buttons; `other`: anything else, with what it did in `other`.
 */
export type EverydayVerdict = 'right' | 'wrong' | 'clarified_right' | 'other';

/** What the bot did when it neither answered nor offered the FAQ: handed off, started a task, clarified without it, fell back. */
export type EverydayOtherKind = 'handoff' | 'task' | 'clarified' | 'fallback' | 'none';

export interface EverydayJudgement {
  verdict: EverydayVerdict;
  other: EverydayOtherKind | null;
}

/** The FAQs that count as the answer: template ids and their question texts. */
export interface AcceptedFaqs {
  ids: readonly string[];
  questions: readonly string[];
}

/** The part of a bot turn the judge reads; `faqIds` are template FAQ ids. */
export type EverydayObservation = Pick<ObservedTurn, 'faqIds' | 'outcomes' | 'buttons' | 'handoff' | 'inFlow'>;

// A button shorter than this is not a question prefix but a topic word ("退货" would match every return FAQ).
const MIN_PREFIX = 4;

/**
 * Judges the bot's first turn on an everyday rewording of an FAQ question.
 *
 * @example judgeEveryday({ ids: ['return_shipping_fee'], questions: ['退货运费谁承担？'] }, seen) // → { verdict: 'right', other: null }
 */
export function judgeEveryday(accepted: AcceptedFaqs, seen: EverydayObservation): EverydayJudgement {
  if (seen.faqIds.some((id) => accepted.ids.includes(id))) return { verdict: 'right', other: null };
  if (seen.faqIds.length > 0) return { verdict: 'wrong', other: null };
  const clarified = seen.outcomes.includes('clarified');
  if (clarified && seen.buttons.some((b) => accepted.questions.some((q) => offersQuestion(b, q)))) return { verdict: 'clarified_right', other: null };
  const other: EverydayOtherKind = seen.handoff ? 'handoff' : seen.inFlow ? 'task' : clarified ? 'clarified' : seen.outcomes.includes('fallback') ? 'fallback' : 'none';
  return { verdict: 'other', other };
}

/**
 * Whether a quick-reply button offers this FAQ question: the question itself, or a prefix of it of at
 * least four characters (a long question shortened to fit a button), ignoring closing punctuation.
 */
export function offersQuestion(button: string, question: string): boolean {
  const b = bare(button);
  const q = bare(question);
  if (b === '') return false;
  return b === q || (b.length >= MIN_PREFIX && q.startsWith(b));
}

function bare(text: string): string {
  return text.trim().replace(/[\s?？。.!！…]+$/u, '');
}

import type { UserEvent } from './dialogue-event.js';

/** An FAQ hit of the parse together with the answer text to send; `intent` is what its own wording reads as, when known. */
export type FaqCandidate = { id: string; question: string; answer: string; confidence: number; intent?: string };

/** Synchronous FAQ lookup by id, as passed to the `DialogueManager`. */
export type FaqLookup = (id: string) => { question: string; answer: string } | undefined;

/**
 * The parse's FAQ hits with their answers, best first: answers carried in the
 * event win over the lookup, and hits with no answer anywhere are dropped.
 */
export function collectFaqCandidates(event: Pick<UserEvent, 'nlu' | 'faqAnswers'>, lookup: FaqLookup | undefined): FaqCandidate[] {
  return [...event.nlu.faq]
    .sort((a, b) => b.confidence - a.confidence)
    .flatMap((hit) => {
      const entry = event.faqAnswers?.find((a) => a.id === hit.id) ?? lookup?.(hit.id);
      return entry ? [{ id: hit.id, question: entry.question, answer: entry.answer, confidence: hit.confidence, ...(hit.intent ? { intent: hit.intent } : {}) }] : [];
    });
}

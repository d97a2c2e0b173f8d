import type { DataHalf } from './data-halves.js';
import { judgeEveryday, type EverydayJudgement } from './everyday-judge.js';
import type { EverydayQuestion } from './everyday-question-file.js';
import type { FaqCatalogue } from './faq-catalogue.js';
import type { ChatClient } from './simulation-runner.js';
import { observeTurn, type ObservedTurn } from './turn-judge.js';

export interface EverydayResult {
  template: string;
  half: DataHalf;
  item: EverydayQuestion;
  /** The question text of the item's FAQ, for the failure list. */
  question: string;
  judgement: EverydayJudgement | null;
  /** The bot's turn, FAQ ids translated to template ids. */
  seen: ObservedTurn | null;
  error: string | null;
}

/** Asks one everyday question as the first message of a fresh conversation and judges the bot's turn. */
export async function askEverydayQuestion(template: string, half: DataHalf, item: EverydayQuestion, catalogue: FaqCatalogue, start: () => Promise<ChatClient>): Promise<EverydayResult> {
  const accepted = [item.faq, ...(item.alsoRight ?? [])];
  const result: EverydayResult = { template, half, item, question: catalogue.question(item.faq), judgement: null, seen: null, error: null };
  try {
    const client = await start();
    const raw = observeTurn(await client.send(item.text));
    result.seen = { ...raw, faqIds: raw.faqIds.map((id) => catalogue.templateId(id)) };
  } catch (err) {
    result.error = (err as Error).message;
    return result;
  }
  result.judgement = judgeEveryday({ ids: accepted, questions: accepted.map((id) => catalogue.question(id)) }, result.seen);
  return result;
}

import { onlyNamesValues } from '../detail-clause.js';
import type { FaqCandidate } from '../faq-candidates.js';
import type { TurnContext } from './turn-context.js';
import type { TurnPolicy } from './turn-policy.js';

type Intent = { name: string; confidence: number };

/** "我想退货，运费谁出": the question is answered first, then the task starts, in one turn. */
export const compoundTaskPolicy: TurnPolicy = {
  name: 'compound-task',
  try(turn, ctx) {
    if (ctx.here || ctx.labelled) return false;
    const compound = taskWithSideQuestion(ctx);
    if (!compound) return false;
    ctx.services.answerFaq(turn, compound.faq);
    ctx.services.routeIntent(turn, compound.task.name, compound.task.confidence, ctx.nlu.entities, ctx.event, ctx.cues);
    return true;
  },
};

/**
 * A task with a flow and the FAQ of a question asked beside it: the whole message's task first; else, when the
 * whole message reads as its question's topic ("订单…想退货，退款多久能到账"), a clause that asks for a task.
 */
export function taskWithSideQuestion({ event, cues, faqs, confident, services }: TurnContext): { task: Intent; faq: FaqCandidate } | undefined {
  // A clause of values alone ("单号2026…") asks for nothing: its intent is only what bare numbers usually mean.
  const clauseTasks = (event.clauses ?? []).map((c) => (c.nlu.outOfScope || onlyNamesValues(c) ? null : c.nlu.intent));
  for (const task of [confident, ...clauseTasks]) {
    if (!task || task.confidence < services.thresholds.intent) continue;
    const faq = services.sideQuestion(event, cues, faqs, task);
    if (faq) return { task, faq };
  }
  return undefined;
}

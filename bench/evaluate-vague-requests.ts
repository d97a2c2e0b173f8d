/**
 * How a tenant's bot meets vague requests ("东西不太对劲", "账户的事"): each message goes through the model and a
 * fresh `DialogueManager` built as the server builds it, and counts as clarified with a right option when the bot
 * asks a clarifying question whose buttons include one of the item's sensible intents. The parse-level figures
 * (`ambiguous` set, a right intent among its candidates) are what `POST /api/v1/nlu/parse` shows.
 */
import { readFileSync } from 'node:fs';
import { DialogueManager, flowDefinitionSchema, type DialogueState, type NluParse } from '@zhida/dialogue';
import type { NluModel } from '@zhida/nlu';
import type { IndustryTemplate } from '@zhida/templates';
import { z } from 'zod';

const vagueRequestSetSchema = z.object({
  template: z.string(),
  tenant: z.string(),
  items: z.array(z.object({ text: z.string(), intents: z.array(z.string()).min(1) })),
});
export type VagueRequestItem = z.infer<typeof vagueRequestSetSchema>['items'][number];

/** Reads one `bench/vague-requests/<template>[.frozen].json` file. */
export function readVagueRequests(file: string): VagueRequestItem[] {
  return vagueRequestSetSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).items;
}

export type VagueRequestOutcome = {
  text: string;
  /** The bot asked a clarifying question. */
  clarified: boolean;
  /** ... and one of its buttons is a sensible intent for the message. */
  rightOption: boolean;
  /** The parse set `ambiguous`, with a sensible intent among its candidates. */
  flaggedWithRightCandidate: boolean;
  flagged: boolean;
  offered: string[];
  expected: string[];
  outcome: string;
};

export type VagueRequestScore = { items: number; clarifiedRight: number; clarified: number; flaggedRight: number; flagged: number; outcomes: VagueRequestOutcome[] };

/** A dialogue manager set up from the template as the server sets one up for a tenant. */
export function templateDialogue(template: IndustryTemplate): DialogueManager {
  const faqById = new Map(template.faqs.map((f) => [f.id, f]));
  return new DialogueManager({
    flows: z.array(flowDefinitionSchema).parse(template.flows),
    intentLabels: template.manifest.intents,
    clarifyGroups: template.manifest.clarifyGroups,
    locale: 'zh-CN',
    faqLookup: (id) => faqById.get(id),
  });
}

/** Runs every item as the first message of a new conversation. */
export function evaluateVagueRequests(model: NluModel, dialogue: DialogueManager, items: readonly VagueRequestItem[]): VagueRequestScore {
  const outcomes = items.map((item): VagueRequestOutcome => {
    const nlu = model.parse(item.text, { now: new Date('2026-11-25T02:00:00Z') });
    const out = dialogue.handle(undefined, { type: 'user', text: item.text, nlu: nlu as NluParse, now: '2026-11-25T02:00:00.000Z' });
    const pending = (out.state as DialogueState).pending;
    const clarified = out.record.outcome === 'clarified' && pending?.kind === 'choice';
    const offered = clarified && pending?.kind === 'choice' ? pending.options.map((o) => o.id ?? o.label) : [];
    const expected = new Set(item.intents);
    return {
      text: item.text,
      clarified,
      rightOption: offered.some((id) => expected.has(id)),
      flagged: nlu.ambiguous,
      flaggedWithRightCandidate: nlu.ambiguous && nlu.candidates.some((c) => expected.has(c.name)),
      offered,
      expected: item.intents,
      outcome: out.record.outcome,
    };
  });
  return {
    items: outcomes.length,
    clarifiedRight: outcomes.filter((o) => o.clarified && o.rightOption).length,
    clarified: outcomes.filter((o) => o.clarified).length,
    flaggedRight: outcomes.filter((o) => o.flaggedWithRightCandidate).length,
    flagged: outcomes.filter((o) => o.flagged).length,
    outcomes,
  };
}

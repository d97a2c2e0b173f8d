import type { ClauseParse, DocumentLookup, FaqAnswer } from '../dialogue-event.js';
import type { DialogueManagerOptions } from '../dialogue-manager-options.js';
import { defaultDialogueMessages } from '../dialogue-messages.js';
import { DialogueServices } from '../dialogue-services.js';
import { initialDialogueState, type DialogueState } from '../dialogue-state.js';
import { DialogueTurn } from '../dialogue-turn.js';
import { IntentLabels } from '../intent-labels.js';
import { openUserTurn, type TurnContext } from '../policies/turn-context.js';
import type { TurnPolicy } from '../policies/turn-policy.js';
import { ecommerceBotOptions } from './ecommerce-bot.js';
import { nluParse, type NluParseSpec } from './nlu-parse-builder.js';

const NOW = '2026-11-25T02:00:00.000Z';

/** What one policy did with one message: whether it acted, and the turn it acted on. */
export type PolicyTrial = { acted: boolean; turn: DialogueTurn; ctx: TurnContext; text: string };

/**
 * Tries a single policy on a message, outside the manager, with the ecommerce bot's flows and FAQs. States come
 * from a `Conversation` driven to the point of interest, so a policy is tested where it would really run.
 * @example new PolicyHarness().trial(cancelPolicy, chat.state, '算了').acted // true
 */
export class PolicyHarness {
  readonly services: DialogueServices;
  private readonly options: DialogueManagerOptions;

  constructor(overrides: Partial<DialogueManagerOptions> = {}) {
    this.options = ecommerceBotOptions(overrides);
    this.services = new DialogueServices(this.options);
  }

  trial(policy: TurnPolicy, state: DialogueState | undefined, text: string, spec: NluParseSpec = {}, extras: { clauses?: ClauseParse[]; faqAnswers?: FaqAnswer[]; document?: DocumentLookup } = {}): PolicyTrial {
    const working = structuredClone(state ?? initialDialogueState());
    working.turn += 1;
    const turn = new DialogueTurn(working, 'zh-CN', defaultDialogueMessages['zh-CN'], new IntentLabels(this.options.intentLabels, 'zh-CN'), { now: NOW, utcOffsetMinutes: 480 });
    const ctx = openUserTurn(turn, { type: 'user', text, nlu: nluParse({ ...spec, text }), now: NOW, ...extras }, this.services);
    const acted = policy.try(turn, ctx);
    return { acted, turn, ctx, text: turn.replies.map((r) => r.text).join('\n') };
  }
}

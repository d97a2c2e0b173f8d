import { splitClauses, UnexpectedActionResultError, type DialogueOutput, type DialogueState, type DocumentLookup } from '@zhida/dialogue';
import { raiseEmotionByArousal, type ParseResult } from '@zhida/nlu';
import { documentReplyText, type DocumentAnswer } from '../documents/answer/document-answer.js';
import type { DocumentAnswerer } from '../documents/answer/document-answerer.js';
import type { ActionExecutor } from '../selfservice/action-executor.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { Bot, BotInput, BotLocale, BotReply, BotTurn } from './bot.js';
import type { TenantBrainRegistry } from './tenant-brain-registry.js';

// A flow may chain a few connector calls in one turn (check, then create); more is a loop.
const MAX_ACTIONS_PER_TURN = 5;

/**
 * The tenant's bot: the NLU model understands the message, the dialogue
 * manager decides, and connector actions it asks for are run here until it
 * has a reply. Each reply carries the turn record for analytics.
 */
export class AssistantBot implements Bot {
  constructor(
    private readonly brains: TenantBrainRegistry,
    private readonly actions: ActionExecutor,
    private readonly now: () => Date = () => new Date(),
    /** The tenant's imported documents: asked when no FAQ answers (issue #18). */
    private readonly documents?: DocumentAnswerer,
  ) {}

  async welcome(ctx: TenantContext, options: { locale: BotLocale }): Promise<BotTurn> {
    const dialogue = await this.brains.dialogue(ctx);
    // The locale is remembered in the dialogue state for the rest of the conversation.
    const out = dialogue.handle(undefined, { type: 'start', locale: options.locale });
    return { replies: out.replies.map((r) => toReply(r, out, null)), handoff: null, state: out.state };
  }

  async respond(ctx: TenantContext, input: BotInput): Promise<BotTurn> {
    const brain = await this.brains.get(ctx);
    const now = this.now();
    const read = brain.model.parse(input.text, { now, history: input.history });
    const parse = input.voice ? { ...read, emotion: raiseEmotionByArousal(read.emotion, input.voice.arousal) } : read;
    // "我想退货，运费谁出" is a task and a question: each clause parsed on its own lets the dialogue answer both.
    const parts = splitClauses(input.text);
    const clauses = parts.length >= 2 ? parts.map((text) => ({ text, nlu: brain.model.parse(text, { now, history: input.history }) })) : undefined;
    // Retrieval is milliseconds, so the documents are asked up front; the dialogue decides whether their answer is used.
    const found = this.documents ? await this.documents.answer(ctx, input.text) : undefined;
    const document = found ? documentLookup(found) : undefined;
    let out = brain.dialogue.handle(input.state as DialogueState | undefined, {
      type: 'user',
      text: input.text,
      nlu: parse,
      now: now.toISOString(),
      ...(clauses ? { clauses } : {}),
      ...(document ? { document } : {}),
    });
    const replies: BotReply[] = out.replies.map((r) => toReply(r, out, parse));
    if (found?.kind === 'answer' && out.record.passageId === found.passageId) await this.citeDocument(ctx, input, found, replies);
    for (let i = 0; out.action && i < MAX_ACTIONS_PER_TURN; i++) {
      const action = out.action;
      const outcome = await this.actions.execute({ tenantId: ctx.tenantId, conversationId: input.conversationId, visitorId: input.visitorId, now }, action);
      const previous = out;
      try {
        out = brain.dialogue.handle(out.state, outcome.ok ? { type: 'action_result', actionId: action.id, ok: true, data: outcome.data } : { type: 'action_result', actionId: action.id, ok: false, error: outcome.error });
      } catch (err) {
        // A result the flow no longer waits for (e.g. the state was reset meanwhile) is dropped, not fatal to the turn.
        if (!(err instanceof UnexpectedActionResultError)) throw err;
        out = { ...previous, action: undefined };
        break;
      }
      // Still the reading of the visitor's message: a turn answered only after a connector call keeps its emotion and risk.
      replies.push(...out.replies.map((r) => toReply(r, out, parse)));
    }
    // Handing over clears the flow from the state; the agent still needs what it had collected.
    if (out.handoff) {
      const frame = handoffFrame(input.state);
      if (frame) for (const reply of replies) reply.meta.handoffFrame = frame;
    }
    return { replies, handoff: out.handoff ?? null, state: out.state };
  }

  /**
   * The reply that answered from a passage: worded by the tenant's LLM when one is configured and its wording is
   * grounded in the passages, its source attached for the widget, and the use recorded for the console.
   */
  private async citeDocument(ctx: TenantContext, input: BotInput, found: Extract<DocumentAnswer, { kind: 'answer' }>, replies: BotReply[]): Promise<void> {
    const documents = this.documents!;
    const extractive = documentReplyText(found);
    const answer = await documents.phrase(ctx, input.text, found);
    for (const reply of replies) {
      if (reply.text !== extractive) continue;
      if (answer.kind === 'answer') reply.text = documentReplyText(answer);
      reply.meta.source = { passageId: found.passageId, documentId: found.citation.documentId, title: found.citation.documentTitle, section: found.citation.section, link: found.citation.link, phrasing: answer.kind === 'answer' ? answer.phrasing : 'extractive' };
    }
    await documents.recordUse(ctx, { passageId: found.passageId, channel: 'bot', conversationId: input.conversationId });
  }
}

/** What the dialogue is told about the documents' answer; a tenant without documents tells it nothing. */
function documentLookup(found: DocumentAnswer): DocumentLookup | undefined {
  if (found.kind === 'answer') return { kind: 'answer', passageId: found.passageId, text: documentReplyText(found) };
  return found.kind === 'declined' ? { kind: 'declined' } : undefined;
}

// Values a flow asks for that no one but the customer should read again.
const SECRET_SLOT = /otp|code|password/i;

/** The flow the customer was in before this turn, for the agent's context: its slots (no secrets) and the option labels chosen. */
function handoffFrame(previous: unknown): { flowId: string; stepId: string; slots: Record<string, unknown>; labels: Record<string, string> } | null {
  const frame = (previous as DialogueState | undefined)?.flow;
  if (!frame) return null;
  const slots = Object.fromEntries(Object.entries(frame.slots).filter(([name]) => !SECRET_SLOT.test(name)));
  return { flowId: frame.flowId, stepId: frame.stepId, slots, labels: frame.labels };
}

function toReply(reply: { text: string; quickReplies: string[] }, out: DialogueOutput, parse: ParseResult | null): BotReply {
  return {
    text: reply.text,
    quickReplies: reply.quickReplies,
    meta: {
      kind: out.handoff ? 'handoff' : out.record.outcome,
      record: out.record,
      ...(parse ? { emotion: parse.emotion.label, risk: parse.risk.level, ...(parse.risk.reasons.length ? { riskReasons: parse.risk.reasons } : {}) } : {}),
      ...(out.handoff ? { handoff: out.handoff } : {}),
    },
  };
}

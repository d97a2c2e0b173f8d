import { readFileSync } from 'node:fs';
import type { DialogueManager } from '../dialogue-manager.js';
import { dialogueOutputSchema, type DialogueOutput } from '../dialogue-output.js';
import type { DialogueState } from '../dialogue-state.js';
import { flowsFileSchema, type FlowDefinition } from '../flow-definition.js';
import type { FaqAnswer } from '../dialogue-event.js';
import { nluParse, type NluParseSpec } from './nlu-parse-builder.js';

/** The flows an industry template ships, read from `packages/templates/<industry>/flows.json`. */
export function industryFlows(industry: 'ecommerce' | 'finance' | 'government' | 'telecom'): FlowDefinition[] {
  const raw: unknown = JSON.parse(readFileSync(new URL(`../../../templates/${industry}/flows.json`, import.meta.url), 'utf8'));
  return flowsFileSchema.parse(raw).flows;
}

/**
 * Drives a manager like the server does: the state goes through JSON between
 * every turn, exactly as it would through the database.
 */
export class Conversation {
  state: DialogueState | undefined;
  last: DialogueOutput | undefined;

  constructor(
    private readonly dm: DialogueManager,
    private readonly now = '2026-11-25T02:00:00.000Z',
  ) {}

  /** Opens the conversation (welcome message). */
  start(): DialogueOutput {
    return this.apply(this.dm.handle(this.state, { type: 'start' }));
  }

  /** The customer says `text`; `spec` is what the NLU would have made of it. */
  say(text: string, spec: NluParseSpec = {}, faqAnswers?: FaqAnswer[]): DialogueOutput {
    const nlu = nluParse({ ...spec, text });
    return this.apply(this.dm.handle(this.state, { type: 'user', text, nlu, now: this.now, ...(faqAnswers ? { faqAnswers } : {}) }));
  }

  /** The customer says `text`, which the server also parsed clause by clause (`splitClauses`). */
  sayClauses(text: string, spec: NluParseSpec, clauses: readonly (readonly [string, NluParseSpec])[]): DialogueOutput {
    const nlu = nluParse({ ...spec, text });
    const parsed = clauses.map(([clause, clauseSpec]) => ({ text: clause, nlu: nluParse({ ...clauseSpec, text: clause }) }));
    return this.apply(this.dm.handle(this.state, { type: 'user', text, nlu, now: this.now, clauses: parsed }));
  }

  /** The server answers the pending action. */
  actionSucceeds(data: unknown): DialogueOutput {
    return this.apply(this.dm.handle(this.state, { type: 'action_result', actionId: this.pendingActionId(), ok: true, data }));
  }

  /** The server reports that the pending action failed; `retryAfterSeconds` when it was refused for a limit. */
  actionFails(code: string, message = '', retryAfterSeconds?: number): DialogueOutput {
    const error = retryAfterSeconds === undefined ? { code, message } : { code, message, retryAfterSeconds };
    return this.apply(this.dm.handle(this.state, { type: 'action_result', actionId: this.pendingActionId(), ok: false, error }));
  }

  /** All reply texts of the last turn, joined by newlines. */
  text(): string {
    return (this.last?.replies ?? []).map((r) => r.text).join('\n');
  }

  /** Quick-reply buttons of the last turn's last reply. */
  buttons(): string[] {
    return this.last?.replies.at(-1)?.quickReplies ?? [];
  }

  private pendingActionId(): string {
    const id = this.last?.action?.id;
    if (id === undefined) throw new Error('the last turn requested no action');
    return id;
  }

  private apply(out: DialogueOutput): DialogueOutput {
    // Every output must match the published schema, so the server can rely on it.
    dialogueOutputSchema.parse(out);
    this.state = JSON.parse(JSON.stringify(out.state)) as DialogueState;
    this.last = out;
    return out;
  }
}

import type { TurnExpectation, TurnOutcome } from './dialogue-script.js';
import type { WidgetMessage } from './widget-client.js';

/** What the bench saw of one bot turn (all replies to one customer message). */
export interface ObservedTurn {
  intent: string | null;
  outcomes: TurnOutcome[];
  text: string;
  buttons: string[];
  handoff: boolean;
  /** FAQs answered in the turn (`meta.record.faqId`, the tenant's FAQ ids), in reply order. */
  faqIds: string[];
  /** Some reply was recorded inside a flow (`meta.record.flowId`): the bot started or went on with a task. */
  inFlow: boolean;
  /** The text of the turn's last reply: what the bot is waiting for the customer to answer. */
  lastText: string;
}

interface RecordLike {
  intent?: unknown;
  outcome?: unknown;
  faqId?: unknown;
  flowId?: unknown;
}

/** Reads the turn records the server attaches to bot replies (`meta.record`, `meta.handoff`). */
export function observeTurn(replies: WidgetMessage[]): ObservedTurn {
  const records = replies.map((r) => (r.meta.record ?? {}) as RecordLike);
  const first = records[0];
  return {
    intent: typeof first?.intent === 'string' ? first.intent : null,
    outcomes: records.map((r) => r.outcome).filter((o): o is TurnOutcome => typeof o === 'string'),
    text: replies.map((r) => r.text).join('\n'),
    buttons: replies.flatMap((r) => r.quickReplies),
    handoff: replies.some((r) => r.meta.handoff !== undefined || r.meta.kind === 'handoff'),
    faqIds: [...new Set(records.map((r) => r.faqId).filter((id): id is string => typeof id === 'string'))],
    inFlow: records.some((r) => typeof r.flowId === 'string'),
    lastText: replies.at(-1)?.text ?? '',
  };
}

/**
 * The expectations of one turn that did not hold, in words; empty when the turn is right.
 *
 * @example judgeTurn({ outcome: 'clarified' }, observed) // → ['outcome: expected clarified, got answered']
 */
export function judgeTurn(expect: TurnExpectation, seen: ObservedTurn): string[] {
  const problems: string[] = [];
  if (seen.outcomes.length === 0 && seen.text === '' && expect.handoff !== true) problems.push('no bot reply');
  if (expect.intent !== undefined && seen.intent !== expect.intent) problems.push(`intent: expected ${expect.intent}, got ${seen.intent ?? '—'}`);
  if (expect.outcome !== undefined) {
    const allowed = Array.isArray(expect.outcome) ? expect.outcome : [expect.outcome];
    if (!seen.outcomes.some((o) => allowed.includes(o))) problems.push(`outcome: expected ${allowed.join('|')}, got ${seen.outcomes.join(',') || '—'}`);
  }
  if (expect.text !== undefined && !new RegExp(expect.text, 'u').test(seen.text)) problems.push(`text: expected /${expect.text}/`);
  if (expect.notText !== undefined && new RegExp(expect.notText, 'u').test(seen.text)) problems.push(`text: must not match /${expect.notText}/`);
  for (const b of expect.buttons ?? []) if (!seen.buttons.some((q) => q.includes(b))) problems.push(`buttons: expected one with「${b}」, got [${seen.buttons.join(' / ')}]`);
  if (expect.handoff !== undefined && seen.handoff !== expect.handoff) problems.push(`handoff: expected ${expect.handoff}, got ${seen.handoff}`);
  return problems;
}

/** Whether the bot asked a clarifying question in this turn (for clarification precision). */
export function clarified(seen: ObservedTurn): boolean {
  return seen.outcomes.includes('clarified');
}

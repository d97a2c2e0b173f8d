import type { AnalyticsEvent } from './analytics-event.js';

/** One add to one `analytics_daily` cell. */
export interface RollupIncrement {
  day: string;
  channel: string;
  template: string;
  groupKey: string;
  dimKind: RollupDimension;
  dimKey: string;
  metric: string;
  count: number;
  total: number;
}

/** The dimensions a rollup is broken down by; `all` is the tenant total of the scope. */
export type RollupDimension = 'all' | 'intent' | 'flow' | 'step' | 'agent' | 'faq' | 'question';

/**
 * The rollup cells one event adds to: a pure function of the event alone, so the rollups can
 * always be rebuilt from the raw stream (the property test checks exactly that). Each event
 * counts under its type and, when it has one, under `type:outcome`; `total` sums its value.
 * Steps are keyed `flow/step` because step ids repeat across flows.
 * @example
 * rollupIncrements({ type: 'bot.turn', intent: '查物流', outcome: 'answered', value: 0.9, … }, '2026-12-07')
 * // → cells for metric 'bot.turn' and 'bot.turn:answered', each under all/'' and intent/'查物流'
 */
export function rollupIncrements(event: AnalyticsEvent, day: string): RollupIncrement[] {
  const dims: [RollupDimension, string][] = [['all', '']];
  if (event.intent) dims.push(['intent', event.intent]);
  if (event.flow) dims.push(['flow', event.flow]);
  if (event.flow && event.step) dims.push(['step', `${event.flow}/${event.step}`]);
  if (event.agentId) dims.push(['agent', event.agentId]);
  if (event.faqId) dims.push(['faq', event.faqId]);
  const question = unansweredQuestionOf(event);
  if (question) dims.push(['question', question]);
  const metrics = event.outcome ? [event.type, `${event.type}:${event.outcome}`] : [event.type];
  const out: RollupIncrement[] = [];
  for (const metric of metrics) {
    for (const [dimKind, dimKey] of dims) {
      out.push({ day, channel: event.channel, template: event.template, groupKey: event.groupId ?? '', dimKind, dimKey, metric, count: 1, total: event.value ?? 0 });
    }
  }
  return out;
}

const QUESTION_KEY_LENGTH = 80;

/** A bot turn the bot could not answer (fallback, or an answer below 0.6 confidence) keyed by its masked question. */
function unansweredQuestionOf(event: AnalyticsEvent): string | null {
  if (event.type !== 'bot.turn' || event.props.unanswered !== true || typeof event.props.question !== 'string') return null;
  const text = event.props.question.replace(/\s+/g, ' ').trim().slice(0, QUESTION_KEY_LENGTH);
  return text || null;
}

/** The first day of `day`'s month: the analytics_monthly key a daily cell adds to. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The cell's identity, for merging increments before one upsert (a statement may touch a row once). */
export function rollupCellKey(i: RollupIncrement): string {
  return [i.day, i.metric, i.dimKind, i.dimKey, i.channel, i.template, i.groupKey].join('\u0000');
}

/** Sums increments that land in the same cell. */
export function mergeIncrements(increments: Iterable<RollupIncrement>, into = new Map<string, RollupIncrement>()): Map<string, RollupIncrement> {
  for (const inc of increments) {
    const key = rollupCellKey(inc);
    const cell = into.get(key);
    if (cell) {
      cell.count += inc.count;
      cell.total += inc.total;
    } else {
      into.set(key, { ...inc });
    }
  }
  return into;
}

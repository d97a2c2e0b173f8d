import type { ObservedTurn } from './turn-judge.js';

export interface VagueJudgement {
  /** The bot asked a clarifying question with at least one right intent among the buttons. */
  ok: boolean;
  clarified: boolean;
  /** The right intents whose labels were offered. */
  offered: string[];
}

/**
 * Judges the bot's first turn on a vague request: it must clarify (outcome `clarified`) and offer the
 * label of at least one of the listed intents as a button.
 *
 * @example judgeVague(['return_request', 'exchange_request'], labels, seen) // → { ok: true, clarified: true, offered: ['return_request'] }
 */
export function judgeVague(intents: readonly string[], labels: ReadonlyMap<string, string>, seen: Pick<ObservedTurn, 'outcomes' | 'buttons'>): VagueJudgement {
  const clarified = seen.outcomes.includes('clarified');
  const buttons = new Set(seen.buttons.map((b) => b.trim()));
  const offered = clarified ? intents.filter((id) => buttons.has(labels.get(id) ?? '\u0000')) : [];
  return { ok: offered.length > 0, clarified, offered };
}

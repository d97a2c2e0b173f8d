import type { DialogueScript, TurnExpectation } from './dialogue-script.js';
import { fillPlaceholders } from './fill-placeholders.js';
import { NoOtpSentError } from './otp-reader.js';
import { clarified, judgeTurn, observeTurn, type ObservedTurn } from './turn-judge.js';
import type { ChatClient } from './simulation-runner.js';

export interface TurnResult {
  index: number;
  user: string;
  expect: TurnExpectation;
  seen: ObservedTurn | null;
  problems: string[];
  /** An earlier turn of the script already failed: this failure may only be its consequence. */
  afterFailure: boolean;
  /** Consent buttons the customer tapped before sending this message again (the bot asked for consent first). */
  consented?: string[];
}

export interface ScriptResult {
  template: string;
  id: string;
  tags: string[];
  goal: string;
  turns: TurnResult[];
  goalReached: boolean;
  goalProblems: string[];
  /** Transport or fixture failure that stopped the script. */
  error: string | null;
}

export interface ScriptEnvironment {
  start(): Promise<ChatClient>;
  /** Fills one `{{placeholder}}` (fixtures) of this script. */
  resolve(placeholder: string): Promise<string>;
  /** The SMS code the server sent in this conversation. */
  otp(conversationId: string): Promise<string>;
}

/** Plays one script against the server, turn by turn, and judges every turn and the goal. */
export async function runScript(template: string, script: DialogueScript, env: ScriptEnvironment): Promise<ScriptResult> {
  const result: ScriptResult = { template, id: script.id, tags: script.tags, goal: script.goal.description, turns: [], goalReached: false, goalProblems: [], error: null };
  let client: ChatClient;
  try {
    client = await env.start();
  } catch (err) {
    result.error = `start: ${(err as Error).message}`;
    result.turns = script.turns.map((t, index) => ({ index, user: t.user, expect: t.expect, seen: null, problems: ['not run'], afterFailure: index > 0 }));
    return result;
  }
  for (const [index, turn] of script.turns.entries()) {
    const afterFailure = result.turns.some((t) => t.problems.length > 0);
    let user = turn.user;
    try {
      user = await fillPlaceholders(turn.user, (name) => (name === 'otp' ? env.otp(client.conversationId) : env.resolve(name)));
    } catch (err) {
      if (!(err instanceof NoOtpSentError)) throw err;
      // The customer has no code to type: the turn fails and the script goes on as they would.
      result.turns.push({ index, user, expect: turn.expect, seen: null, problems: [err.message], afterFailure });
      continue;
    }
    try {
      const tappedBefore = client.consented?.length ?? 0;
      const seen = observeTurn(await client.send(user));
      const expect = await fillExpectation(turn.expect, env.resolve);
      const consented = client.consented?.slice(tappedBefore) ?? [];
      result.turns.push({ index, user, expect, seen, problems: judgeTurn(expect, seen), afterFailure, ...(consented.length ? { consented } : {}) });
    } catch (err) {
      result.error = `turn ${index + 1}: ${(err as Error).message}`;
      result.turns.push({ index, user, expect: turn.expect, seen: null, problems: [`error: ${(err as Error).message}`], afterFailure });
      for (const rest of script.turns.slice(index + 1)) result.turns.push({ index: result.turns.length, user: rest.user, expect: rest.expect, seen: null, problems: ['not run'], afterFailure: true });
      break;
    }
  }
  const goalText = script.goal.text === undefined ? undefined : await fillPlaceholders(script.goal.text, env.resolve);
  result.goalProblems = judgeGoal({ ...script, goal: { ...script.goal, text: goalText } }, result);
  result.goalReached = result.goalProblems.length === 0;
  return result;
}

function judgeGoal(script: DialogueScript, result: ScriptResult): string[] {
  if (result.error) return [result.error];
  const goal = script.goal;
  const seen = result.turns.map((t) => t.seen).filter((s): s is ObservedTurn => s !== null);
  const last = seen.slice(-goal.withinLastTurns);
  const problems: string[] = [];
  if (goal.text !== undefined && !last.some((s) => new RegExp(goal.text as string, 'u').test(s.text))) problems.push(`goal text /${goal.text}/ not in the last ${goal.withinLastTurns} turn(s)`);
  if (goal.outcome !== undefined && !last.some((s) => s.outcomes.includes(goal.outcome as ObservedTurn['outcomes'][number]))) problems.push(`goal outcome ${goal.outcome} not reached`);
  if (goal.handoff !== undefined && seen.some((s) => s.handoff) !== goal.handoff) problems.push(goal.handoff ? 'never handed off' : 'handed off');
  return problems;
}

/** True when the bot asked a clarifying question in the turn; `expected` when the script wanted one. */
export function clarification(turn: TurnResult): { asked: boolean; expected: boolean } {
  const wanted = turn.expect.outcome === undefined ? [] : Array.isArray(turn.expect.outcome) ? turn.expect.outcome : [turn.expect.outcome];
  return { asked: turn.seen !== null && clarified(turn.seen), expected: wanted.includes('clarified') };
}

/** Expectations may name the script's fixtures too (`"text": "{{order.returnable}}"`). */
async function fillExpectation(expect: TurnExpectation, resolve: (name: string) => Promise<string>): Promise<TurnExpectation> {
  return {
    ...expect,
    ...(expect.text !== undefined ? { text: await fillPlaceholders(expect.text, resolve) } : {}),
    ...(expect.notText !== undefined ? { notText: await fillPlaceholders(expect.notText, resolve) } : {}),
  };
}

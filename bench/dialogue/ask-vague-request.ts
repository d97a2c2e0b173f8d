import type { DataHalf } from './data-halves.js';
import type { NluParseClient } from './nlu-parse-client.js';
import type { ChatClient } from './simulation-runner.js';
import { observeTurn, type ObservedTurn } from './turn-judge.js';
import type { VagueRequest } from './vague-request-file.js';
import { judgeVague, type VagueJudgement } from './vague-judge.js';

export interface VagueResult {
  template: string;
  half: DataHalf;
  item: VagueRequest;
  judgement: VagueJudgement | null;
  seen: ObservedTurn | null;
  /** What `POST /nlu/parse` said of the text: `ambiguous`, or null when the API has no such field. */
  parseAmbiguous: boolean | null;
  error: string | null;
}

/** Sends one vague request as the first message of a fresh conversation, judges the turn, and asks the parse API about it. */
export async function askVagueRequest(
  template: string,
  half: DataHalf,
  item: VagueRequest,
  labels: ReadonlyMap<string, string>,
  start: () => Promise<ChatClient>,
  nlu: NluParseClient,
): Promise<VagueResult> {
  const result: VagueResult = { template, half, item, judgement: null, seen: null, parseAmbiguous: null, error: null };
  try {
    const client = await start();
    result.seen = observeTurn(await client.send(item.text));
    result.parseAmbiguous = (await nlu.parse(item.text)).ambiguous ?? null;
  } catch (err) {
    result.error = (err as Error).message;
    return result;
  }
  result.judgement = judgeVague(item.intents, labels, result.seen);
  return result;
}

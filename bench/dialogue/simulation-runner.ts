import { CustomerSimulator } from './customer-simulator.js';
import { fillPlaceholders } from './fill-placeholders.js';
import { NoOtpSentError } from './otp-reader.js';
import type { DataHalf } from './data-halves.js';
import type { SimulatedScript, SimulationKind } from './simulated-user-file.js';
import { observeTurn, type ObservedTurn } from './turn-judge.js';
import type { WidgetMessage } from './widget-client.js';

/** The most messages a simulated customer sends (the opening included) before giving up. */
export const MAX_CUSTOMER_MESSAGES = 14;

/**
 * How a simulated conversation ended. `completed`: the goal was reached. `misunderstood_handoff`: the bot
 * handed off in a script whose goal is not a handoff. `stuck`: nothing in the answer bank fits what the bot
 * said. `turn_limit`: 14 messages without the goal. `handoff_without_goal`: a handoff goal whose text was not
 * seen. `no_code`: the customer was asked for an SMS code that was never sent. `error`: transport failure.
 */
export type SimulationOutcome = 'completed' | 'misunderstood_handoff' | 'stuck' | 'turn_limit' | 'handoff_without_goal' | 'no_code' | 'error';

export interface SimulatedTurn {
  customer: string;
  bot: ObservedTurn | null;
  /** The regex the bot's replies to this message had to match, and whether they did. */
  expect: { regex: string; met: boolean } | null;
  /** The FAQ (template id) the bot's replies to this message had to record as answered, and whether they did. */
  faq: { id: string; met: boolean } | null;
  /** Consent buttons the customer tapped before sending this message again (the bot asked for consent first). */
  consented: string[];
}

export interface SimulationResult {
  template: string;
  half: DataHalf;
  id: string;
  kinds: SimulationKind[];
  goal: string;
  outcome: SimulationOutcome;
  /** Why it ended that way, in words (e.g. the bot text the customer was stuck on). */
  detail: string;
  turns: SimulatedTurn[];
}

/** A widget conversation as the simulator uses it (`WidgetClient`, or a fake bot in tests). */
export interface ChatClient {
  readonly conversationId: string;
  send(text: string): Promise<WidgetMessage[]>;
  /** The consent buttons the customer tapped so far in this conversation (`ConsentingChat`). */
  readonly consented?: readonly string[];
}

export interface SimulationEnvironment {
  start(): Promise<ChatClient>;
  /** Fills one `{{placeholder}}` (fixtures) of this script. */
  resolve(placeholder: string): Promise<string>;
  /** The SMS code the server last sent in this conversation. */
  otp(conversationId: string): Promise<string>;
  /** The template id of an FAQ id a bot turn recorded (the tenant stores its own ids). */
  faqTemplateId(storedId: string): string;
}

/**
 * Plays one goal-driven script: sends the opening, then after every bot turn lets the simulated customer
 * answer what the bot actually asked, until the goal is reached, the bot hands off, the customer is stuck,
 * or 14 messages have been sent.
 */
export async function runSimulation(template: string, half: DataHalf, script: SimulatedScript, env: SimulationEnvironment): Promise<SimulationResult> {
  const result: SimulationResult = { template, half, id: script.id, kinds: script.kinds, goal: script.goal.description, outcome: 'turn_limit', detail: '', turns: [] };
  const end = (outcome: SimulationOutcome, detail: string) => Object.assign(result, { outcome, detail });
  let client: ChatClient;
  try {
    client = await env.start();
  } catch (err) {
    return end('error', `start: ${(err as Error).message}`);
  }
  const fill = (text: string) => fillPlaceholders(text, (name) => (name === 'otp' ? env.otp(client.conversationId) : env.resolve(name)));
  const goalText = script.goal.text === undefined ? null : new RegExp(await fillPlaceholders(script.goal.text, env.resolve), 'u');
  const customer = new CustomerSimulator(script.answers);
  let next: { text: string; expect: string | null; faq: string | null } = { text: script.opening, expect: null, faq: null };
  let goalSeen = false;
  for (let sent = 0; sent < MAX_CUSTOMER_MESSAGES; sent++) {
    let text: string;
    try {
      text = await fill(next.text);
    } catch (err) {
      if (err instanceof NoOtpSentError) return end('no_code', `asked for an SMS code that was never sent: ${clip(result.turns.at(-1)?.bot?.lastText ?? '')}`);
      return end('error', `filling "${next.text}": ${(err as Error).message}`);
    }
    let bot: ObservedTurn;
    const tappedBefore = client.consented?.length ?? 0;
    try {
      bot = observeTurn(await client.send(text));
    } catch (err) {
      result.turns.push({ customer: text, bot: null, expect: null, faq: null, consented: [] });
      return end('error', `message ${sent + 1}: ${(err as Error).message}`);
    }
    const expectRegex = next.expect === null ? null : await fillPlaceholders(next.expect, env.resolve);
    const answered = bot.faqIds.map((id) => env.faqTemplateId(id));
    result.turns.push({
      customer: text,
      bot,
      expect: expectRegex === null ? null : { regex: expectRegex, met: new RegExp(expectRegex, 'u').test(bot.text) },
      faq: next.faq === null ? null : { id: next.faq, met: answered.includes(next.faq) },
      consented: client.consented?.slice(tappedBefore) ?? [],
    });
    if (goalText && goalText.test(bot.text)) goalSeen = true;
    if (script.goal.handoff === true) {
      if (bot.handoff) return goalSeen || !goalText ? end('completed', 'handed off as wanted') : end('handoff_without_goal', `handed off, but /${goalText?.source ?? ''}/ never seen`);
    } else {
      // The goal reached in the same turn as a handoff still counts: the customer got what they came for first.
      if (goalSeen) return end('completed', `goal /${goalText?.source ?? ''}/ reached`);
      if (bot.handoff) return end('misunderstood_handoff', `handed off: ${clip(bot.text)}`);
    }
    const move = customer.next({ text: bot.lastText, buttons: bot.buttons });
    if (move.kind === 'stuck') return end('stuck', `no answer fits: ${clip(bot.lastText)}${bot.buttons.length ? ` {${bot.buttons.join(' | ')}}` : ''}`);
    next = move;
  }
  return end('turn_limit', `${MAX_CUSTOMER_MESSAGES} messages without reaching the goal`);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}

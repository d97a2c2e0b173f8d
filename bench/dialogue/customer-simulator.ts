import type { AnswerEntry } from './simulated-user-file.js';

/** What the bot just put in front of the customer: its last reply's text and the turn's quick-reply buttons. */
export interface BotPrompt {
  text: string;
  buttons: readonly string[];
}

/** The customer's next message (placeholders not yet filled), or `stuck` when no answer fits the bot's prompt. */
export type CustomerMove = { kind: 'say'; text: string; expect: string | null; faq: string | null; entry: number } | { kind: 'stuck' };

/**
 * The simulated customer's answer bank: it answers whatever the bot actually asks, by matching the bot's
 * prompt, never by turn number. The first entry whose `when` matches gives its next unused `say` item;
 * once they are used up it repeats the last (a customer asked the same thing again says the same again).
 *
 * @example
 * const c = new CustomerSimulator([{ when: '订单号', say: ['{{order.returnable}}'] }]);
 * c.next({ text: '请提供订单号', buttons: [] }); // → { kind: 'say', text: '{{order.returnable}}', expect: null, faq: null, entry: 0 }
 */
export class CustomerSimulator {
  private readonly patterns: RegExp[];
  private readonly used: number[];

  constructor(private readonly answers: readonly AnswerEntry[]) {
    this.patterns = answers.map((a) => new RegExp(a.when, 'u'));
    this.used = answers.map(() => 0);
  }

  next(prompt: BotPrompt): CustomerMove {
    // Buttons are part of what the customer reads: "请选择退货原因" may name the reason only on its buttons.
    const seen = [prompt.text, ...prompt.buttons].join('\n');
    const entry = this.patterns.findIndex((p) => p.test(seen));
    if (entry < 0) return { kind: 'stuck' };
    const say = (this.answers[entry] as AnswerEntry).say;
    const index = Math.min(this.used[entry] as number, say.length - 1);
    this.used[entry] = index + 1;
    const item = say[index] as AnswerEntry['say'][number];
    return typeof item === 'string' ? { kind: 'say', text: item, expect: null, faq: null, entry } : { kind: 'say', text: item.text, expect: item.expect, faq: item.faq ?? null, entry };
  }
}

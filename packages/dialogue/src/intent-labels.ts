import { pickText, type Locale, type LocalizedText } from './localized-text.js';
import { toPlainText } from './plain-text.js';

/** The intent a customer uses to ask for a person. */
export const HUMAN_INTENT = 'human_agent';

/** The intent of a complaint about the service (as opposed to a task the bot can do). */
export const COMPLAINT_INTENT = 'complaint';

const SMALL_TALK = new Set(['greeting', 'thanks', 'goodbye']);

/** True for the conversational intents every template has (greeting, thanks, goodbye). */
export function isSmallTalk(intent: string): intent is 'greeting' | 'thanks' | 'goodbye' {
  return SMALL_TALK.has(intent);
}

/** What a caller may pass: a map or the templates' `[{ id, label }]` list. */
export type IntentLabelsInput = Readonly<Record<string, string | LocalizedText>> | readonly { id: string; label: string | LocalizedText }[];

/**
 * Button labels of intents in one locale, and the reverse lookup that turns a tapped label back into its intent.
 * @example new IntentLabels([{ id: 'return_request', label: { zh: '申请退货', en: 'Return' } }], 'zh-CN').intentFor('申请退货') // 'return_request'
 */
export class IntentLabels {
  private readonly labels: Map<string, string>;

  constructor(input: IntentLabelsInput, locale: Locale) {
    const entries: (readonly [string, string | LocalizedText])[] = Array.isArray(input)
      ? (input as readonly { id: string; label: string | LocalizedText }[]).map((l) => [l.id, l.label] as const)
      : Object.entries(input as Readonly<Record<string, string | LocalizedText>>);
    this.labels = new Map(entries.map(([id, label]) => [id, pickText(label, locale)]));
  }

  has(intent: string): boolean {
    return this.labels.has(intent);
  }

  /** The label, or the id itself when the template gave none. */
  label(intent: string): string {
    return this.labels.get(intent) ?? intent;
  }

  /** Whether an intent may be offered as a task button (labelled, and not chit-chat or the human request). */
  offerable(intent: string): boolean {
    return this.labels.has(intent) && !isSmallTalk(intent) && intent !== HUMAN_INTENT;
  }

  /** The intent whose label is exactly the message (a tapped button), if any. */
  intentFor(text: string): string | undefined {
    const plain = toPlainText(text);
    if (plain === '') return undefined;
    for (const [id, label] of this.labels) if (toPlainText(label) === plain) return id;
    return undefined;
  }
}

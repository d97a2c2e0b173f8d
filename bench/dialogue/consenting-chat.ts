import type { ChatClient } from './simulation-runner.js';
import type { WidgetMessage } from './widget-client.js';

export class ConsentNotGivenError extends Error {
  readonly code = 'consent_not_given';
}

// A consent prompt that comes back after the customer tapped its button and resent the message means the tap was
// not recorded; two rounds cover a message holding both an ID and a bank card number (one consent each).
const MAX_CONSENT_ROUNDS = 3;

// The button a customer who wants the task done taps: the one that grants, not 不同意处理 / Don't allow.
const GRANT_BUTTON = /^(同意|Allow|Accept)/u;

/**
 * A visitor who answers the PIPL consent gate as a customer in the widget does: when the bot will not process a message
 * before a consent (a reply with `meta.kind` `consent_required`, e.g. an ID-card number before the separate consent of
 * art. 29), they tap the consent button the reply offers (its text is sent, as the widget sends a tapped quick reply)
 * and then send the same message again, as the bot asks. The replies to the resent message are the turn's replies; the
 * buttons tapped are kept in `consented`.
 *
 * @example const chat = new ConsentingChat(await WidgetClient.start(base, 'demo-government', ip)); await chat.send('11010519491231002X');
 */
export class ConsentingChat implements ChatClient {
  private readonly tapped: string[] = [];

  constructor(private readonly inner: ChatClient) {}

  get conversationId(): string {
    return this.inner.conversationId;
  }

  get consented(): readonly string[] {
    return this.tapped;
  }

  async send(text: string): Promise<WidgetMessage[]> {
    let replies = await this.inner.send(text);
    for (let round = 0; round < MAX_CONSENT_ROUNDS; round++) {
      const asked = replies.find((r) => r.meta.kind === 'consent_required');
      if (!asked) return replies;
      const button = asked.quickReplies.find((q) => GRANT_BUTTON.test(q));
      if (button === undefined) throw new ConsentNotGivenError(`the consent prompt offers no consent button: [${asked.quickReplies.join(' / ')}]`);
      const answer = await this.inner.send(button);
      if (!answer.some((r) => r.meta.kind === 'consent_recorded')) throw new ConsentNotGivenError(`tapping「${button}」did not record the consent: ${answer.map((r) => r.text).join(' ')}`);
      this.tapped.push(button);
      replies = await this.inner.send(text);
    }
    throw new ConsentNotGivenError(`still asked for consent after ${MAX_CONSENT_ROUNDS} consents: ${replies.map((r) => r.text).join(' ')}`);
  }
}

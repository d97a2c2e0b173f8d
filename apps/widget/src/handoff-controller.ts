import type { HandoffApiClient } from './handoff-api-client.js';
import { HandoffStatusSchema, NO_HANDOFF, type HandoffStatus, type LeftMessage } from './handoff-status-schema.js';
import { validateLeaveMessage, type LeaveMessageProblem } from './leave-message-validation.js';
import { NOTICE_REQUIRED, type NoticeGate } from './notice-gate.js';
import type { VisitorSession } from './widget-api-client.js';
import { WidgetApiError } from './widget-api-error.js';

/** Everything the handoff bar and the 留言 form need to draw themselves. */
export interface HandoffState {
  status: HandoffStatus;
  /** 取消等待 is on its way; the button is disabled meanwhile. */
  cancelling: boolean;
  /** The 留言 form: hidden, shown, or being sent. */
  form: 'closed' | 'open' | 'sending';
  /** What is wrong with the form as typed, by input. */
  problems: Partial<Record<'text' | 'mobile', LeaveMessageProblem>>;
  /** The last failed call, with the server's own message when it sent one. */
  error: { code: string; message: string } | null;
  /** The ticket the visitor's 留言 became (its number is shown with a link to 我的工单). */
  leftMessage: LeftMessage | null;
}

export interface HandoffControllerDeps {
  api: Pick<HandoffApiClient, 'status' | 'cancel' | 'leaveMessage'>;
  /** The chat's visitor session; null when there is no conversation (yet). */
  session: () => Promise<VisitorSession | null>;
  /** The privacy notice: the 留言 (text and mobile) waits for its acceptance (none: nothing is held back). */
  notice?: NoticeGate;
}

/**
 * The widget's way to a human without any DOM: the live queue status (pushed `handoff.status`,
 * refetched on load and after every reconnect because pushes made while the socket was down are
 * lost), 取消等待, and the 留言 form for when nobody can take the chat.
 *
 * @example
 * const handoff = new HandoffController({ api: new HandoffApiClient(origin, fetch), session: () => chat.ensureSession() });
 * chat.onHandoffStatus((payload) => handoff.received(payload));
 * handoff.subscribe((state) => view.render(state));
 */
export class HandoffController {
  readonly #deps: HandoffControllerDeps;
  readonly #listeners = new Set<(state: HandoffState) => void>();
  /** Bumped by every push, so a refetch that was already under way cannot overwrite newer news with older. */
  #version = 0;
  #state: HandoffState = { status: NO_HANDOFF, cancelling: false, form: 'closed', problems: {}, error: null, leftMessage: null };

  constructor(deps: HandoffControllerDeps) {
    this.#deps = deps;
  }

  get state(): HandoffState {
    return this.#state;
  }

  subscribe(listener: (state: HandoffState) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#state);
    return () => this.#listeners.delete(listener);
  }

  /** A `handoff.status` push; anything that does not match the contract is ignored. */
  received(payload: unknown): void {
    const parsed = HandoffStatusSchema.safeParse(payload);
    if (!parsed.success) return;
    this.#version += 1;
    this.#apply(parsed.data);
  }

  /** Refetches the status (page load, socket reconnected). Failures stay quiet: the next push or reconnect tries again. */
  async refresh(): Promise<void> {
    const version = this.#version;
    try {
      const session = await this.#deps.session();
      if (!session) return;
      const status = await this.#deps.api.status(session);
      if (version === this.#version) this.#apply(status);
    } catch {
      // The status line is a courtesy; the chat itself still works.
    }
  }

  /** 取消等待: leave the queue; the bot answers again. */
  async cancel(): Promise<void> {
    if (this.#state.cancelling || this.#state.status.state !== 'waiting') return;
    this.#update({ cancelling: true, error: null });
    try {
      const session = await this.#requireSession();
      const status = await this.#deps.api.cancel(session);
      this.#version += 1;
      this.#update({ cancelling: false });
      this.#apply(status);
    } catch (cause) {
      this.#update({ cancelling: false, error: toError(cause) });
    }
  }

  /** Shows the 留言 form (the unavailable notice's button, or the bot's 留言 quick reply). */
  openLeaveMessage(): void {
    if (this.#state.form === 'closed') this.#update({ form: 'open', problems: {}, error: null });
  }

  closeLeaveMessage(): void {
    if (this.#state.form === 'open') this.#update({ form: 'closed', problems: {}, error: null });
  }

  /**
   * Sends the 留言. Returns false (with `problems` or `error` set) when it was not accepted, so the
   * form keeps what the visitor typed.
   */
  async submitLeaveMessage(input: { text: string; mobile: string }): Promise<boolean> {
    if (this.#state.form === 'sending') return false;
    const checked = validateLeaveMessage(input);
    if (!checked.ok) {
      this.#update({ problems: checked.problems, error: null });
      return false;
    }
    if (this.#deps.notice && !this.#deps.notice.accepted()) {
      this.#update({ problems: {}, error: { code: NOTICE_REQUIRED, message: '' } });
      return false;
    }
    this.#update({ form: 'sending', problems: {}, error: null });
    try {
      const session = await this.#requireSession();
      await this.#deps.notice?.beforeSending(session);
      const left = await this.#deps.api.leaveMessage(session, checked.value);
      this.#version += 1;
      this.#update({ form: 'closed', leftMessage: left, status: { ...NO_HANDOFF, state: 'left_message' } });
      return true;
    } catch (cause) {
      this.#update({ form: 'open', error: toError(cause) });
      return false;
    }
  }

  /** The privacy notice was accepted meanwhile: its "please accept first" error no longer applies. */
  noticeAccepted(): void {
    if (this.#state.error?.code === NOTICE_REQUIRED) this.#update({ error: null });
  }

  #apply(status: HandoffStatus): void {
    // A new wait or an agent joining makes an open, unsent 留言 form moot.
    const form = this.#state.form === 'open' && (status.state === 'waiting' || status.state === 'connected') ? 'closed' : this.#state.form;
    this.#update({ status, form });
  }

  async #requireSession(): Promise<VisitorSession> {
    const session = await this.#deps.session();
    if (!session) throw new WidgetApiError('unavailable', 0, 'no visitor session');
    return session;
  }

  #update(patch: Partial<HandoffState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener(this.#state);
  }
}

function toError(cause: unknown): { code: string; message: string } {
  const error = WidgetApiError.from(cause);
  return { code: error.code, message: error.message };
}

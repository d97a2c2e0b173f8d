import type { FeedbackApiClient, VisitorFeedback } from './feedback-api-client.js';
import type { Message } from './message-schema.js';
import type { VisitorSession } from './widget-api-client.js';
import { WidgetApiError } from './widget-api-error.js';

/** Everything the survey card and the 有帮助/没帮助 buttons need to draw themselves. */
export interface FeedbackState {
  /** What the server knows (null until loaded). */
  server: VisitorFeedback | null;
  /** The stars and tags picked but not sent yet (the comment lives in the textarea). */
  draft: { stars: number | null; tags: string[] };
  /** The rating (or the follow-up's rating) is on its way. */
  sending: boolean;
  /** The last failure, with the server's own (Chinese) message when it sent one. */
  error: string | null;
  /** Verdicts clicked this session, shown at once before the server confirms. */
  answers: Record<string, boolean>;
  /** Bumped on every change: the chat view redraws the items whose look depends on it. */
  version: number;
}

export interface FeedbackControllerDeps {
  api: Pick<FeedbackApiClient, 'state' | 'surveyShown' | 'rate' | 'answerFeedback' | 'rateFollowUp'>;
  session: () => Promise<VisitorSession | null>;
}

const LOW_RATING = 3;

/**
 * The survey at the end of a conversation and 有帮助/没帮助 under each bot answer, without DOM.
 * The survey arrives as a system message (`meta.kind = 'survey'`); its state — shown, rated, the
 * 回访 to rate — comes from the server, so a reload or another device shows the same thing.
 *
 * @example
 * const feedback = new FeedbackController({ api, session: () => chat.ensureSession() });
 * feedback.subscribe(() => view.render(chat.state));
 * feedback.messageArrived(message); // loads the state when the survey message comes in
 */
export class FeedbackController {
  readonly #deps: FeedbackControllerDeps;
  readonly #listeners = new Set<(state: FeedbackState) => void>();
  #state: FeedbackState = { server: null, draft: { stars: null, tags: [] }, sending: false, error: null, answers: {}, version: 0 };
  #loading: Promise<void> | null = null;
  #markingShown = false;

  constructor(deps: FeedbackControllerDeps) {
    this.#deps = deps;
  }

  get state(): FeedbackState {
    return this.#state;
  }

  subscribe(listener: (state: FeedbackState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The verdict on a bot answer, as the visitor last clicked it (this session or before). */
  verdict(messageId: string): boolean | null {
    if (messageId in this.#state.answers) return this.#state.answers[messageId]!;
    return this.#state.server?.answers.find((a) => a.messageId === messageId)?.helpful ?? null;
  }

  /** Fetches the conversation's feedback state (on start, after a reconnect, when a survey arrives). */
  load(): Promise<void> {
    this.#loading ??= this.#fetch().finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  async #fetch(): Promise<void> {
    const session = await this.#deps.session();
    if (!session) return;
    try {
      this.#set({ server: await this.#deps.api.state(session) });
    } catch {
      // Nothing to show yet; the next survey message or reconnect tries again.
    }
  }

  /** A message came in: a survey means the conversation ended; fetch its state. */
  messageArrived(message: Pick<Message, 'senderType' | 'meta'>): void {
    if (message.senderType === 'system' && message.meta?.kind === 'survey') void this.load();
  }

  /** The panel is open with a survey the visitor has not rated: it counts as shown (once). */
  async panelShowsSurvey(): Promise<void> {
    const server = this.#state.server;
    if (!server?.survey || server.survey.shown || server.rating || this.#markingShown) return;
    this.#markingShown = true;
    const session = await this.#deps.session();
    try {
      if (session) await this.#deps.api.surveyShown(session);
      this.#set({ server: { ...server, survey: { ...server.survey, shown: true } } });
    } catch {
      // Counted next time the panel shows it.
    } finally {
      this.#markingShown = false;
    }
  }

  pickStars(stars: number): void {
    this.#set({ draft: { ...this.#state.draft, stars }, error: null });
  }

  toggleTag(tag: string): void {
    const tags = this.#state.draft.tags.includes(tag) ? this.#state.draft.tags.filter((t) => t !== tag) : [...this.#state.draft.tags, tag];
    this.#set({ draft: { ...this.#state.draft, tags } });
  }

  /** Sends the rating; a 409 means it was already rated (elsewhere): the server's state is shown. */
  async submit(comment: string): Promise<boolean> {
    const { stars, tags } = this.#state.draft;
    if (stars === null) {
      this.#set({ error: 'pickStars' });
      return false;
    }
    if (comment.length > 1000) {
      this.#set({ error: 'commentTooLong' });
      return false;
    }
    const session = await this.#deps.session();
    if (!session || this.#state.sending) return false;
    this.#set({ sending: true, error: null });
    try {
      const rated = await this.#deps.api.rate(session, { stars, tags, comment: comment.trim() });
      const server = this.#state.server;
      if (server) this.#set({ server: { ...server, rating: { id: rated.id, stars: rated.stars, tags: rated.tags, comment: rated.comment } } });
      this.#set({ sending: false });
      return true;
    } catch (err) {
      this.#set({ sending: false, error: err instanceof WidgetApiError ? err.message : 'network' });
      if (err instanceof WidgetApiError && err.status === 409) await this.load();
      return false;
    }
  }

  /** The customer's rating of how the 回访 was handled. */
  async rateFollowUp(stars: number): Promise<void> {
    const followUp = this.#state.server?.followUp;
    const session = await this.#deps.session();
    if (!followUp || !session || this.#state.sending) return;
    this.#set({ sending: true, error: null });
    try {
      await this.#deps.api.rateFollowUp(session, followUp.id, stars);
      const server = this.#state.server!;
      this.#set({ sending: false, server: { ...server, followUp: { ...followUp, customerStars: stars } } });
    } catch (err) {
      this.#set({ sending: false, error: err instanceof WidgetApiError ? err.message : 'network' });
      if (err instanceof WidgetApiError && err.status === 409) await this.load();
    }
  }

  /** 有帮助 / 没帮助: shown at once; undone if the server refuses. */
  async answer(messageId: string, helpful: boolean): Promise<void> {
    const before = this.#state.answers;
    this.#set({ answers: { ...before, [messageId]: helpful } });
    const session = await this.#deps.session();
    try {
      if (!session) throw new Error('no session');
      await this.#deps.api.answerFeedback(session, messageId, helpful);
    } catch {
      const { [messageId]: _dropped, ...rest } = this.#state.answers;
      this.#set({ answers: rest });
    }
  }

  /** Whether a rating of this many stars is followed up by a supervisor (the card says so). */
  static isLow(stars: number): boolean {
    return stars <= LOW_RATING;
  }

  #set(patch: Partial<FeedbackState>): void {
    this.#state = { ...this.#state, ...patch, version: this.#state.version + 1 };
    for (const listener of this.#listeners) listener(this.#state);
  }
}

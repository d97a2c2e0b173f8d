import type { RecommendationApiClient, RecommendationList, RecommendationMoment } from './recommendation-api-client.js';
import type { VisitorSession } from './widget-api-client.js';

export interface RecommendationState {
  items: RecommendationList['items'];
}

export interface RecommendationControllerDeps {
  api: Pick<RecommendationApiClient, 'list' | 'click'>;
  session: () => Promise<VisitorSession | null>;
  /** Sends the chosen service's request as the visitor's message (the chat's send). */
  send: (text: string) => boolean;
  page: string;
  locale: 'zh-CN' | 'en';
}

/**
 * The 猜你想办 row: asks for services once at the welcome and once per completed task, shows them
 * until the visitor picks one or writes something else, and turns a pick into the visitor's own
 * request (so the bot starts that service exactly as if it had been typed) plus a recorded click.
 * Recommendations are a nicety: any failure leaves the row empty and the chat untouched.
 */
export class RecommendationController {
  #state: RecommendationState = { items: [] };
  #impressionId: string | null = null;
  readonly #listeners = new Set<(state: RecommendationState) => void>();
  readonly #asked = new Set<string>();

  constructor(private readonly deps: RecommendationControllerDeps) {}

  get state(): RecommendationState {
    return this.#state;
  }

  subscribe(listener: (state: RecommendationState) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#state);
    return () => this.#listeners.delete(listener);
  }

  /** Loads the row for a moment; `key` makes it once per moment (the welcome, a completed task's message id). */
  async load(moment: RecommendationMoment, key: string): Promise<void> {
    if (this.#asked.has(key)) return;
    this.#asked.add(key);
    try {
      const session = await this.deps.session();
      if (!session) return;
      const list = await this.deps.api.list(session, { moment, page: this.deps.page, locale: this.deps.locale });
      this.#impressionId = list.impressionId;
      this.#set({ items: list.impressionId ? list.items : [] });
    } catch {
      this.#set({ items: [] });
    }
  }

  /** The visitor picked a chip: record the click (best effort) and send its request. */
  choose(itemId: string): void {
    const item = this.#state.items.find((i) => i.id === itemId);
    if (!item) return;
    const impressionId = this.#impressionId;
    if (!this.deps.send(item.utterance)) return;
    this.hide();
    if (impressionId) {
      void this.deps
        .session()
        .then((session) => (session ? this.deps.api.click(session, impressionId, item.id) : null))
        .catch(() => undefined);
    }
  }

  /** The visitor wrote something else: the suggestions are no longer the point. */
  hide(): void {
    this.#impressionId = null;
    if (this.#state.items.length > 0) this.#set({ items: [] });
  }

  #set(state: RecommendationState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}

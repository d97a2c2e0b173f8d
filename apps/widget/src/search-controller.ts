import type { SearchApiClient, SearchHit } from '@zhida/client/search-api-client';
import type { VisitorSession } from './widget-api-client.js';

/** What the search box shows: nothing, a search under way, its hits, that there were none, one opened answer, or a failure. */
export type SearchState =
  | { phase: 'idle' }
  | { phase: 'searching'; query: string }
  | { phase: 'results'; query: string; hits: SearchHit[] }
  | { phase: 'none'; query: string }
  | { phase: 'answer'; query: string; hits: SearchHit[]; answer: { type: SearchHit['type']; title: string; body: string } }
  | { phase: 'failed'; query: string };

export interface SearchControllerDeps {
  api: Pick<SearchApiClient, 'search' | 'open' | 'recordClick'>;
  session: () => Promise<VisitorSession | null>;
}

/**
 * Self-service search in the widget. A search runs when the visitor submits (not per keystroke:
 * every served search is one analytics event, and half-typed words would count as "none" results);
 * opening a hit records the click — what the dashboard's search success counts — and shows the
 * whole FAQ answer or article, or a customer record's summary. A reply to an older query that
 * arrives after a newer one is dropped.
 */
export class SearchController {
  #state: SearchState = { phase: 'idle' };
  #turn = 0;
  readonly #listeners = new Set<(state: SearchState) => void>();

  constructor(private readonly deps: SearchControllerDeps) {}

  get state(): SearchState {
    return this.#state;
  }

  subscribe(listener: (state: SearchState) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#state);
    return () => this.#listeners.delete(listener);
  }

  async search(text: string): Promise<void> {
    const query = text.trim();
    const turn = ++this.#turn;
    if (!query) return this.#set({ phase: 'idle' });
    this.#set({ phase: 'searching', query });
    try {
      const session = await this.deps.session();
      if (!session) throw new Error('no session');
      const hits = await this.deps.api.search(session, query);
      if (turn === this.#turn) this.#set(hits.length > 0 ? { phase: 'results', query, hits } : { phase: 'none', query });
    } catch {
      if (turn === this.#turn) this.#set({ phase: 'failed', query });
    }
  }

  /** Opens one hit of the current results: the click is recorded whether or not the answer loads. */
  async open(hit: Pick<SearchHit, 'type' | 'id'>): Promise<void> {
    const current = this.#state;
    if (current.phase !== 'results' && current.phase !== 'answer') return;
    const shown = current.hits.find((h) => h.type === hit.type && h.id === hit.id);
    if (!shown) return;
    const turn = ++this.#turn;
    const { query, hits } = current;
    try {
      const session = await this.deps.session();
      if (!session) throw new Error('no session');
      void this.deps.api.recordClick(session, { q: query, type: shown.type, id: shown.id }).catch(() => undefined);
      // A customer record has no page of its own here: its summary is what the search found.
      const answer = shown.type === 'faq' || shown.type === 'article' ? await this.deps.api.open(session, { type: shown.type, id: shown.id }) : { type: shown.type, title: shown.title, body: shown.snippet };
      if (turn === this.#turn) this.#set({ phase: 'answer', query, hits, answer: { type: answer.type, title: answer.title, body: answer.body } });
    } catch {
      if (turn === this.#turn) this.#set({ phase: 'answer', query, hits, answer: { type: shown.type, title: shown.title, body: shown.snippet } });
    }
  }

  /** From an opened answer back to its results. */
  back(): void {
    if (this.#state.phase === 'answer') this.#set({ phase: 'results', query: this.#state.query, hits: this.#state.hits });
  }

  clear(): void {
    this.#turn++;
    this.#set({ phase: 'idle' });
  }

  #set(state: SearchState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}

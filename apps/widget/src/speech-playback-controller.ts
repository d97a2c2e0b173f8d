import type { KeyValueStore } from './key-value-store.js';
import type { Message } from './message-schema.js';
import type { VisitorSession, WidgetApiClient } from './widget-api-client.js';

/** Plays one recording; `play` settles when it ended or was stopped. */
export interface AudioPlayer {
  play(audio: Blob): Promise<void>;
  stop(): void;
}

export interface SpeechPlaybackDeps {
  store: KeyValueStore;
  /** Where the switch is kept, per tenant: `zhida:<tenant>:sound`. */
  key: string;
  api: Pick<WidgetApiClient, 'fetchSpeech'>;
  session: () => Promise<VisitorSession | null>;
  player: AudioPlayer;
}

/**
 * The 🔊 switch: while on (remembered in this browser), each new bot or agent reply is fetched as speech and played,
 * one at a time in order; a newer reply stops what is playing, and switching off stops it too. What was already in
 * the conversation when it loaded is never read out.
 *
 * @example
 * const speech = new SpeechPlaybackController({ store, key: `zhida:${tenant}:sound`, api, session, player });
 * chat.subscribe((state) => speech.conversationChanged(state.phase === 'ready', messagesOf(state)));
 */
export class SpeechPlaybackController {
  readonly #deps: SpeechPlaybackDeps;
  readonly #listeners = new Set<(enabled: boolean) => void>();
  #enabled: boolean;
  /** The newest seq already heard or skipped; null until the conversation has loaded. */
  #heardSeq: number | null = null;
  /** Bumped by every new batch and by stop(): an older batch's loop sees it and ends. */
  #generation = 0;

  constructor(deps: SpeechPlaybackDeps) {
    this.#deps = deps;
    this.#enabled = deps.store.getItem(deps.key) === 'on';
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  subscribe(listener: (enabled: boolean) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#enabled);
    return () => this.#listeners.delete(listener);
  }

  toggle(): void {
    this.#enabled = !this.#enabled;
    this.#deps.store.setItem(this.#deps.key, this.#enabled ? 'on' : 'off');
    if (!this.#enabled) this.stop();
    for (const listener of this.#listeners) listener(this.#enabled);
  }

  /** Stops what is playing (the visitor starts to talk, or switched off); later replies still play while on. */
  stop(): void {
    this.#generation++;
    this.#deps.player.stop();
  }

  /** The chat's messages after each change; `ready` once the conversation and its history have loaded. */
  conversationChanged(ready: boolean, messages: readonly Message[]): void {
    if (!ready) return;
    const spoken = messages.filter((m) => (m.senderType === 'bot' || m.senderType === 'agent') && !m.internal);
    const newest = spoken.reduce((max, m) => Math.max(max, m.seq), 0);
    if (this.#heardSeq === null) {
      this.#heardSeq = newest;
      return;
    }
    const fresh = spoken.filter((m) => m.seq > this.#heardSeq!).sort((a, b) => a.seq - b.seq);
    if (fresh.length === 0) return;
    this.#heardSeq = newest;
    if (this.#enabled) void this.#play(fresh.map((m) => m.seq));
  }

  async #play(seqs: number[]): Promise<void> {
    this.stop();
    const generation = this.#generation;
    const session = await this.#deps.session();
    for (const seq of seqs) {
      if (!session || generation !== this.#generation) return;
      let audio: Blob;
      try {
        audio = await this.#deps.api.fetchSpeech(session, seq);
      } catch {
        // Sound is an extra: the text is on screen, so a failed fetch is skipped, not reported.
        continue;
      }
      if (generation !== this.#generation) return;
      await this.#deps.player.play(audio);
    }
  }
}

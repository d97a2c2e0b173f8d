import { encodeWav } from '@zhida/client/wav-encoder';
import type { Message } from './message-schema.js';
import type { VisitorSession, WidgetApiClient } from './widget-api-client.js';
import type { WidgetApiError } from './widget-api-error.js';

/** Why the last press did not become a message (`load_failed`: widget-on-demand.js did not load); the view shows it in words. */
export type VoiceNotice = 'permission_denied' | 'no_microphone' | 'asr_not_configured' | 'too_short' | 'cancelled' | 'not_heard' | 'failed' | 'load_failed';

export interface HoldToTalkState {
  /** `starting`: the microphone is being opened (the permission prompt may be up). */
  phase: 'idle' | 'starting' | 'recording' | 'sending';
  notice: VoiceNotice | null;
}

/** What was recorded: Web Audio's float samples at the context's rate. */
export interface Recording {
  chunks: Float32Array[];
  sampleRate: number;
}

/** The microphone; `start` rejects with the DOMException getUserMedia gave. */
export interface Recorder {
  start(): Promise<void>;
  stop(): Recording;
  cancel(): void;
}

export interface HoldToTalkDeps {
  recorder: Recorder;
  api: Pick<WidgetApiClient, 'sendVoice'>;
  session: () => Promise<VisitorSession | null>;
  /** The visitor's transcribed message and the bot's replies, for the chat's timeline. */
  received: (messages: Message[]) => void;
  newId: () => string;
}

/** Shorter than this is a tap, not speech (the server refuses under 0.2 s). */
const MIN_SECONDS = 0.5;

/**
 * 按住说话 without the DOM: press opens the microphone (its permission is asked on the first press only, by the
 * browser), release uploads the recording and merges the transcript and the bot's answers into the chat, sliding
 * away cancels. Every way it can fail ends idle with a notice, so typing always still works.
 *
 * @example
 * const talk = new HoldToTalkController({ recorder, api, session: () => chat.ensureSession(), received: (m) => chat.receiveMessages(m), newId });
 * button.onpointerdown = () => void talk.press();
 * button.onpointerup = () => void talk.release();
 */
export class HoldToTalkController {
  readonly #deps: HoldToTalkDeps;
  readonly #listeners = new Set<(state: HoldToTalkState) => void>();
  #state: HoldToTalkState = { phase: 'idle', notice: null };
  /** Released (or slid away) while the microphone was still opening. */
  #letGo = false;

  constructor(deps: HoldToTalkDeps) {
    this.#deps = deps;
  }

  get state(): HoldToTalkState {
    return this.#state;
  }

  subscribe(listener: (state: HoldToTalkState) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#state);
    return () => this.#listeners.delete(listener);
  }

  async press(): Promise<void> {
    if (this.#state.phase !== 'idle') return;
    this.#letGo = false;
    this.#update({ phase: 'starting', notice: null });
    try {
      await this.#deps.recorder.start();
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      this.#update({ phase: 'idle', notice: name === 'NotAllowedError' || name === 'SecurityError' ? 'permission_denied' : 'no_microphone' });
      return;
    }
    if (this.#letGo) {
      // The button was let go while the permission prompt was up: that press only granted the microphone.
      this.#deps.recorder.cancel();
      this.#update({ phase: 'idle', notice: null });
      return;
    }
    this.#update({ phase: 'recording', notice: null });
  }

  async release(): Promise<void> {
    if (this.#state.phase === 'starting') {
      this.#letGo = true;
      return;
    }
    if (this.#state.phase !== 'recording') return;
    const recording = this.#deps.recorder.stop();
    const samples = recording.chunks.reduce((n, c) => n + c.length, 0);
    if (samples < recording.sampleRate * MIN_SECONDS) return this.#update({ phase: 'idle', notice: 'too_short' });
    this.#update({ phase: 'sending', notice: null });
    const wav = new Blob([encodeWav(recording.chunks, recording.sampleRate)], { type: 'audio/wav' });
    try {
      const session = await this.#deps.session();
      if (!session) return this.#update({ phase: 'idle', notice: 'failed' });
      const spoken = await this.#deps.api.sendVoice(session, { wav, clientMsgId: this.#deps.newId() });
      this.#deps.received([spoken.message, ...spoken.replies]);
      this.#update({ phase: 'idle', notice: null });
    } catch (error) {
      // By name, not instanceof: this runs in widget-on-demand.js, whose copy of the class is not the one
      // widget.js's API client throws.
      const code = error instanceof Error && error.name === 'WidgetApiError' ? (error as WidgetApiError).code : '';
      this.#update({ phase: 'idle', notice: code === 'asr_not_configured' ? 'asr_not_configured' : code === 'unreadable_audio' ? 'not_heard' : 'failed' });
    }
  }

  /** The pointer slid off the button (or the system took it): nothing is sent. */
  cancel(): void {
    if (this.#state.phase === 'starting') {
      this.#letGo = true;
      return;
    }
    if (this.#state.phase !== 'recording') return;
    this.#deps.recorder.cancel();
    this.#update({ phase: 'idle', notice: 'cancelled' });
  }

  #update(state: HoldToTalkState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}

import type { AudioPlayer } from './speech-playback-controller.js';

/** Plays recordings through one `<audio>` element (the view's, so its state can be inspected), one at a time. */
export class AudioElementPlayer implements AudioPlayer {
  readonly #audio: HTMLAudioElement;
  #settle: (() => void) | null = null;
  #url: string | null = null;

  constructor(audio: HTMLAudioElement) {
    this.#audio = audio;
    // data-state lets the page (and the E2E test) see what the speaker is doing.
    audio.addEventListener('playing', () => (audio.dataset.state = 'playing'));
    audio.addEventListener('ended', () => {
      audio.dataset.state = 'ended';
      this.#finish();
    });
    audio.addEventListener('error', () => {
      audio.dataset.state = 'failed';
      this.#finish();
    });
  }

  play(recording: Blob): Promise<void> {
    this.stop();
    this.#url = URL.createObjectURL(recording);
    this.#audio.src = this.#url;
    const done = new Promise<void>((resolve) => (this.#settle = resolve));
    // A browser that refuses to play without a gesture just leaves the text on screen.
    this.#audio.play().catch(() => this.#finish());
    return done;
  }

  stop(): void {
    if (this.#settle) {
      this.#audio.pause();
      this.#audio.dataset.state = 'stopped';
    }
    this.#finish();
  }

  #finish(): void {
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#url = null;
    const settle = this.#settle;
    this.#settle = null;
    settle?.();
  }
}

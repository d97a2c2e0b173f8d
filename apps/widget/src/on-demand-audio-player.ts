import type { AudioPlayer } from './speech-playback-controller.js';

/**
 * The 🔊 player before the speaker code is loaded: the first reply to play loads it (widget-on-demand.js); a failed
 * load skips that reply and reports it, and the next reply tries again.
 */
export class OnDemandAudioPlayer implements AudioPlayer {
  #player: AudioPlayer | null = null;

  constructor(
    private readonly load: () => Promise<AudioPlayer>,
    private readonly failed: () => void,
  ) {}

  async play(audio: Blob): Promise<void> {
    try {
      this.#player ??= await this.load();
    } catch {
      return this.failed();
    }
    return this.#player.play(audio);
  }

  stop(): void {
    this.#player?.stop();
  }
}

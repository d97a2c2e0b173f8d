import type { HoldToTalkState } from './hold-to-talk-controller.js';

/** What the main bundle needs of the loaded HoldToTalkController. */
export interface HoldToTalk {
  readonly state: HoldToTalkState;
  subscribe(listener: (state: HoldToTalkState) => void): () => void;
  press(): Promise<void>;
  release(): Promise<void>;
  cancel(): void;
}

/**
 * 按住说话 before the microphone code is loaded: the first press loads it (widget-on-demand.js) and shows `starting`
 * meanwhile; if the button is still held when it arrives, recording begins, and if the load fails the notice says
 * so and typing still works. After that every press goes straight to the loaded controller.
 *
 * @example
 * const talk = new OnDemandHoldToTalk(async () => (await load()).createHoldToTalk(deps), (state) => voiceView.render(state));
 */
export class OnDemandHoldToTalk {
  #talk: HoldToTalk | null = null;
  #loading: Promise<void> | null = null;
  #held = false;

  constructor(
    private readonly load: () => Promise<HoldToTalk>,
    private readonly render: (state: HoldToTalkState) => void,
  ) {}

  press(): void {
    if (this.#talk) return void this.#talk.press();
    this.#held = true;
    this.render({ phase: 'starting', notice: null });
    if (this.#loading) return;
    this.#loading = this.load().then(
      (talk) => {
        this.#talk = talk;
        talk.subscribe(this.render);
        if (this.#held) void talk.press();
      },
      () => {
        this.#loading = null;
        this.render({ phase: 'idle', notice: 'load_failed' });
      },
    );
  }

  release(): void {
    if (this.#talk) return void this.#talk.release();
    this.#held = false;
  }

  cancel(): void {
    if (this.#talk) return this.#talk.cancel();
    this.#held = false;
  }
}

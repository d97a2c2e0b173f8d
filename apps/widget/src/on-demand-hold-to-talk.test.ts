import { describe, expect, it } from 'vitest';
import type { HoldToTalkState } from './hold-to-talk-controller.js';
import { OnDemandAudioPlayer } from './on-demand-audio-player.js';
import { OnDemandHoldToTalk, type HoldToTalk } from './on-demand-hold-to-talk.js';
import type { AudioPlayer } from './speech-playback-controller.js';
import { settle } from './test-support/manual-scheduler.js';

/** The loaded controller, reduced to what it was asked. */
class LoadedTalk implements HoldToTalk {
  readonly asked: string[] = [];
  state: HoldToTalkState = { phase: 'idle', notice: null };
  subscribe(listener: (state: HoldToTalkState) => void): () => void {
    listener(this.state);
    return () => undefined;
  }
  async press(): Promise<void> {
    this.asked.push('press');
  }
  async release(): Promise<void> {
    this.asked.push('release');
  }
  cancel(): void {
    this.asked.push('cancel');
  }
}

/** The button's side: what was rendered, and a load that can fail or wait until `release`. */
class Harness {
  readonly loaded = new LoadedTalk();
  readonly rendered: HoldToTalkState[] = [];
  loads = 0;
  fail = false;
  release: () => void = () => undefined;
  #gate: Promise<void> = Promise.resolve();
  readonly talk = new OnDemandHoldToTalk(
    async () => {
      this.loads++;
      await this.#gate;
      if (this.fail) throw new Error('cannot load widget-on-demand.js');
      return this.loaded;
    },
    (state) => this.rendered.push(state),
  );

  gated(): void {
    this.#gate = new Promise<void>((resolve) => (this.release = resolve));
  }
}

describe('按住说话 before the microphone code is loaded', () => {
  it('the first press loads it, shows starting meanwhile, and records if the button is still held', async () => {
    const h = new Harness();
    h.gated();
    h.talk.press();
    expect(h.rendered.at(-1)).toEqual({ phase: 'starting', notice: null });
    h.release();
    await settle();
    expect(h.loaded.asked).toEqual(['press']);
    h.talk.release();
    h.talk.press();
    expect(h.loaded.asked).toEqual(['press', 'release', 'press']);
    expect(h.loads).toBe(1);
  });

  it('let go before it arrived: back to idle, the microphone is never opened', async () => {
    const h = new Harness();
    h.gated();
    h.talk.press();
    h.talk.release();
    h.release();
    await settle();
    expect(h.loaded.asked).toEqual([]);
    expect(h.rendered.at(-1)).toEqual({ phase: 'idle', notice: null });
  });

  it('a failed load says so, and the next press tries again', async () => {
    const h = new Harness();
    h.fail = true;
    h.talk.press();
    await settle();
    expect(h.rendered.at(-1)).toEqual({ phase: 'idle', notice: 'load_failed' });
    h.fail = false;
    h.talk.press();
    await settle();
    expect(h.loads).toBe(2);
    expect(h.loaded.asked).toEqual(['press']);
  });
});

describe('the 🔊 player before the speaker code is loaded', () => {
  it('loads on the first reply to play, reports a failed load, and tries again with the next reply', async () => {
    const played: string[] = [];
    const loaded: AudioPlayer = { play: async (audio) => void played.push(await audio.text()), stop: () => played.push('stop') };
    let fail = true;
    let failures = 0;
    const player = new OnDemandAudioPlayer(
      async () => {
        if (fail) throw new Error('cannot load widget-on-demand.js');
        return loaded;
      },
      () => failures++,
    );
    player.stop();
    await player.play(new Blob(['reply 1']));
    expect(failures).toBe(1);
    fail = false;
    await player.play(new Blob(['reply 2']));
    player.stop();
    expect(played).toEqual(['reply 2', 'stop']);
  });
});

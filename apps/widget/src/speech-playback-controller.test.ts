import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import type { Message } from './message-schema.js';
import { SpeechPlaybackController, type AudioPlayer } from './speech-playback-controller.js';
import { messageFixture } from './test-support/message-fixture.js';

/** Records what was played and stopped; each play lasts until `finish()` or a stop. */
class FakePlayer implements AudioPlayer {
  readonly log: string[] = [];
  #end: (() => void) | null = null;

  async play(audio: Blob): Promise<void> {
    this.log.push(`play ${await audio.text()}`);
    await new Promise<void>((resolve) => (this.#end = resolve));
  }

  stop(): void {
    this.log.push('stop');
    this.finish();
  }

  finish(): void {
    this.#end?.();
    this.#end = null;
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const bot = (seq: number) => messageFixture({ seq, senderType: 'bot', text: `reply ${seq}` });
const visitor = (seq: number) => messageFixture({ seq, senderType: 'visitor', text: `asked ${seq}` });

function setUp(store = new MemoryStore()) {
  const player = new FakePlayer();
  const fetched: number[] = [];
  const speech = new SpeechPlaybackController({
    store,
    key: 'zhida:shop:sound',
    api: {
      fetchSpeech: async (_s, seq) => {
        fetched.push(seq);
        return new Blob([`wav ${seq}`], { type: 'audio/wav' });
      },
    },
    session: async () => ({ conversationId: 'c-1', visitorToken: 'vt' }),
    player,
  });
  return { speech, player, fetched, store };
}

describe('🔊 reading replies aloud', () => {
  it('is off by default, and once on plays each new bot reply — never the history the conversation loaded with', async () => {
    const { speech, player, fetched } = setUp();
    const history: Message[] = [bot(1), visitor(2), bot(3)];
    speech.conversationChanged(true, history);
    speech.conversationChanged(true, [...history, visitor(4), bot(5)]);
    await settle();
    expect(fetched).toEqual([]);
    speech.toggle();
    speech.conversationChanged(true, [...history, visitor(4), bot(5), visitor(6), bot(7)]);
    await settle();
    expect(fetched).toEqual([7]);
    expect(player.log.at(-1)).toBe('play wav 7');
  });

  it('plays a turn’s replies one after another; a newer reply stops the old one', async () => {
    const { speech, player, fetched } = setUp();
    speech.toggle();
    speech.conversationChanged(true, [bot(1)]);
    speech.conversationChanged(true, [bot(1), visitor(2), bot(3), bot(4)]);
    await settle();
    expect(player.log.filter((l) => l.startsWith('play'))).toEqual(['play wav 3']);
    player.finish();
    await settle();
    await settle();
    expect(player.log.filter((l) => l.startsWith('play'))).toEqual(['play wav 3', 'play wav 4']);
    speech.conversationChanged(true, [bot(1), visitor(2), bot(3), bot(4), visitor(5), bot(6)]);
    await settle();
    expect(player.log.slice(-2)).toEqual(['stop', 'play wav 6']);
    expect(fetched).toEqual([3, 4, 6]);
  });

  it('switching off stops what is playing; the choice is remembered by the browser', async () => {
    const store = new MemoryStore();
    const { speech, player } = setUp(store);
    speech.toggle();
    speech.conversationChanged(true, [bot(1)]);
    speech.conversationChanged(true, [bot(1), bot(2)]);
    await settle();
    speech.toggle();
    expect(player.log.at(-1)).toBe('stop');
    expect(store.getItem('zhida:shop:sound')).toBe('off');
    speech.toggle();
    expect(setUp(store).speech.enabled).toBe(true);
  });
});

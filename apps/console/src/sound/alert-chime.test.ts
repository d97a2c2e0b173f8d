import { describe, expect, it, vi } from 'vitest';
import { AlertChime, CHIME_NOTES, type ChimeAudioContext } from './alert-chime.js';

/** Records the notes scheduled, like an AudioContext that is unlocked once resumed. */
function fakeAudio() {
  const notes: number[] = [];
  const param = () => ({ setValueAtTime: vi.fn(), linearRampToValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() });
  const context = {
    state: 'suspended' as AudioContextState,
    currentTime: 0,
    destination: {},
    resume: vi.fn(async () => {
      context.state = 'running';
    }),
    createGain: () => ({ gain: param(), connect: (next: unknown) => next }),
    createOscillator: () => {
      const frequency = { ...param(), setValueAtTime: (hz: number) => notes.push(hz) };
      return { type: 'sine', frequency, connect: (next: unknown) => next, start: vi.fn(), stop: vi.fn() };
    },
  };
  return { context: context as unknown as ChimeAudioContext & { state: AudioContextState }, notes };
}

describe('the high-risk alert chime', () => {
  it('stays silent until the user has interacted with the page', () => {
    const audio = fakeAudio();
    const chime = new AlertChime(() => audio.context);
    chime.arm(new EventTarget());
    expect(chime.play()).toBe(false);
    expect(audio.notes).toEqual([]);
  });

  it('plays two notes once a click has unlocked audio', async () => {
    const audio = fakeAudio();
    const page = new EventTarget();
    const chime = new AlertChime(() => audio.context);
    chime.arm(page);
    page.dispatchEvent(new Event('pointerdown'));
    await Promise.resolve();
    expect(chime.play()).toBe(true);
    expect(audio.notes).toEqual([880, 660]);
  });

  it("rings an agent's offer with the same two notes rising, so it is not taken for a supervisor's alert", async () => {
    const audio = fakeAudio();
    const page = new EventTarget();
    const chime = new AlertChime(() => audio.context, CHIME_NOTES.offer);
    chime.arm(page);
    page.dispatchEvent(new Event('keydown'));
    await Promise.resolve();
    expect(chime.play()).toBe(true);
    expect(audio.notes).toEqual([660, 880]);
  });

  it('does not queue a sound for later when audio is still locked', () => {
    const audio = fakeAudio();
    audio.context.resume = vi.fn(() => new Promise<void>(() => undefined));
    const page = new EventTarget();
    const chime = new AlertChime(() => audio.context);
    chime.arm(page);
    page.dispatchEvent(new Event('keydown'));
    expect(chime.play()).toBe(false);
    expect(audio.notes).toEqual([]);
  });

  it('never throws where there is no audio at all', () => {
    const page = new EventTarget();
    const chime = new AlertChime(() => {
      throw new Error('no audio device');
    });
    chime.arm(page);
    expect(() => page.dispatchEvent(new Event('pointerdown'))).not.toThrow();
    expect(new AlertChime(null).play()).toBe(false);
    expect(chime.play()).toBe(false);
  });
});

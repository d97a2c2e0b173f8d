import { describe, expect, it } from 'vitest';
import { espeakSpeech } from './test-support/espeak-speech.js';
import { voiceArousal } from './voice-arousal.js';
import { voiceFeatures } from './voice-features.js';

const RATE = 16000;

/** A vowel-like tone train: `syllables` bursts per second at `f0`, harmonics included so autocorrelation sees a voice. */
function syllables(f0: number, perSecond: number, seconds: number, amplitude: number): Int16Array {
  const out = new Int16Array(RATE * seconds);
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    const phase = (t * perSecond) % 1;
    const gate = phase < 0.6 ? Math.sin((Math.PI * phase) / 0.6) : 0;
    const wave = Math.sin(2 * Math.PI * f0 * t) + 0.5 * Math.sin(4 * Math.PI * f0 * t) + 0.25 * Math.sin(6 * Math.PI * f0 * t);
    out[i] = Math.round(amplitude * gate * wave);
  }
  return out;
}

describe('voice features (a heuristic, tested on synthetic audio)', () => {
  it('measures the pitch of a tone train by autocorrelation', () => {
    expect(voiceFeatures(syllables(150, 4, 2, 6000), RATE).pitchHz).toBeGreaterThan(140);
    expect(voiceFeatures(syllables(150, 4, 2, 6000), RATE).pitchHz).toBeLessThan(160);
    expect(voiceFeatures(syllables(300, 4, 2, 6000), RATE).pitchHz).toBeGreaterThan(285);
  });

  it('counts syllable nuclei per second', () => {
    const slow = voiceFeatures(syllables(180, 3, 3, 6000), RATE).syllablesPerSecond;
    const fast = voiceFeatures(syllables(180, 7, 3, 6000), RATE).syllablesPerSecond;
    expect(fast).toBeGreaterThan(slow * 1.6);
  });

  it('scores high pitch, loud and fast speech as aroused, and calm speech near 0.5', () => {
    const calm = voiceArousal(voiceFeatures(syllables(160, 4, 2, 2500), RATE));
    const agitated = voiceArousal(voiceFeatures(syllables(320, 7, 2, 16000), RATE));
    expect(calm).toBeLessThan(0.6);
    expect(agitated).toBeGreaterThan(0.85);
  });

  it('hears espeak-ng Mandarin spoken higher and faster as more aroused', async () => {
    const calm = voiceArousal(voiceFeatures(await espeakSpeech('我的快递到哪里了', { pitch: 30, wordsPerMinute: 140 }), RATE));
    const agitated = voiceArousal(voiceFeatures(await espeakSpeech('我的快递到哪里了', { pitch: 90, wordsPerMinute: 320 }), RATE));
    expect(agitated).toBeGreaterThan(calm + 0.15);
  });
});

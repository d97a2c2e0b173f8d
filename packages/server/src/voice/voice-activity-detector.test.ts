import { describe, expect, it } from 'vitest';
import { VoiceActivityDetector } from './voice-activity-detector.js';

const RATE = 16000;
const tone = (ms: number, amplitude = 8000) => Int16Array.from({ length: (RATE * ms) / 1000 }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * 200 * i) / RATE)));
const silence = (ms: number) => new Int16Array((RATE * ms) / 1000);

describe('voice-activity detection', () => {
  it('cuts one utterance: starts after the onset, keeps the lead-in, ends after the hangover', () => {
    const vad = new VoiceActivityDetector({ sampleRate: RATE, hangoverMs: 400, preRollMs: 100 });
    const events = [...vad.push(silence(300)), ...vad.push(tone(600)), ...vad.push(silence(600))];
    const start = events.find((e) => e.type === 'speech_start');
    expect(start && start.type === 'speech_start' && start.audio.length).toBeGreaterThanOrEqual((RATE * 100) / 1000);
    const end = events.find((e) => e.type === 'speech_end');
    expect(end && end.type === 'speech_end' && end.durationMs).toBeGreaterThanOrEqual(1000);
    expect(events.filter((e) => e.type === 'speech_end')).toHaveLength(1);
  });

  it('keeps a short pause inside the utterance (shorter than the hangover)', () => {
    const vad = new VoiceActivityDetector({ sampleRate: RATE, hangoverMs: 500 });
    const events = [...vad.push(tone(300)), ...vad.push(silence(200)), ...vad.push(tone(300)), ...vad.push(silence(700))];
    expect(events.filter((e) => e.type === 'speech_start')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'speech_end')).toHaveLength(1);
  });

  it('ignores a click shorter than the onset and quiet line noise', () => {
    const vad = new VoiceActivityDetector({ sampleRate: RATE });
    const events = [...vad.push(tone(40)), ...vad.push(silence(200)), ...vad.push(tone(1000, 200))];
    expect(events).toEqual([]);
    expect(vad.speaking).toBe(false);
  });

  it('takes audio in any chunk size', () => {
    const vad = new VoiceActivityDetector({ sampleRate: RATE, hangoverMs: 200 });
    const audio = Int16Array.from([...tone(500), ...silence(400)]);
    const events = [];
    for (let at = 0; at < audio.length; at += 137) events.push(...vad.push(audio.subarray(at, at + 137)));
    expect(events.map((e) => e.type).filter((t) => t !== 'speech')).toEqual(['speech_start', 'speech_end']);
  });

  it('cuts a caller who never pauses at the longest utterance', () => {
    const vad = new VoiceActivityDetector({ sampleRate: RATE, maxUtteranceMs: 1000 });
    const events = vad.push(tone(2500));
    expect(events.filter((e) => e.type === 'speech_end').length).toBeGreaterThanOrEqual(2);
  });
});

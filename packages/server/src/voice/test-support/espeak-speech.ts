import { EspeakSynthesizer } from '../espeak-synthesizer.js';

/** Mandarin speech made with espeak-ng for tests and the benchmark (16 kHz PCM16); `-s` words per minute, `-p` pitch 0–99. */
export async function espeakSpeech(text: string, options: { wordsPerMinute?: number; pitch?: number } = {}): Promise<Int16Array> {
  const parts: Int16Array[] = [];
  for await (const chunk of new EspeakSynthesizer(options).synthesize(text)) parts.push(chunk);
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

import { pcm16FromBytes } from '../wav-file.js';

/**
 * What the fake speech providers use instead of real recognition (test support): a test registers audio clips with
 * their text, and the fake answers with the text of the registered clip whose loudness envelope is closest to what it
 * received (nothing when none is close). For a partial, the share of the closest clip's text the audio so far covers.
 */
export class ClipMatcher {
  private readonly clips: { envelope: number[]; frames: number; text: string }[] = [];

  /** "Teaches" the matcher a clip of 16 kHz PCM16 and what it says. */
  register(samples: Int16Array, text: string): void {
    const { envelope, frames } = shape(samples);
    this.clips.push({ envelope, frames, text });
  }

  /** The text of the registered clip these PCM16 bytes sound like ('' when none). */
  match(bytes: Uint8Array, partial: boolean): string {
    const { envelope, frames } = shape(pcm16FromBytes(bytes));
    let best: { score: number; clip: { text: string } } | null = null;
    for (const clip of this.clips) {
      if (partial) {
        if (frames >= 5 && frames <= clip.frames * 1.3) {
          const chars = Math.max(1, Math.floor((clip.text.length * frames) / clip.frames));
          if (!best) best = { score: 0, clip: { ...clip, text: clip.text.slice(0, chars) } };
        }
        continue;
      }
      const ratio = frames / clip.frames;
      if (ratio < 0.7 || ratio > 1.45) continue;
      const score = correlation(envelope, clip.envelope);
      if (score > 0.6 && (!best || score > best.score)) best = { score, clip };
    }
    return best?.clip.text ?? '';
  }
}

/** The loudness envelope of the voiced stretch (20 ms frames, dB), averaged into 40 points, and its length in frames. */
function shape(samples: Int16Array): { envelope: number[]; frames: number } {
  const frame = 320;
  const db: number[] = [];
  for (let at = 0; at + frame <= samples.length; at += frame) {
    let sum = 0;
    for (let i = at; i < at + frame; i++) sum += samples[i]! ** 2;
    db.push(10 * Math.log10(sum / frame + 1));
  }
  const peak = Math.max(0, ...db);
  let from = db.findIndex((d) => d > peak - 30);
  let to = db.length - 1 - [...db].reverse().findIndex((d) => d > peak - 30);
  if (from < 0) {
    from = 0;
    to = -1;
  }
  const voiced = db.slice(from, to + 1);
  // Each point is the mean of its stretch, not one frame picked from it: a single 20 ms frame swings by tens of dB
  // with where the frame grid happens to fall on the audio (the bytes sent before it), a stretch's mean does not.
  const envelope = Array.from({ length: 40 }, (_, i) => {
    const bin = voiced.slice(Math.floor((i * voiced.length) / 40), Math.max(Math.floor(((i + 1) * voiced.length) / 40), Math.floor((i * voiced.length) / 40) + 1));
    return bin.length ? bin.reduce((sum, d) => sum + d, 0) / bin.length : 0;
  });
  return { envelope, frames: voiced.length };
}

function correlation(a: number[], b: number[]): number {
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db || 1);
}

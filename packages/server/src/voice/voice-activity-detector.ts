/** What the detector saw in the audio pushed to it, in order. */
export type VoiceActivityEvent =
  /** Speech began; `audio` is the utterance so far, including the quiet lead-in kept so the first syllable is not clipped. */
  | { type: 'speech_start'; audio: Int16Array }
  /** More audio of the utterance. */
  | { type: 'speech'; audio: Int16Array }
  /** The speaker has been quiet for the hangover time: the utterance is over. */
  | { type: 'speech_end'; durationMs: number };

export interface VoiceActivityOptions {
  sampleRate: number;
  /** A 20 ms frame louder than this (dBFS) counts as voiced. */
  thresholdDb?: number;
  /** Voiced frames in a row that start an utterance (debounces clicks and line noise). */
  onsetFrames?: number;
  /** Quiet time after which an utterance ends: the pauses inside a sentence are shorter. */
  hangoverMs?: number;
  /** Quiet audio kept before the onset. */
  preRollMs?: number;
  /** An utterance is cut here even if the caller never pauses. */
  maxUtteranceMs?: number;
}

const FRAME_MS = 20;

/**
 * Energy-based voice-activity detection with onset debouncing and a hangover: the phone stream's way of cutting the
 * caller's speech into utterances for the recogniser, and of noticing a barge-in while our audio plays.
 *
 * @example
 * const vad = new VoiceActivityDetector({ sampleRate: 16000 });
 * for (const event of vad.push(frame)) if (event.type === 'speech_end') finishUtterance();
 */
export class VoiceActivityDetector {
  private readonly frameSize: number;
  private readonly threshold: number;
  private readonly onsetFrames: number;
  private readonly hangoverFrames: number;
  private readonly preRollFrames: number;
  private readonly maxFrames: number;
  private pending = new Int16Array(0);
  private recent: Int16Array[] = [];
  private voicedRun = 0;
  private quietRun = 0;
  private utteranceFrames = 0;
  private inSpeech = false;

  constructor(options: VoiceActivityOptions) {
    this.frameSize = Math.round((options.sampleRate * FRAME_MS) / 1000);
    this.threshold = 32768 * 10 ** ((options.thresholdDb ?? -38) / 20);
    this.onsetFrames = options.onsetFrames ?? 3;
    this.hangoverFrames = Math.ceil((options.hangoverMs ?? 500) / FRAME_MS);
    this.preRollFrames = Math.ceil((options.preRollMs ?? 200) / FRAME_MS);
    this.maxFrames = Math.ceil((options.maxUtteranceMs ?? 15_000) / FRAME_MS);
  }

  get speaking(): boolean {
    return this.inSpeech;
  }

  push(samples: Int16Array): VoiceActivityEvent[] {
    const events: VoiceActivityEvent[] = [];
    const all = new Int16Array(this.pending.length + samples.length);
    all.set(this.pending);
    all.set(samples, this.pending.length);
    let at = 0;
    for (; at + this.frameSize <= all.length; at += this.frameSize) this.frame(all.slice(at, at + this.frameSize), events);
    this.pending = all.slice(at);
    return events;
  }

  /** Ends an utterance in progress (the call stopped). */
  flush(): VoiceActivityEvent[] {
    if (!this.inSpeech) return [];
    const events: VoiceActivityEvent[] = [];
    this.end(events);
    return events;
  }

  private frame(frame: Int16Array, events: VoiceActivityEvent[]): void {
    const voiced = rms(frame) >= this.threshold;
    if (!this.inSpeech) {
      this.recent.push(frame);
      if (this.recent.length > this.preRollFrames + this.onsetFrames) this.recent.shift();
      this.voicedRun = voiced ? this.voicedRun + 1 : 0;
      if (this.voicedRun >= this.onsetFrames) {
        this.inSpeech = true;
        this.quietRun = 0;
        this.utteranceFrames = this.recent.length;
        events.push({ type: 'speech_start', audio: concat(this.recent) });
        this.recent = [];
      }
      return;
    }
    this.utteranceFrames++;
    events.push({ type: 'speech', audio: frame });
    this.quietRun = voiced ? 0 : this.quietRun + 1;
    if (this.quietRun >= this.hangoverFrames || this.utteranceFrames >= this.maxFrames) this.end(events);
  }

  private end(events: VoiceActivityEvent[]): void {
    events.push({ type: 'speech_end', durationMs: this.utteranceFrames * FRAME_MS });
    this.inSpeech = false;
    this.voicedRun = 0;
    this.quietRun = 0;
    this.utteranceFrames = 0;
  }
}

function rms(frame: Int16Array): number {
  let sum = 0;
  for (const s of frame) sum += s * s;
  return Math.sqrt(sum / frame.length);
}

function concat(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

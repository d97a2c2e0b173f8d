import { spawn } from 'node:child_process';
import type { SpeechSynthesizer } from './speech-synthesizer.js';
import { VOICE_SAMPLE_RATE } from './speech-synthesizer.js';
import { resamplePcm16 } from './resample-pcm16.js';
import { SpeechProviderError } from './voice-errors.js';

const ESPEAK_RATE = 22_050;
const WAV_HEADER = 44;
/** A reply longer than this is cut: the phone is no place for an essay, and espeak-ng's time grows with it. */
const MAX_CHARS = 600;

/**
 * The local TTS default: espeak-ng's Mandarin voice (`cmn`), no cloud account needed. The process is spawned without
 * a shell and the text goes in on stdin, so nothing in a reply can become a command or an option. Robotic, but
 * intelligible; a tenant that wants natural speech configures a cloud synthesiser.
 */
export class EspeakSynthesizer implements SpeechSynthesizer {
  readonly provider = 'espeak';

  constructor(
    private readonly options: { binary?: string; voice?: string; wordsPerMinute?: number; pitch?: number } = {},
  ) {}

  async *synthesize(text: string, options: { signal?: AbortSignal } = {}): AsyncIterable<Int16Array> {
    const args = ['-v', this.options.voice ?? 'cmn', '-s', String(this.options.wordsPerMinute ?? 175), '-p', String(this.options.pitch ?? 50), '--stdout', '--stdin'];
    const child = spawn(this.options.binary ?? 'espeak-ng', args, { stdio: ['pipe', 'pipe', 'ignore'], signal: options.signal });
    const failed = new Promise<never>((_, reject) => child.once('error', (err) => reject(new SpeechProviderError(`espeak-ng could not run: ${err.message}`))));
    failed.catch(() => undefined);
    child.stdin.on('error', () => undefined);
    child.stdin.end(text.slice(0, MAX_CHARS));
    let header = Buffer.alloc(0);
    let odd: Buffer = Buffer.alloc(0);
    try {
      for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
        let bytes: Buffer = chunk;
        if (header.length < WAV_HEADER) {
          const need = WAV_HEADER - header.length;
          header = Buffer.concat([header, bytes.subarray(0, need)]);
          bytes = bytes.subarray(need);
        }
        bytes = Buffer.concat([odd, bytes]);
        const even = bytes.length - (bytes.length % 2);
        odd = bytes.subarray(even);
        if (even === 0) continue;
        const samples = new Int16Array(even / 2);
        for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
        yield resamplePcm16(samples, ESPEAK_RATE, VOICE_SAMPLE_RATE);
      }
      const code: number | null = child.exitCode ?? (await Promise.race([new Promise<number | null>((resolve) => child.once('close', resolve)), failed]));
      if (code !== 0 && !options.signal?.aborted) throw new SpeechProviderError(`espeak-ng exited with ${code}`);
    } finally {
      if (child.exitCode === null) child.kill();
    }
  }
}

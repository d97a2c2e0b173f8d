import type { SpeechSynthesizer } from '../speech-synthesizer.js';
import { VOICE_SAMPLE_RATE } from '../speech-synthesizer.js';
import { SpeechProviderError } from '../voice-errors.js';
import type { AliyunNlsToken } from './aliyun-nls-token.js';

/**
 * 阿里云智能语音交互 语音合成 through the NLS RESTful streaming endpoint (`POST /stream/v1/tts`, JSON body with
 * appkey, token, text, format, sample_rate, voice). The response is the audio itself, streamed, or a JSON error;
 * PCM at 16 kHz is asked for so the chunks go straight to the caller.
 */
export class AliyunNlsSynthesizer implements SpeechSynthesizer {
  readonly provider = 'aliyun';

  constructor(
    private readonly config: { appKey: string; ttsUrl: string; voice: string },
    private readonly token: AliyunNlsToken,
  ) {}

  async *synthesize(text: string, options: { signal?: AbortSignal } = {}): AsyncIterable<Int16Array> {
    const token = await this.token.get();
    let res: Response;
    try {
      res = await fetch(this.config.ttsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ appkey: this.config.appKey, token, text: text.slice(0, 300), format: 'pcm', sample_rate: VOICE_SAMPLE_RATE, voice: this.config.voice }),
        signal: options.signal ?? AbortSignal.timeout(20_000),
      });
    } catch (err) {
      throw new SpeechProviderError(`Aliyun TTS could not be reached: ${(err as Error).message}`);
    }
    if (!res.ok || !res.body || !(res.headers.get('content-type') ?? '').startsWith('audio/')) {
      throw new SpeechProviderError(`Aliyun TTS refused (${res.status}): ${(await res.text().catch(() => '')).slice(0, 200)}`);
    }
    let odd = Buffer.alloc(0);
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      const bytes = Buffer.concat([odd, Buffer.from(chunk)]);
      const even = bytes.length - (bytes.length % 2);
      odd = bytes.subarray(even);
      if (even === 0) continue;
      const samples = new Int16Array(even / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
      yield samples;
    }
  }
}

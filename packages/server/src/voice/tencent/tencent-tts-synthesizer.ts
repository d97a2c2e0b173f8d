import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SpeechSynthesizer } from '../speech-synthesizer.js';
import { VOICE_SAMPLE_RATE } from '../speech-synthesizer.js';
import { SpeechProviderError } from '../voice-errors.js';
import { pcm16FromBytes } from '../wav-file.js';
import { tc3Authorization } from './tc3-signature.js';

const ttsResponse = z.object({
  Response: z.object({
    Audio: z.string().optional(),
    Error: z.object({ Code: z.string(), Message: z.string() }).optional(),
    RequestId: z.string().optional(),
  }),
});

/** TextToVoice takes at most 150 characters (a full-width punctuation mark counts as one). */
const MAX_CHARS = 150;
const CONTENT_TYPE = 'application/json; charset=utf-8';

export interface TencentTtsConfig {
  secretId: string;
  secretKey: string;
  /** `https://tts.tencentcloudapi.com/`. */
  ttsUrl: string;
  /** The voice (音色) id, e.g. 101001. */
  voiceType: number;
}

/**
 * Tencent Cloud 语音合成 through API 3.0 `TextToVoice` (version 2019-08-23), signed TC3-HMAC-SHA256. The answer is
 * JSON with the whole clip Base64-encoded, so a long reply is cut at sentence ends into requests of at most 150
 * characters, spoken one after the other: the caller hears the first sentence while the next is synthesised.
 */
export class TencentTtsSynthesizer implements SpeechSynthesizer {
  readonly provider = 'tencent';

  constructor(
    private readonly config: TencentTtsConfig,
    private readonly now: () => number = Date.now,
  ) {}

  async *synthesize(text: string, options: { signal?: AbortSignal } = {}): AsyncIterable<Int16Array> {
    for (const piece of sentencesOf(text)) {
      yield pcm16FromBytes(await this.voice(piece, options.signal));
    }
  }

  private async voice(text: string, signal: AbortSignal | undefined): Promise<Buffer> {
    const url = new URL(this.config.ttsUrl);
    const payload = JSON.stringify({ Text: text, SessionId: randomUUID(), VoiceType: this.config.voiceType, Codec: 'pcm', SampleRate: VOICE_SAMPLE_RATE, ModelType: 1 });
    const timestamp = Math.floor(this.now() / 1000);
    const { authorization } = tc3Authorization({ ...this.config, service: 'tts', host: url.host, contentType: CONTENT_TYPE, payload, timestamp });
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { authorization, 'content-type': CONTENT_TYPE, 'x-tc-action': 'TextToVoice', 'x-tc-version': '2019-08-23', 'x-tc-timestamp': String(timestamp) },
        body: payload,
        signal: signal ?? AbortSignal.timeout(20_000),
      });
    } catch (err) {
      throw new SpeechProviderError(`Tencent TTS could not be reached: ${(err as Error).message}`);
    }
    const body: unknown = await res.json().catch(() => null);
    const parsed = ttsResponse.safeParse(body);
    if (!res.ok || !parsed.success) throw new SpeechProviderError(`Tencent TTS answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
    const { Audio, Error: error } = parsed.data.Response;
    if (error || !Audio) throw new SpeechProviderError(`Tencent TTS refused: ${error?.Code ?? 'no audio'} ${error?.Message ?? ''}`);
    return Buffer.from(Audio, 'base64');
  }
}

/** The text cut after sentence ends into pieces of at most 150 characters (a longer sentence is cut hard). */
export function sentencesOf(text: string, max = MAX_CHARS): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const sentence of text.trim().match(/[^。！？!?；;\n]+[。！？!?；;\n]*/g) ?? []) {
    for (let at = 0; at < sentence.length; at += max) {
      const part = sentence.slice(at, at + max);
      if ((current + part).length > max) {
        if (current.trim()) pieces.push(current.trim());
        current = '';
      }
      current += part;
    }
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces;
}

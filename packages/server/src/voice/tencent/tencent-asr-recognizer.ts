import { randomInt, randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { z } from 'zod';
import { PacedSocketUtterance } from '../paced-socket-utterance.js';
import type { RecognitionOptions, RecognitionStream, SpeechRecognizer } from '../speech-recognizer.js';
import { tencentAsrSignature } from './tencent-asr-signature.js';

const asrMessage = z.object({
  code: z.number(),
  message: z.string().optional(),
  final: z.number().optional(),
  result: z.object({ slice_type: z.number(), index: z.number(), voice_text_str: z.string() }).optional(),
});

export interface TencentAsrConfig {
  appId: string;
  secretId: string;
  secretKey: string;
  /** `wss://asr.cloud.tencent.com/asr/v2`; the app id is appended as the last path segment. */
  asrUrl: string;
  /** 16k_zh: Mandarin, 16 kHz. */
  engine: string;
}

/**
 * Tencent Cloud 实时语音识别 over its WebSocket protocol: the URL carries the parameters and their HMAC-SHA1
 * signature; the service answers `{code: 0}` once the handshake is accepted, then binary PCM goes up in 40 ms frames
 * and `{"type":"end"}` closes the utterance. Results carry `slice_type` 0 (a sentence began), 1 (it is changing) and
 * 2 (it is stable) per sentence `index`; `final: 1` ends the stream, any non-zero `code` is a failure.
 */
export class TencentAsrRecognizer implements SpeechRecognizer {
  readonly provider = 'tencent';

  constructor(
    private readonly config: TencentAsrConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** The signed URL for one utterance. */
  signedUrl(voiceId: string): string {
    const base = new URL(`${this.config.asrUrl.replace(/\/$/, '')}/${encodeURIComponent(this.config.appId)}`);
    const timestamp = Math.floor(this.now() / 1000);
    const params: Record<string, string> = {
      engine_model_type: this.config.engine,
      expired: String(timestamp + 3600),
      needvad: '0',
      nonce: String(randomInt(1, 2 ** 31 - 1)),
      secretid: this.config.secretId,
      timestamp: String(timestamp),
      voice_format: '1',
      voice_id: voiceId,
    };
    params.signature = tencentAsrSignature(`${base.host}${base.pathname}`, params, this.config.secretKey);
    base.search = new URLSearchParams(params).toString();
    return base.toString();
  }

  async start(options: RecognitionOptions = {}): Promise<RecognitionStream> {
    const socket = new WebSocket(this.signedUrl(randomUUID()), { handshakeTimeout: 10_000 });
    const sentences = new Map<number, string>();
    const transcript = () => [...sentences.entries()].sort(([a], [b]) => a - b).map(([, text]) => text).join('');
    const utterance = new PacedSocketUtterance(socket, 'Tencent', (frame, last) => {
      if (frame.length > 0) socket.send(frame);
      if (last) socket.send(JSON.stringify({ type: 'end' }));
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let parsed: z.infer<typeof asrMessage>;
      try {
        parsed = asrMessage.parse(JSON.parse(String(data)));
      } catch {
        utterance.fail('unreadable message from the service');
        return;
      }
      if (parsed.code !== 0) {
        utterance.fail(`${parsed.code} ${parsed.message ?? ''}`);
        return;
      }
      if (parsed.result) {
        sentences.set(parsed.result.index, parsed.result.voice_text_str);
        options.onPartial?.(transcript());
      }
      if (parsed.final === 1) {
        utterance.succeed(transcript());
        return;
      }
      // The first code-0 message is the handshake's acceptance: audio may flow.
      if (!parsed.result) utterance.pacer.resume();
    });
    return utterance.stream();
  }
}

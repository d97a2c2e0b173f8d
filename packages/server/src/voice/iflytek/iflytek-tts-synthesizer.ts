import WebSocket from 'ws';
import { z } from 'zod';
import type { SpeechSynthesizer } from '../speech-synthesizer.js';
import { SpeechProviderError } from '../voice-errors.js';
import { pcm16FromBytes } from '../wav-file.js';
import { iflytekAuthUrl } from './iflytek-auth-url.js';

const ttsMessage = z.object({
  code: z.number(),
  message: z.string().optional(),
  data: z.object({ audio: z.string().optional(), status: z.number() }).optional(),
});

/** The service takes at most 8000 bytes of Base64 text: 2000 characters of Chinese stay well below. */
const MAX_CHARS = 2000;

export interface IflytekTtsConfig {
  appId: string;
  apiKey: string;
  apiSecret: string;
  /** `wss://tts-api.xfyun.cn/v2/tts`. */
  ttsUrl: string;
  /** The speaker (`vcn`), e.g. xiaoyan. */
  voice: string;
}

/**
 * iFlytek 在线语音合成（流式版）WebAPI: the same signed handshake as dictation, one JSON frame with the text
 * (Base64, `status` 2) and raw 16 kHz PCM asked for (`aue: raw`); audio comes back in frames with `data.status` 1 and
 * ends with 2, so chunks are played as they arrive.
 */
export class IflytekTtsSynthesizer implements SpeechSynthesizer {
  readonly provider = 'iflytek';

  constructor(
    private readonly config: IflytekTtsConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async *synthesize(text: string, options: { signal?: AbortSignal } = {}): AsyncIterable<Int16Array> {
    const socket = new WebSocket(iflytekAuthUrl(this.config.ttsUrl, this.config, this.now()), { handshakeTimeout: 10_000 });
    const chunks: Int16Array[] = [];
    let done = false;
    let failure: Error | null = null;
    let wake: (() => void) | null = null;
    const notify = () => {
      wake?.();
      wake = null;
    };
    const fail = (message: string) => {
      if (done) return;
      failure = new SpeechProviderError(`iFlytek TTS failed: ${message}`);
      done = true;
      socket.terminate();
      notify();
    };
    const abort = () => fail('aborted');
    options.signal?.addEventListener('abort', abort, { once: true });
    socket.on('open', () =>
      socket.send(
        JSON.stringify({
          common: { app_id: this.config.appId },
          business: { aue: 'raw', auf: 'audio/L16;rate=16000', vcn: this.config.voice, tte: 'UTF8' },
          data: { status: 2, text: Buffer.from(text.slice(0, MAX_CHARS), 'utf8').toString('base64') },
        }),
      ),
    );
    socket.on('message', (data) => {
      const parsed = ttsMessage.safeParse(safeJson(String(data)));
      if (!parsed.success) return fail('unreadable message from the service');
      if (parsed.data.code !== 0) return fail(`${parsed.data.code} ${parsed.data.message ?? ''}`);
      if (parsed.data.data?.audio) chunks.push(pcm16FromBytes(Buffer.from(parsed.data.data.audio, 'base64')));
      if (parsed.data.data?.status === 2) {
        done = true;
        socket.close(1000);
      }
      notify();
    });
    socket.on('unexpected-response', (_req, res) => fail(`handshake refused with HTTP ${res.statusCode}`));
    socket.on('error', (err) => fail(err.message));
    socket.on('close', () => fail('the service closed the connection'));
    try {
      for (;;) {
        while (chunks.length > 0) yield chunks.shift()!;
        if (failure) throw failure;
        if (done) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      options.signal?.removeEventListener('abort', abort);
      if (!done) {
        done = true;
        socket.terminate();
      }
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

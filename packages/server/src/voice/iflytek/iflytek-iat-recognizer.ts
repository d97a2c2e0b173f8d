import WebSocket from 'ws';
import { z } from 'zod';
import { PacedSocketUtterance } from '../paced-socket-utterance.js';
import type { RecognitionOptions, RecognitionStream, SpeechRecognizer } from '../speech-recognizer.js';
import { iflytekAuthUrl } from './iflytek-auth-url.js';

const iatMessage = z.object({
  code: z.number(),
  message: z.string().optional(),
  data: z
    .object({
      status: z.number(),
      result: z
        .object({
          sn: z.number(),
          pgs: z.enum(['apd', 'rpl']).optional(),
          rg: z.tuple([z.number(), z.number()]).optional(),
          ws: z.array(z.object({ cw: z.array(z.object({ w: z.string() })) })),
        })
        .optional(),
    })
    .optional(),
});

export interface IflytekIatConfig {
  appId: string;
  apiKey: string;
  apiSecret: string;
  /** `wss://iat-api.xfyun.cn/v2/iat`. */
  iatUrl: string;
}

/**
 * iFlytek 语音听写（流式版）WebAPI: a signed handshake, then JSON frames with Base64 PCM and `status` 0 (first,
 * with the `common`/`business` parameters), 1 (more) and 2 (the end). Results arrive as words (`ws[].cw[].w`) numbered
 * by `sn`; with dynamic correction (`dwa: wpgs`) a result with `pgs: rpl` replaces the results `rg` [first, last]
 * — that is how partials are corrected. `data.status` 2 is the last result.
 */
export class IflytekIatRecognizer implements SpeechRecognizer {
  readonly provider = 'iflytek';

  constructor(
    private readonly config: IflytekIatConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(options: RecognitionOptions = {}): Promise<RecognitionStream> {
    const socket = new WebSocket(iflytekAuthUrl(this.config.iatUrl, this.config, this.now()), { handshakeTimeout: 10_000 });
    const results = new Map<number, string>();
    const transcript = () => [...results.entries()].sort(([a], [b]) => a - b).map(([, text]) => text).join('');
    let first = true;
    const utterance = new PacedSocketUtterance(socket, 'iFlytek', (frame, last) => {
      const data = { status: first ? 0 : last ? 2 : 1, format: 'audio/L16;rate=16000', encoding: 'raw', audio: frame.toString('base64') };
      if (first) {
        socket.send(JSON.stringify({ common: { app_id: this.config.appId }, business: { language: 'zh_cn', domain: 'iat', accent: 'mandarin', dwa: 'wpgs', ptt: 1 }, data }));
        first = false;
        // A one-frame utterance still needs its end frame.
        if (last) socket.send(JSON.stringify({ data: { ...data, status: 2, audio: '' } }));
      } else socket.send(JSON.stringify({ data }));
    });
    socket.on('open', () => utterance.pacer.resume());
    socket.on('message', (data) => {
      let parsed: z.infer<typeof iatMessage>;
      try {
        parsed = iatMessage.parse(JSON.parse(String(data)));
      } catch {
        utterance.fail('unreadable message from the service');
        return;
      }
      if (parsed.code !== 0) {
        utterance.fail(`${parsed.code} ${parsed.message ?? ''}`);
        return;
      }
      const result = parsed.data?.result;
      if (result) {
        if (result.pgs === 'rpl' && result.rg) for (let sn = result.rg[0]; sn <= result.rg[1]; sn++) results.delete(sn);
        results.set(result.sn, result.ws.map((w) => w.cw[0]?.w ?? '').join(''));
        options.onPartial?.(transcript());
      }
      if (parsed.data?.status === 2) utterance.succeed(transcript());
    });
    return utterance.stream();
  }
}

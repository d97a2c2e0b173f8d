import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { tc3Authorization } from '../tencent/tc3-signature.js';
import { tencentAsrSignature } from '../tencent/tencent-asr-signature.js';
import { pcm16ToBytes } from '../wav-file.js';
import { ClipMatcher } from './clip-matcher.js';
import { placeholderTone } from './placeholder-tone.js';

/**
 * A local stand-in for Tencent Cloud's speech services (test support, not product code) that speaks their published
 * protocols and checks credentials the way they do:
 * - 实时语音识别 `wss://…/asr/v2/<appid>?…&signature=…`: the HMAC-SHA1 URL signature, the timestamp window and
 *   `expired`; a refused handshake still upgrades and answers `{code: 4002, message: "鉴权失败"}`, as the service does.
 *   Partials come as `slice_type` 0 then 1, the final sentence as 2, then `final: 1`.
 * - 语音合成 API 3.0 `POST /` with `X-TC-Action: TextToVoice`: the TC3-HMAC-SHA256 Authorization is recomputed over the
 *   Host header and body as received; errors come back as HTTP 200 with `Response.Error`, like the API's.
 * Recognition matches registered clips (see `ClipMatcher`); TTS returns a placeholder tone.
 */
export class FakeTencentCloud {
  readonly recognitions: { text: string; samples: number; maxLeadMs: number }[] = [];
  readonly ttsRequests: { text: string; voiceType: number }[] = [];
  readonly refusals: string[] = [];
  private readonly clips = new ClipMatcher();
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  baseUrl = '';

  constructor(private readonly credentials: { appId: string; secretId: string; secretKey: string }) {}

  register(samples: Int16Array, text: string): void {
    this.clips.register(samples, text);
  }

  get endpoints() {
    return { asrUrl: `${this.baseUrl.replace(/^http/, 'ws')}/asr/v2`, ttsUrl: `${this.baseUrl}/` };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.textToVoice(req).then((body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Response: { ...body, RequestId: randomUUID() } }));
      });
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => this.wss!.handleUpgrade(req, socket, head, (ws) => this.recognise(ws, req)));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no address');
    this.baseUrl = `http://127.0.0.1:${addr.port}`;
  }

  async close(): Promise<void> {
    for (const ws of this.wss?.clients ?? []) ws.terminate();
    this.wss?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private refuse(reason: string): void {
    this.refusals.push(reason);
  }

  /** Why the handshake is refused, or null: the checks the real service makes on the URL. */
  private asrAuthProblem(req: IncomingMessage): string | null {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const params = Object.fromEntries(url.searchParams);
    const now = Math.floor(Date.now() / 1000);
    if (url.pathname !== `/asr/v2/${this.credentials.appId}`) return 'unknown appid';
    if (params.secretid !== this.credentials.secretId) return 'unknown secretid';
    if (!params.signature || tencentAsrSignature(`${req.headers.host}${url.pathname}`, params, this.credentials.secretKey) !== params.signature) return 'signature mismatch';
    if (Math.abs(Number(params.timestamp) - now) > 300 || !(Number(params.expired) > now)) return 'timestamp outside its window';
    if (params.engine_model_type !== '16k_zh' || params.voice_format !== '1' || !params.voice_id) return 'bad parameters';
    return null;
  }

  private recognise(ws: WebSocket, req: IncomingMessage): void {
    const voiceId = new URL(req.url ?? '/', this.baseUrl).searchParams.get('voice_id') ?? '';
    const reply = (body: Record<string, unknown>) => ws.send(JSON.stringify({ message: 'success', voice_id: voiceId, message_id: `${voiceId}_${randomUUID()}`, ...body }));
    const problem = this.asrAuthProblem(req);
    if (problem) {
      this.refuse(`asr: ${problem}`);
      reply({ code: 4002, message: '鉴权失败' });
      ws.close();
      return;
    }
    reply({ code: 0 });
    const audio: Buffer[] = [];
    const openedAt = Date.now();
    let bytes = 0;
    let lastPartialAt = 0;
    let maxLeadMs = 0;
    let sliceStarted = false;
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        const chunk = Buffer.from(data as Buffer);
        audio.push(chunk);
        bytes += chunk.length;
        // How far the client runs ahead of real time (the service wants about 1:1).
        maxLeadMs = Math.max(maxLeadMs, bytes / 32 - (Date.now() - openedAt));
        if (bytes - lastPartialAt >= 16_000) {
          lastPartialAt = bytes;
          const text = this.clips.match(Buffer.concat(audio), true);
          if (text) {
            reply({ code: 0, result: { slice_type: sliceStarted ? 1 : 0, index: 0, start_time: 0, end_time: Math.round(bytes / 32), voice_text_str: text, word_size: 0, word_list: [] } });
            sliceStarted = true;
          }
        }
        return;
      }
      let msg: { type?: string };
      try {
        msg = JSON.parse(String(data)) as { type?: string };
      } catch {
        reply({ code: 4001, message: '参数不合法' });
        return;
      }
      if (msg.type !== 'end') return;
      const all = Buffer.concat(audio);
      const text = this.clips.match(all, false);
      this.recognitions.push({ text, samples: all.length / 2, maxLeadMs });
      // A sentence that began is always closed with slice_type 2, even when its final text is empty.
      if (text || sliceStarted) reply({ code: 0, result: { slice_type: 2, index: 0, start_time: 0, end_time: Math.round(bytes / 32), voice_text_str: text, word_size: 0, word_list: [] } });
      reply({ code: 0, final: 1 });
    });
  }

  private async textToVoice(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const payload = Buffer.concat(chunks).toString('utf8');
    const error = (Code: string, Message: string) => {
      this.refuse(`tts: ${Code}`);
      return { Error: { Code, Message } };
    };
    const timestamp = Number(req.headers['x-tc-timestamp']);
    if (req.method !== 'POST' || req.headers['x-tc-action'] !== 'TextToVoice' || req.headers['x-tc-version'] !== '2019-08-23') return error('InvalidAction', 'The action or version is not TextToVoice 2019-08-23');
    if (!Number.isFinite(timestamp) || Math.abs(timestamp - Date.now() / 1000) > 300) return error('AuthFailure.SignatureExpire', 'Signature expired, the timestamp is off by more than five minutes');
    const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/tts\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization ?? ''));
    if (!auth) return error('AuthFailure.InvalidAuthorization', 'The Authorization header is malformed');
    if (auth[1] !== this.credentials.secretId) return error('AuthFailure.SecretIdNotFound', 'The SecretId is not found');
    const expected = tc3Authorization({ ...this.credentials, service: 'tts', host: String(req.headers.host), contentType: String(req.headers['content-type']), payload, timestamp });
    if (expected.signature !== auth[3] || new Date(timestamp * 1000).toISOString().slice(0, 10) !== auth[2]) return error('AuthFailure.SignatureFailure', 'The provided credentials could not be validated');
    const body = JSON.parse(payload || '{}') as { Text?: string; SessionId?: string; VoiceType?: number; Codec?: string; SampleRate?: number };
    if (!body.Text || !body.SessionId) return error('MissingParameter', 'Text and SessionId are required');
    if ([...body.Text].length > 150) return error('InvalidParameterValue.TextTooLong', 'The text is longer than 150 characters');
    if (body.Codec !== 'pcm' || body.SampleRate !== 16000) return error('InvalidParameterValue', 'Codec pcm at 16000 Hz expected by this fake');
    this.ttsRequests.push({ text: body.Text, voiceType: body.VoiceType ?? 0 });
    return { Audio: pcm16ToBytes(placeholderTone(body.Text)).toString('base64'), SessionId: body.SessionId, Subtitles: [] };
  }
}

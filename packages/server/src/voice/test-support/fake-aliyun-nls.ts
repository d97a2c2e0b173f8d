import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { popSignature } from '../aliyun/aliyun-pop-signature.js';
import { pcm16ToBytes } from '../wav-file.js';
import { ClipMatcher } from './clip-matcher.js';
import { placeholderTone } from './placeholder-tone.js';

const OK = 20_000_000;

/**
 * A local stand-in for 阿里云智能语音交互 (test support, not product code) that speaks its published protocol:
 * `CreateToken` over the POP RPC signature (checked against the AccessKey it was given), the NLS WebSocket gateway's
 * 一句话识别 (`StartRecognition` → `RecognitionStarted`, binary PCM, `RecognitionResultChanged`,
 * `StopRecognition` → `RecognitionCompleted`) and the RESTful `POST /stream/v1/tts`.
 *
 * It does not recognise speech: a test registers audio clips with their text, and the fake answers with the text of
 * the registered clip whose loudness envelope is closest to what it received (nothing when none is close).
 * TTS returns a tone as long as the text would take to say, so the audio path is real but the voice is not.
 */
export class FakeAliyunNls {
  readonly tokenRequests: Record<string, string>[] = [];
  readonly recognitions: { samples: number; text: string }[] = [];
  readonly ttsRequests: { text: string; voice: string }[] = [];
  private readonly clips = new ClipMatcher();
  private readonly tokens = new Set<string>();
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  baseUrl = '';

  constructor(private readonly credentials: { accessKeyId: string; accessKeySecret: string; appKey: string }) {}

  /** "Teaches" the fake a clip of 16 kHz PCM16 and what it says. */
  register(samples: Int16Array, text: string): void {
    this.clips.register(samples, text);
  }

  get endpoints() {
    return { tokenUrl: `${this.baseUrl}/`, gatewayUrl: `${this.baseUrl.replace(/^http/, 'ws')}/ws/v1`, ttsUrl: `${this.baseUrl}/stream/v1/tts` };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.http(req).then(({ status, type, body }) => {
        res.writeHead(status, { 'content-type': type });
        res.end(body);
      });
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      const token = req.headers['x-nls-token'];
      if (typeof token !== 'string' || !this.tokens.has(token)) {
        socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      this.wss!.handleUpgrade(req, socket, head, (ws) => this.recognise(ws));
    });
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

  private async http(req: IncomingMessage): Promise<{ status: number; type: string; body: string | Buffer }> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    if (req.method === 'GET' && url.pathname === '/') {
      const params = Object.fromEntries(url.searchParams);
      this.tokenRequests.push(params);
      const expected = popSignature('GET', params, this.credentials.accessKeySecret);
      if (params.Action !== 'CreateToken' || params.Version !== '2019-02-28' || params.AccessKeyId !== this.credentials.accessKeyId || params.Signature !== expected) {
        return { status: 400, type: 'application/json', body: JSON.stringify({ Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.' }) };
      }
      const id = randomUUID().replace(/-/g, '');
      this.tokens.add(id);
      return { status: 200, type: 'application/json', body: JSON.stringify({ Token: { Id: id, ExpireTime: Math.floor(Date.now() / 1000) + 86_400, UserId: '1' }, RequestId: randomUUID() }) };
    }
    if (req.method === 'POST' && url.pathname === '/stream/v1/tts') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { appkey?: string; token?: string; text?: string; format?: string; sample_rate?: number; voice?: string };
      if (!body.token || !this.tokens.has(body.token) || body.appkey !== this.credentials.appKey) {
        return { status: 400, type: 'application/json', body: JSON.stringify({ status: 40000001, message: 'Gateway:ACCESS_DENIED' }) };
      }
      this.ttsRequests.push({ text: body.text ?? '', voice: body.voice ?? '' });
      return { status: 200, type: 'audio/L16', body: pcm16ToBytes(placeholderTone(body.text ?? '', body.sample_rate ?? 16000)) };
    }
    return { status: 404, type: 'application/json', body: '{}' };
  }

  private recognise(ws: WebSocket): void {
    let task: { id: string; appkey: string } | null = null;
    const audio: Buffer[] = [];
    let bytes = 0;
    let lastPartialAt = 0;
    const reply = (name: string, payload: Record<string, unknown> = {}, status = OK) =>
      ws.send(JSON.stringify({ header: { namespace: 'SpeechRecognizer', name, status, status_text: status === OK ? 'Gateway:SUCCESS:Success.' : 'Gateway:FAILED', message_id: randomUUID().replace(/-/g, ''), task_id: task?.id ?? '' }, payload }));
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        if (!task) return reply('TaskFailed', {}, 40000002);
        const chunk = Buffer.from(data as Buffer);
        audio.push(chunk);
        bytes += chunk.length;
        // A partial each 0.5 s of audio, like the gateway's intermediate results.
        if (bytes - lastPartialAt >= 16_000) {
          lastPartialAt = bytes;
          const text = this.clips.match(Buffer.concat(audio), true);
          if (text) reply('RecognitionResultChanged', { result: text });
        }
        return;
      }
      const msg = JSON.parse(String(data)) as { header: { name: string; task_id: string; appkey: string; namespace: string }; payload?: { format?: string; sample_rate?: number } };
      if (msg.header.name === 'StartRecognition') {
        if (msg.header.appkey !== this.credentials.appKey || msg.header.namespace !== 'SpeechRecognizer' || msg.payload?.format !== 'pcm' || msg.payload.sample_rate !== 16000) return reply('TaskFailed', {}, 40000003);
        task = { id: msg.header.task_id, appkey: msg.header.appkey };
        reply('RecognitionStarted');
      } else if (msg.header.name === 'StopRecognition') {
        const all = Buffer.concat(audio);
        const text = this.clips.match(all, false);
        this.recognitions.push({ samples: all.length / 2, text });
        reply('RecognitionCompleted', { result: text });
      }
    });
  }
}

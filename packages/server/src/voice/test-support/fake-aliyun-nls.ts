import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { popSignature } from '../aliyun/aliyun-pop-signature.js';
import { pcm16FromBytes, pcm16ToBytes } from '../wav-file.js';

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
  private readonly clips: { envelope: number[]; frames: number; text: string }[] = [];
  private readonly tokens = new Set<string>();
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  baseUrl = '';

  constructor(private readonly credentials: { accessKeyId: string; accessKeySecret: string; appKey: string }) {}

  /** "Teaches" the fake a clip of 16 kHz PCM16 and what it says. */
  register(samples: Int16Array, text: string): void {
    const { envelope, frames } = shape(samples);
    this.clips.push({ envelope, frames, text });
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
      return { status: 200, type: 'audio/L16', body: pcm16ToBytes(tone((body.text ?? '').length * 0.2, body.sample_rate ?? 16000)) };
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
          const text = this.match(Buffer.concat(audio), true);
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
        const text = this.match(all, false);
        this.recognitions.push({ samples: all.length / 2, text });
        reply('RecognitionCompleted', { result: text });
      }
    });
  }

  /** The registered clip closest in envelope; for a partial, the share of its text the audio so far covers. */
  private match(bytes: Buffer, partial: boolean): string {
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

function tone(seconds: number, rate: number): Int16Array {
  const out = new Int16Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = Math.round(6000 * Math.sin((2 * Math.PI * 220 * i) / rate));
  return out;
}

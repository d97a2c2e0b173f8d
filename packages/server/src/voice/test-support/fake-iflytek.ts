import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { iflytekSignature } from '../iflytek/iflytek-auth-url.js';
import { pcm16ToBytes } from '../wav-file.js';
import { ClipMatcher } from './clip-matcher.js';
import { placeholderTone } from './placeholder-tone.js';

interface IatFrame {
  common?: { app_id?: string };
  business?: { language?: string; domain?: string; accent?: string; dwa?: string };
  data?: { status?: number; format?: string; encoding?: string; audio?: string };
}

/**
 * A local stand-in for iFlytek's WebAPI (test support, not product code) that speaks its published protocols:
 * the handshake's `authorization`/`date`/`host` query is checked like the gateway does (401 "HMAC signature does not
 * match", 403 for more than 300 s of clock skew), then 语音听写 `/v2/iat` (frames with status 0/1/2 and Base64 PCM,
 * results with `ws`/`cw` words and `pgs`/`rg` dynamic correction) and 在线语音合成 `/v2/tts` (one text frame, audio
 * frames with status 1 then 2). Recognition matches registered clips (see `ClipMatcher`); TTS returns a placeholder tone.
 */
export class FakeIflytek {
  readonly recognitions: { text: string; samples: number; maxLeadMs: number }[] = [];
  readonly ttsRequests: { text: string; voice: string }[] = [];
  readonly refusals: string[] = [];
  private readonly clips = new ClipMatcher();
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  baseUrl = '';

  constructor(private readonly credentials: { appId: string; apiKey: string; apiSecret: string }) {}

  register(samples: Int16Array, text: string): void {
    this.clips.register(samples, text);
  }

  get endpoints() {
    const ws = this.baseUrl.replace(/^http/, 'ws');
    return { iatUrl: `${ws}/v2/iat`, ttsUrl: `${ws}/v2/tts` };
  }

  async start(): Promise<void> {
    this.server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"message":"no Route matched with those values"}');
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      const path = new URL(req.url ?? '/', this.baseUrl).pathname;
      if (path !== '/v2/iat' && path !== '/v2/tts') return deny(socket, 404, 'no Route matched with those values');
      const problem = this.authProblem(req, path);
      if (problem) {
        this.refusals.push(problem.message);
        return deny(socket, problem.status, problem.message);
      }
      this.wss!.handleUpgrade(req, socket, head, (ws) => (path === '/v2/iat' ? this.dictate(ws) : this.speak(ws)));
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

  private authProblem(req: IncomingMessage, path: string): { status: number; message: string } | null {
    const params = new URL(req.url ?? '/', this.baseUrl).searchParams;
    const date = params.get('date') ?? '';
    const host = params.get('host') ?? '';
    const skew = Math.abs(Date.parse(date) - Date.now());
    if (!(skew <= 300_000)) return { status: 403, message: 'HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication' };
    const origin = Buffer.from(params.get('authorization') ?? '', 'base64').toString('utf8');
    const fields = Object.fromEntries([...origin.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (fields.api_key !== this.credentials.apiKey) return { status: 401, message: 'HMAC signature cannot be verified' };
    if (fields.algorithm !== 'hmac-sha256' || fields.headers !== 'host date request-line') return { status: 401, message: 'HMAC signature cannot be verified' };
    if (host !== req.headers.host) return { status: 401, message: 'HMAC signature does not match' };
    if (fields.signature !== iflytekSignature(host, date, `GET ${path} HTTP/1.1`, this.credentials.apiSecret)) return { status: 401, message: 'HMAC signature does not match' };
    return null;
  }

  private dictate(ws: WebSocket): void {
    const sid = `iat${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const audio: Buffer[] = [];
    const openedAt = Date.now();
    let bytes = 0;
    let lastPartialAt = 0;
    let sn = 0;
    let started = false;
    let maxLeadMs = 0;
    const reply = (body: Record<string, unknown>) => ws.send(JSON.stringify({ code: 0, message: 'success', sid, ...body }));
    const refuse = (code: number, message: string) => {
      ws.send(JSON.stringify({ code, message, sid }));
      ws.close();
    };
    const words = (text: string) => [...text].map((w, i) => ({ bg: i, cw: [{ sc: 0, w }] }));
    ws.on('message', (data) => {
      let frame: IatFrame;
      try {
        frame = JSON.parse(String(data)) as IatFrame;
      } catch {
        return refuse(10160, 'parse request json error');
      }
      const status = frame.data?.status;
      if (!started) {
        if (status !== 0) return refuse(10160, 'the first frame must have status 0');
        if (frame.common?.app_id !== this.credentials.appId) return refuse(10313, 'invalid appid');
        if (frame.business?.language !== 'zh_cn' || frame.business.domain !== 'iat') return refuse(10106, 'invalid parameter: language/domain');
        if (frame.data?.format !== 'audio/L16;rate=16000' || frame.data.encoding !== 'raw') return refuse(10106, 'invalid parameter: format/encoding');
        started = true;
      } else if (status !== 1 && status !== 2) return refuse(10160, 'status must be 1 or 2 after the first frame');
      const chunk = Buffer.from(frame.data?.audio ?? '', 'base64');
      audio.push(chunk);
      bytes += chunk.length;
      maxLeadMs = Math.max(maxLeadMs, bytes / 32 - (Date.now() - openedAt));
      if (status !== 2 && bytes - lastPartialAt >= 16_000) {
        lastPartialAt = bytes;
        const text = this.clips.match(Buffer.concat(audio), true);
        if (text) {
          // Dynamic correction: each partial replaces the ones before it.
          sn += 1;
          reply({ data: { status: 1, result: { sn, ls: false, bg: 0, ed: 0, ...(sn > 1 ? { pgs: 'rpl', rg: [1, sn - 1] } : { pgs: 'apd' }), ws: words(text) } } });
        }
      }
      if (status === 2) {
        const all = Buffer.concat(audio);
        const text = this.clips.match(all, false);
        this.recognitions.push({ text, samples: all.length / 2, maxLeadMs });
        sn += 1;
        reply({ data: { status: 2, result: { sn, ls: true, bg: 0, ed: 0, ...(sn > 1 ? { pgs: 'rpl', rg: [1, sn - 1] } : { pgs: 'apd' }), ws: words(text) } } });
        ws.close(1000);
      }
    });
  }

  private speak(ws: WebSocket): void {
    const sid = `tts${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    ws.once('message', (data) => {
      let frame: { common?: { app_id?: string }; business?: { aue?: string; auf?: string; vcn?: string; tte?: string }; data?: { status?: number; text?: string } };
      try {
        frame = JSON.parse(String(data)) as typeof frame;
      } catch {
        ws.send(JSON.stringify({ code: 10160, message: 'parse request json error', sid }));
        return ws.close();
      }
      const refuse = (code: number, message: string) => {
        ws.send(JSON.stringify({ code, message, sid }));
        ws.close();
      };
      if (frame.common?.app_id !== this.credentials.appId) return refuse(10313, 'invalid appid');
      if (frame.business?.aue !== 'raw' || frame.business.auf !== 'audio/L16;rate=16000' || !frame.business.vcn) return refuse(10106, 'invalid parameter: aue/auf/vcn');
      if (frame.data?.status !== 2 || !frame.data.text) return refuse(10106, 'invalid parameter: data');
      const text = Buffer.from(frame.data.text, 'base64').toString(frame.business.tte === 'UTF8' ? 'utf8' : 'latin1');
      this.ttsRequests.push({ text, voice: frame.business.vcn });
      const bytes = pcm16ToBytes(placeholderTone(text));
      const size = 8000;
      for (let at = 0; at < bytes.length || at === 0; at += size) {
        const last = at + size >= bytes.length;
        ws.send(JSON.stringify({ code: 0, message: 'success', sid, data: { audio: bytes.subarray(at, at + size).toString('base64'), status: last ? 2 : 1, ced: String(Math.min(text.length, Math.ceil(((at + size) / bytes.length) * text.length))) } }));
      }
      ws.close(1000);
    });
  }
}

function deny(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ message });
  socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

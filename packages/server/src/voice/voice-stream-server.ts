import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiKeyService } from '../auth/api-key-service.js';
import { roleCan } from '../auth/permissions.js';
import type { Metrics } from '../observability/metrics.js';
import type { BridgeOutbound } from './bridge-message.js';
import { VoiceCall, type VoiceCallDeps } from './voice-call.js';

export const VOICE_STREAM_PATH = '/api/v1/voice/stream';
/** A frame above this closes the socket (1009) before it is read; below it, an oversized media frame is an `error` event. */
const MAX_WS_PAYLOAD = 256 * 1024;

/**
 * The phone / smart-speaker media stream (`wss://…/api/v1/voice/stream`, one WebSocket per call; see docs/voice-bridge.md).
 * The bridge authenticates with a tenant API key whose role may reply to conversations (`Authorization: Bearer zk_…`,
 * or `?key=` for bridges that cannot set headers); the call then lives in that tenant.
 */
export class VoiceStreamServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_PAYLOAD });
  private readonly calls = new Set<VoiceCall>();
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== VOICE_STREAM_PATH) return;
    void this.accept(req, socket, head, url);
  };

  constructor(
    private readonly server: Server,
    private readonly deps: VoiceCallDeps & { apiKeys: ApiKeyService; metrics?: Metrics },
  ) {
    server.on('upgrade', this.onUpgrade);
  }

  private async accept(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    socket.on('error', () => undefined);
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : url.searchParams.get('key');
    const principal = token ? await this.deps.apiKeys.resolve(token).catch(() => null) : null;
    if (!principal || !roleCan(principal.role, 'conversations.reply')) {
      const body = JSON.stringify({ error: { code: 'unauthorized', message: 'A tenant API key that may reply to conversations is required' } });
      socket.end(`HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.run(ws, principal.tenantId));
  }

  private run(ws: WebSocket, tenantId: string): void {
    const send = (message: BridgeOutbound) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const call = new VoiceCall(tenantId, this.deps, send);
    this.calls.add(call);
    ws.on('message', (data, isBinary) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      try {
        if (isBinary) call.onBinary(bytes);
        else call.onText(bytes.toString('utf8'));
      } catch (err) {
        // Never the server: one call's bad frame is that call's error event.
        this.deps.log.warn({ err }, 'voice stream frame failed');
        send({ event: 'error', code: 'internal_error', message: 'The frame could not be handled' });
      }
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      call.close();
      this.calls.delete(call);
    });
  }

  async close(): Promise<void> {
    this.server.off('upgrade', this.onUpgrade);
    for (const call of this.calls) call.close();
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

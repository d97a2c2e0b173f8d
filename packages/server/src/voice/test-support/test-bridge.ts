import WebSocket from 'ws';
import type { BridgeOutbound } from '../bridge-message.js';

/** A bridge's side of the media stream, as FreeSWITCH or a call centre would connect. */
export class TestBridge {
  readonly received: BridgeOutbound[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.received.push(JSON.parse(String(data)) as BridgeOutbound));
  }

  static open(url: string, key: string | null): Promise<TestBridge> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/voice/stream`, key ? { headers: { authorization: `Bearer ${key}` } } : {});
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestBridge(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  json(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Sends audio as 20 ms binary frames, then the silence that ends the utterance. */
  speak(bytes: Buffer, frameBytes: number): void {
    for (let at = 0; at < bytes.length; at += frameBytes) this.ws.send(bytes.subarray(at, at + frameBytes));
  }

  async waitFor<E extends BridgeOutbound['event']>(event: E, where: (m: Extract<BridgeOutbound, { event: E }>) => boolean = () => true, timeoutMs = 20_000): Promise<Extract<BridgeOutbound, { event: E }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find((m): m is Extract<BridgeOutbound, { event: E }> => m.event === event && where(m as Extract<BridgeOutbound, { event: E }>));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${event} in ${JSON.stringify(this.received.map((m) => (m.event === 'audio' ? 'audio' : m))).slice(0, 1500)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

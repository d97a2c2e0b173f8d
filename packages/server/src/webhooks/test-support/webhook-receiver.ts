import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A local HTTP receiver for webhook tests: records every request and answers with the statuses
 * queued in `replies` (then 200), optionally after `delayMs`.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  replies: number[] = [];
  delayMs = 0;
  /** The Location of a 3xx reply. */
  redirectTo: string | null = null;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const receiver: WebhookReceiver = new WebhookReceiver(
      createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          receiver.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
          const status = receiver.replies.shift() ?? 200;
          setTimeout(() => {
            res.statusCode = status;
            if (status >= 300 && status < 400 && receiver.redirectTo) res.setHeader('location', receiver.redirectTo);
            res.end(status >= 400 ? `receiver says ${status}` : 'ok');
          }, receiver.delayMs);
        });
      }),
    );
    await new Promise<void>((ok) => receiver.server.listen(0, '127.0.0.1', ok));
    return receiver;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** Requests per webhook-id. */
  countsById(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.received) {
      const id = String(r.headers['webhook-id']);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  close(): Promise<void> {
    return new Promise((ok) => {
      this.server.closeAllConnections();
      this.server.close(() => ok());
    });
  }

  /** A URL on which nothing listens: a port this receiver held and gave back. */
  static async deadUrl(): Promise<string> {
    const r = await WebhookReceiver.start();
    const url = r.url();
    await r.close();
    return url;
  }
}

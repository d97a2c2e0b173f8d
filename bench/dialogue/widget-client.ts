import { randomUUID } from 'node:crypto';
import { request } from 'node:http';

/** A bot or visitor message as the widget API returns it (the fields the bench reads). */
export interface WidgetMessage {
  id: string;
  seq: number;
  senderType: string;
  text: string;
  quickReplies: string[];
  meta: Record<string, unknown>;
}

export class WidgetHttpError extends Error {
  readonly code = 'widget_http_error';
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

/**
 * One visitor talking to the widget API over plain HTTP from a chosen loopback
 * source address (the server rate-limits conversation starts per IP).
 *
 * @example const c = await WidgetClient.start(base, 'demo-ecommerce', '127.0.0.3'); const replies = await c.send('我要退货');
 */
export class WidgetClient {
  private constructor(
    private readonly base: string,
    private readonly localAddress: string,
    readonly conversationId: string,
    private readonly token: string,
    readonly welcome: WidgetMessage[],
  ) {}

  /**
   * A fresh visitor: no consent is given ahead of the chat. The PIPL gate asks for the separate consent when an ID or
   * bank card number is sent, and `ConsentingChat` answers it as a customer would.
   */
  static async start(base: string, tenant: string, localAddress: string): Promise<WidgetClient> {
    const body = (await call(base, localAddress, 'POST', '/api/v1/widget/conversations', { tenant })) as { conversationId: string; visitorToken: string; messages: WidgetMessage[] };
    return new WidgetClient(base, localAddress, body.conversationId, body.visitorToken, body.messages);
  }

  /** Sends one message and returns the bot's replies to it. */
  async send(text: string): Promise<WidgetMessage[]> {
    const body = (await call(this.base, this.localAddress, 'POST', `/api/v1/widget/conversations/${this.conversationId}/messages`, { text, clientMsgId: randomUUID() }, this.token)) as {
      replies: WidgetMessage[];
    };
    return body.replies;
  }
}

function call(base: string, localAddress: string, method: string, path: string, payload: unknown, token?: string): Promise<unknown> {
  const url = new URL(path, base);
  const data = payload === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(payload));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        localAddress,
        headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), 'content-length': data.length, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) >= 300) reject(new WidgetHttpError(res.statusCode ?? 0, text));
          else resolve(JSON.parse(text));
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
    req.on('error', reject);
    req.end(data);
  });
}

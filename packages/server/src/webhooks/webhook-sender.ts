import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SsrfGuard } from './ssrf-guard.js';

/** What one delivery attempt came to. */
export interface WebhookAttempt {
  /** A 2xx answer. */
  delivered: boolean;
  /** The receiver's HTTP status; null when no answer came (refused target, connection error, timeout). */
  status: number | null;
  /** Why it was not delivered, for the admin's delivery list; null when delivered. */
  error: string | null;
}

export interface WebhookSenderOptions {
  /** The whole exchange, connect to last byte read. */
  timeoutMs?: number;
}

// Enough of an error page to tell the admin what the receiver said, never a whole document.
const ERROR_SNIPPET_BYTES = 300;

/**
 * POSTs one signed webhook body through the SSRF guard: the URL is checked again at every attempt
 * (the host may have moved since the admin saved it), the socket connects only to an address the
 * guard's lookup approved, redirects are not followed (a 3xx is a failed attempt), and the
 * exchange is cut after `timeoutMs`. Never throws: every outcome is a WebhookAttempt.
 */
export class WebhookSender {
  private readonly timeoutMs: number;

  constructor(
    private readonly guard: SsrfGuard,
    options: WebhookSenderOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async post(url: string, body: string, headers: Record<string, string>): Promise<WebhookAttempt> {
    let target: URL;
    try {
      target = (await this.guard.check(url)).url;
    } catch (err) {
      return { delivered: false, status: null, error: describe(err) };
    }
    return new Promise<WebhookAttempt>((resolve) => {
      let settled = false;
      const finish = (attempt: WebhookAttempt) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(attempt);
      };
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Zhida-Webhooks/1.0' },
          lookup: this.guard.lookup,
          // A fresh connection per attempt: a pooled socket would skip the connect-time check.
          agent: false,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            res.resume();
            res.on('end', () => finish({ delivered: true, status, error: null }));
            res.on('error', () => finish({ delivered: true, status, error: null }));
            return;
          }
          void readSnippet(res).then((snippet) => finish({ delivered: false, status, error: `HTTP ${status}${snippet ? `: ${snippet}` : ''}` }));
        },
      );
      const timer = setTimeout(() => {
        finish({ delivered: false, status: null, error: `No answer within ${this.timeoutMs / 1000} s` });
        req.destroy();
      }, this.timeoutMs);
      req.on('error', (err) => finish({ delivered: false, status: null, error: describe(err) }));
      req.end(body);
    });
  }
}

function readSnippet(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).toString('utf8').slice(0, ERROR_SNIPPET_BYTES).replace(/\s+/g, ' ').trim());
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= ERROR_SNIPPET_BYTES) {
        res.destroy();
        done();
      }
    });
    res.on('end', done);
    res.on('error', done);
    res.on('close', done);
  });
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 500);
  const code = (err as NodeJS.ErrnoException).code;
  return (code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message).slice(0, 500);
}

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SsrfGuard } from '../../webhooks/ssrf-guard.js';

export interface WechatHttpResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

export class WechatHttpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatHttpError';
  }
}

/**
 * HTTP to a WeChat API base URL through the SSRF guard (the base URL is the admin's to set, so it is
 * checked like a webhook URL; the tests' fake on 127.0.0.1 needs `webhookAllowPrivate`), with a
 * timeout, no redirects and a cap on what is read.
 */
export class WechatHttp {
  constructor(
    private readonly guard: SsrfGuard,
    private readonly options: { timeoutMs?: number; maxBytes?: number } = {},
  ) {}

  async request(method: 'GET' | 'POST', url: string, json?: unknown): Promise<WechatHttpResponse> {
    const target = (await this.guard.check(url)).url;
    const body = json === undefined ? undefined : JSON.stringify(json);
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const maxBytes = this.options.maxBytes ?? 5 * 1024 * 1024;
    return new Promise<WechatHttpResponse>((resolve, reject) => {
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const headers: Record<string, string | number> = { 'user-agent': 'Zhida-WeChat/1.0' };
      if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      const req = send(target, { method, headers, lookup: this.guard.lookup, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy(new WechatHttpError(`answer larger than ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.setTimeout(timeoutMs, () => req.destroy(new WechatHttpError(`no answer within ${timeoutMs / 1000} s`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SpeechProviderError } from '../voice-errors.js';
import { popPercentEncode, popSignature } from './aliyun-pop-signature.js';

const tokenResponse = z.object({ Token: z.object({ Id: z.string().min(1), ExpireTime: z.number() }) });

export interface AliyunCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  tokenUrl: string;
}

/**
 * The NLS access token (`CreateToken`, POP API 2019-02-28, signed with the tenant's AccessKey). Tokens live about a
 * day; one is reused until a minute before it expires, so a call does not pay a token round trip.
 */
export class AliyunNlsToken {
  private cached: { id: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly credentials: AliyunCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.cached && this.cached.expiresAt - 60_000 > this.now()) return this.cached.id;
    this.pending ??= this.fetch().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async fetch(): Promise<string> {
    const params: Record<string, string> = {
      AccessKeyId: this.credentials.accessKeyId,
      Action: 'CreateToken',
      Format: 'JSON',
      RegionId: regionOf(this.credentials.tokenUrl),
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      Timestamp: new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2019-02-28',
    };
    const signature = popSignature('GET', params, this.credentials.accessKeySecret);
    const query = Object.entries({ ...params, Signature: signature })
      .map(([k, v]) => `${popPercentEncode(k)}=${popPercentEncode(v)}`)
      .join('&');
    let res: Response;
    try {
      res = await fetch(`${this.credentials.tokenUrl}?${query}`, { signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new SpeechProviderError(`Aliyun CreateToken could not be reached: ${(err as Error).message}`);
    }
    const body: unknown = await res.json().catch(() => null);
    const parsed = tokenResponse.safeParse(body);
    if (!res.ok || !parsed.success) throw new SpeechProviderError(`Aliyun CreateToken refused (${res.status}): ${JSON.stringify(body).slice(0, 200)}`);
    this.cached = { id: parsed.data.Token.Id, expiresAt: parsed.data.Token.ExpireTime * 1000 };
    return this.cached.id;
  }
}

/** `nls-meta.cn-shanghai.aliyuncs.com` → `cn-shanghai`; anything else (a local fake) → the default region. */
function regionOf(url: string): string {
  const m = /nls-meta\.([a-z0-9-]+)\.aliyuncs\.com/.exec(url);
  return m?.[1] ?? 'cn-shanghai';
}

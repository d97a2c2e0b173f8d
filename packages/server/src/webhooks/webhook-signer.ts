import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** The three Standard Webhooks headers sent with every attempt. */
// A type (not an interface) so it passes where a plain header record is expected.
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

export type WebhookVerificationFailure = 'missing_headers' | 'bad_timestamp' | 'timestamp_too_old' | 'timestamp_too_new' | 'bad_signature';

/** A delivery that does not verify; `reason` says why, for the receiver's log (never echo it to a caller). */
export class WebhookVerificationError extends Error {
  readonly code = 'webhook_verification_failed';
  constructor(readonly reason: WebhookVerificationFailure) {
    super(`Webhook verification failed: ${reason}`);
    this.name = 'WebhookVerificationError';
  }
}

/**
 * Standard Webhooks (https://www.standardwebhooks.com) symmetric signatures: the signed content is
 * `{webhook-id}.{webhook-timestamp}.{body}`, the signature `v1,<base64 HMAC-SHA256>` keyed with the
 * bytes of the base64 after `whsec_`. Receivers can check ours with any Standard Webhooks library.
 * @example
 * const signer = new WebhookSigner(WebhookSigner.generateSecret());
 * const headers = signer.sign('msg_1', new Date(), '{"type":"webhook.test"}');
 * signer.verify(headers, '{"type":"webhook.test"}'); // throws WebhookVerificationError when forged or stale
 */
export class WebhookSigner {
  private readonly key: Buffer;

  /** `secret` is `whsec_<base64>` (the bare base64 is accepted too, as the reference libraries do). */
  constructor(secret: string) {
    const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
    const key = Buffer.from(encoded, 'base64');
    if (encoded.length === 0 || key.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new TypeError('A webhook secret is whsec_ followed by base64');
    this.key = key;
  }

  /** A fresh random secret (32 bytes) in the `whsec_` form shown to the admin once. */
  static generateSecret(): string {
    return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
  }

  /** The headers for one attempt; a retry signs again with its own timestamp but keeps the id. */
  sign(id: string, at: Date, body: string): WebhookHeaders {
    const timestamp = String(Math.floor(at.getTime() / 1000));
    return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${this.signature(id, timestamp, body)}` };
  }

  /**
   * Checks a received delivery as a receiver would: all three headers present, the timestamp within
   * `toleranceSeconds` of `now` either way (replays of old deliveries fail), and one of the
   * space-separated `v1,` signatures matching, compared in constant time.
   */
  verify(headers: Record<string, string | string[] | undefined>, body: string, options: { now?: Date; toleranceSeconds?: number } = {}): void {
    const id = single(headers['webhook-id']);
    const timestamp = single(headers['webhook-timestamp']);
    const signatures = single(headers['webhook-signature']);
    if (!id || !timestamp || !signatures) throw new WebhookVerificationError('missing_headers');
    if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookVerificationError('bad_timestamp');
    const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
    const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
    const sentAt = Number(timestamp);
    if (sentAt < nowSeconds - tolerance) throw new WebhookVerificationError('timestamp_too_old');
    if (sentAt > nowSeconds + tolerance) throw new WebhookVerificationError('timestamp_too_new');
    const expected = Buffer.from(this.signature(id, timestamp, body), 'base64');
    for (const entry of signatures.split(' ')) {
      const [version, value] = entry.split(',', 2);
      if (version !== 'v1' || !value) continue;
      const given = Buffer.from(value, 'base64');
      if (given.length === expected.length && timingSafeEqual(given, expected)) return;
    }
    throw new WebhookVerificationError('bad_signature');
  }

  private signature(id: string, timestamp: string, body: string): string {
    return createHmac('sha256', this.key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

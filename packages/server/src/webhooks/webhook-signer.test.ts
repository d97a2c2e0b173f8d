import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookSigner, WebhookVerificationError } from './webhook-signer.js';

// The published test vector of the Standard Webhooks reference libraries
// (standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts, "sign function works").
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

function failure(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof WebhookVerificationError) return err.reason;
    throw err;
  }
}

describe('WebhookSigner', () => {
  const at = new Date(VECTOR.timestamp * 1000);

  it('signs the Standard Webhooks test vector exactly', () => {
    const headers = new WebhookSigner(VECTOR.secret).sign(VECTOR.id, at, VECTOR.body);
    expect(headers).toEqual({ 'webhook-id': VECTOR.id, 'webhook-timestamp': '1614265330', 'webhook-signature': VECTOR.signature });
  });

  it('signs "{id}.{timestamp}.{body}" with the bytes of the secret, not its text', () => {
    const secret = WebhookSigner.generateSecret();
    const body = '{"type":"ticket.created","data":{"subject":"退货"}}';
    const headers = new WebhookSigner(secret).sign('d-1', at, body);
    const bytes = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', bytes).update(`d-1.1614265330.${body}`).digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('accepts the vector within the tolerance, with or without the whsec_ prefix', () => {
    const headers = { 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': VECTOR.signature };
    expect(failure(() => new WebhookSigner(VECTOR.secret).verify(headers, VECTOR.body, { now: new Date(at.getTime() + 299_000) }))).toBeNull();
    expect(failure(() => new WebhookSigner('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').verify(headers, VECTOR.body, { now: at }))).toBeNull();
  });

  it('refuses a timestamp older (or newer) than five minutes, a replay of an old delivery', () => {
    const signer = new WebhookSigner(VECTOR.secret);
    const headers = signer.sign(VECTOR.id, at, VECTOR.body);
    expect(failure(() => signer.verify(headers, VECTOR.body, { now: new Date(at.getTime() + 301_000) }))).toBe('timestamp_too_old');
    expect(failure(() => signer.verify(headers, VECTOR.body, { now: new Date(at.getTime() - 301_000) }))).toBe('timestamp_too_new');
    expect(failure(() => signer.verify(headers, VECTOR.body, { now: new Date(at.getTime() + 3_600_000), toleranceSeconds: 7200 }))).toBeNull();
  });

  it('refuses a tampered body, a tampered id, another secret and missing or malformed headers', () => {
    const signer = new WebhookSigner(VECTOR.secret);
    const headers = signer.sign(VECTOR.id, at, VECTOR.body);
    const opts = { now: at };
    expect(failure(() => signer.verify(headers, '{"test": 2432232315}', opts))).toBe('bad_signature');
    expect(failure(() => signer.verify({ ...headers, 'webhook-id': 'msg_other' }, VECTOR.body, opts))).toBe('bad_signature');
    expect(failure(() => new WebhookSigner(WebhookSigner.generateSecret()).verify(headers, VECTOR.body, opts))).toBe('bad_signature');
    expect(failure(() => signer.verify({ ...headers, 'webhook-signature': 'v1,' }, VECTOR.body, opts))).toBe('bad_signature');
    expect(failure(() => signer.verify({ ...headers, 'webhook-signature': VECTOR.signature.slice(0, 8) }, VECTOR.body, opts))).toBe('bad_signature');
    expect(failure(() => signer.verify({ ...headers, 'webhook-signature': VECTOR.signature.replace('v1,', 'v2,') }, VECTOR.body, opts))).toBe('bad_signature');
    expect(failure(() => signer.verify({ ...headers, 'webhook-timestamp': 'hello' }, VECTOR.body, opts))).toBe('bad_timestamp');
    expect(failure(() => signer.verify({ 'webhook-id': VECTOR.id, 'webhook-timestamp': '1614265330' }, VECTOR.body, opts))).toBe('missing_headers');
  });

  it('accepts any one matching signature among several (secret rotation on the sender side)', () => {
    const signer = new WebhookSigner(VECTOR.secret);
    const list = ['v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=', 'v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=', VECTOR.signature].join(' ');
    const headers = { 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': list };
    expect(failure(() => signer.verify(headers, VECTOR.body, { now: at }))).toBeNull();
  });

  it('generates distinct 32-byte secrets and refuses one that is not base64', () => {
    const a = WebhookSigner.generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(WebhookSigner.generateSecret()).not.toBe(a);
    expect(() => new WebhookSigner('whsec_')).toThrow(TypeError);
    expect(() => new WebhookSigner('whsec_not base64!')).toThrow(TypeError);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SsrfGuard } from './ssrf-guard.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhookReceiver } from './test-support/webhook-receiver.js';

describe('WebhookSender', () => {
  const open = new SsrfGuard({ allowPrivate: true, allowHttp: true });
  let receiver: WebhookReceiver;
  let elsewhere: WebhookReceiver;

  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
    elsewhere = await WebhookReceiver.start();
  });
  afterEach(async () => {
    await receiver.close();
    await elsewhere.close();
  });

  it('POSTs the exact body as JSON with the given headers; a 2xx is delivered', async () => {
    receiver.replies = [204];
    const result = await new WebhookSender(open).post(receiver.url('/in?k=1'), '{"type":"webhook.test"}', { 'webhook-id': 'd-1' });
    expect(result).toEqual({ delivered: true, status: 204, error: null });
    expect(receiver.received[0]!.body).toBe('{"type":"webhook.test"}');
    expect(receiver.received[0]!.headers).toMatchObject({ 'webhook-id': 'd-1', 'content-type': 'application/json', 'user-agent': 'Zhida-Webhooks/1.0' });
  });

  it('does not follow a redirect: a 302 is a failed attempt and its target is never called', async () => {
    receiver.replies = [302];
    receiver.redirectTo = elsewhere.url('/metadata');
    const result = await new WebhookSender(open).post(receiver.url(), '{}', {});
    expect(result.delivered).toBe(false);
    expect(result.status).toBe(302);
    expect(elsewhere.received).toHaveLength(0);
  });

  it('keeps what the receiver said about an error, briefly', async () => {
    receiver.replies = [503];
    const result = await new WebhookSender(open).post(receiver.url(), '{}', {});
    expect(result).toEqual({ delivered: false, status: 503, error: 'HTTP 503: receiver says 503' });
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    receiver.delayMs = 2000;
    const result = await new WebhookSender(open, { timeoutMs: 300 }).post(receiver.url(), '{}', {});
    expect(result).toEqual({ delivered: false, status: null, error: 'No answer within 0.3 s' });
  });

  it('never connects to a target the guard refuses', async () => {
    const strict = new SsrfGuard({ allowPrivate: false, allowHttp: true });
    const result = await new WebhookSender(strict).post(receiver.url(), '{}', {});
    expect(result.delivered).toBe(false);
    expect(result.status).toBeNull();
    expect(result.error).toMatch(/private/);
    expect(receiver.received).toHaveLength(0);
  });
});

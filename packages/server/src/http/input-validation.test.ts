import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestTenant } from '../test-support/test-app.js';

// Pure HTTP-layer behaviour: one backend is enough.
describe('bad input gets a clear 4xx, never a 500', () => {
  let t: TestApp;
  let shop: TestTenant;
  let v: { conversationId: string; headers: Record<string, string> };

  beforeAll(async () => {
    t = await TestApp.start('pglite');
    shop = await t.createTenant('val-shop');
    v = await t.startVisitor(shop);
  });
  afterAll(() => t.close());

  const post = (payload: string | object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/widget/conversations/${v.conversationId}/messages`,
      headers: { ...v.headers, 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  const expectError = async (res: Awaited<ReturnType<typeof post>>, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  };

  it('rejects text over 4000 characters', async () => {
    await expectError(await post({ text: '好'.repeat(4001), clientMsgId: 'a' }), 400, 'validation_error');
    expect((await post({ text: '好'.repeat(4000), clientMsgId: 'b' })).statusCode).toBe(201);
  });

  it('rejects empty and whitespace-only text', async () => {
    await expectError(await post({ text: '   ', clientMsgId: 'c' }), 400, 'validation_error');
  });

  it('rejects NUL bytes', async () => {
    await expectError(await post({ text: 'a\u0000b', clientMsgId: 'd' }), 400, 'validation_error');
  });

  it('rejects lone surrogates', async () => {
    await expectError(await post('{"text":"bad \\ud800 here","clientMsgId":"e"}'), 400, 'validation_error');
  });

  it('rejects invalid UTF-8', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/widget/conversations/${v.conversationId}/messages`,
      headers: { ...v.headers, 'content-type': 'application/json' },
      payload: Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('","clientMsgId":"f"}')]),
    });
    await expectError(res, 400, 'invalid_utf8');
  });

  it('rejects unknown fields', async () => {
    await expectError(await post({ text: 'hi', clientMsgId: 'g', senderType: 'agent' }), 400, 'validation_error');
  });

  it('rejects malformed JSON and __proto__ keys', async () => {
    await expectError(await post('{"text": "hi",'), 400, 'invalid_json');
    await expectError(await post('{"text":"hi","clientMsgId":"h","__proto__":{"admin":true}}'), 400, 'invalid_json');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('rejects absurdly nested JSON', async () => {
    await expectError(await post('{"a":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}'), 400, 'invalid_json');
  });

  it('answers 413 for a body over the limit', async () => {
    await expectError(await post({ text: 'x'.repeat(1_100_000), clientMsgId: 'i' }), 413, 'payload_too_large');
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const bad = await t.app.inject({ url: '/api/v1/widget/conversations/not-a-uuid/messages', headers: v.headers });
    await expectError(bad, 400, 'validation_error');
    const unknown = await t.app.inject({ url: '/api/v1/widget/conversations/00000000-0000-4000-8000-000000000000/messages', headers: v.headers });
    await expectError(unknown, 404, 'not_found');
  });

  it('answers JSON 404 for unknown routes', async () => {
    await expectError(await t.app.inject({ url: '/api/v1/nope' }), 404, 'not_found');
  });

  it('rejects an invalid tenant slug and an unknown tenant', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: '../etc' } });
    await expectError(bad, 400, 'validation_error');
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: 'no-such-shop' } });
    await expectError(unknown, 404, 'not_found');
  });

  it('rate-limits conversation starts per IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: shop.slug }, remoteAddress: '10.9.9.9' });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('serves the OpenAPI document generated from the schemas', async () => {
    const res = await t.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/widget/conversations/{id}/messages');
    expect(JSON.stringify(doc.paths['/api/v1/widget/conversations/{id}/messages'].post)).toContain('clientMsgId');
  });

  it('exposes health, readiness and Prometheus metrics', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready', database: 'pglite' });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('zhida_messages_total');
    expect(metrics.body).toContain('zhida_http_request_duration_seconds');
  });
});

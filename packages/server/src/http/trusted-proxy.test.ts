import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestTenant } from '../test-support/test-app.js';

// Behind nginx every request arrives from the proxy: unless its X-Forwarded-For is believed, all visitors share
// one "per IP" budget of conversation starts (30 a minute), and the 31st visitor of the minute is refused.
describe('the per-IP start limit behind a trusted proxy (pglite)', () => {
  let app: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    app = await TestApp.start('pglite', { trustProxy: ['127.0.0.1'] });
    tenant = await app.createTenant('behind-proxy');
  });
  afterAll(async () => app?.close());

  const start = (remoteAddress: string, forwardedFor?: string) =>
    app.app.inject({
      method: 'POST',
      url: '/api/v1/widget/conversations',
      payload: { tenant: tenant.slug },
      remoteAddress,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });

  it('counts each visitor address the proxy forwards, not the proxy', async () => {
    for (let i = 0; i < 35; i++) expect((await start('127.0.0.1', `203.0.113.${i + 1}`)).statusCode).toBe(201);
  });

  it('still limits one forwarded address, and ignores X-Forwarded-For from anyone but the proxy', async () => {
    for (let i = 0; i < 30; i++) expect((await start('127.0.0.1', '198.51.100.7')).statusCode).toBe(201);
    expect((await start('127.0.0.1', '198.51.100.7')).statusCode).toBe(429);
    // A client that talks to the node directly cannot pick a fresh address per request.
    for (let i = 0; i < 30; i++) expect((await start('192.0.2.9', `192.0.2.${100 + i}`)).statusCode).toBe(201);
    expect((await start('192.0.2.9', '192.0.2.200')).statusCode).toBe(429);
  });
});

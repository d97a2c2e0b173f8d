import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';

const backends = await testBackends();

const SHOP_A = 'https://shop-a.example.com';
const SHOP_B = 'https://shop-b.example.com';
const EVIL = 'https://evil.example.net';

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/**
 * SECURITY.md check 16: the widget API answers CORS only for the tenant's
 * allowlisted sites (and the platform's own pages), the /widget socket applies
 * the same allowlist, and embeddable pages carry the tenant's frame-ancestors.
 */
describe.each(backends)('widget allowed origins (%s)', (backend) => {
  let t: TestApp;
  let url: string;
  let a: TestTenant;
  let b: TestTenant;
  let visitorA: Awaited<ReturnType<TestApp['startVisitor']>>;
  let visitorB: Awaited<ReturnType<TestApp['startVisitor']>>;
  const sockets: Socket[] = [];
  // A stand-in for the built widget, so the demo page route exists without a front-end build.
  const staticRoot = mkdtempSync(join(tmpdir(), 'zhida-origins-'));

  const messages = (v: typeof visitorA, origin?: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${v.conversationId}/messages`, headers: { ...v.headers, ...(origin ? { origin } : {}) } });
  const start = (tenant: TestTenant, origin?: string, ip = '10.9.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: tenant.slug }, headers: origin ? { origin } : {}, remoteAddress: ip });
  const preflight = (origin: string) =>
    t.app.inject({ method: 'OPTIONS', url: '/api/v1/widget/conversations', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

  beforeAll(async () => {
    mkdirSync(join(staticRoot, 'apps/widget/dist'), { recursive: true });
    writeFileSync(join(staticRoot, 'apps/widget/dist/demo.html'), '<!doctype html><title>demo</title>');
    writeFileSync(join(staticRoot, 'apps/widget/dist/widget.js'), '');
    t = await TestApp.start(backend, { staticRoot });
    url = await t.listen();
    a = await t.createTenant('origins-a');
    b = await t.createTenant('origins-b');
    await t.app.zhida.tenants.setWidgetAllowedOrigins(a.id, [SHOP_A, 'https://*.brand-a.cn']);
    await t.app.zhida.tenants.setWidgetAllowedOrigins(b.id, [SHOP_B]);
    visitorA = await t.startVisitor(a);
    visitorB = await t.startVisitor(b);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
    rmSync(staticRoot, { recursive: true, force: true });
  });

  it("answers the tenant's allowed origin with that origin and Vary: Origin", async () => {
    const res = await messages(visitorA, SHOP_A);
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(SHOP_A);
    expect(String(res.headers.vary)).toMatch(/origin/i);
    const created = await start(a, SHOP_A);
    expect(created.statusCode).toBe(201);
    expect(created.headers['access-control-allow-origin']).toBe(SHOP_A);
  });

  it('lets an allowed site read Retry-After on a 429, so the widget can wait exactly that long', async () => {
    let limited = await start(a, SHOP_A, '10.9.4.29');
    for (let i = 0; i < 40 && limited.statusCode !== 429; i++) limited = await start(a, SHOP_A, '10.9.4.29');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['access-control-allow-origin']).toBe(SHOP_A);
    // Retry-After is not a CORS-safelisted response header: without this, fetch() on the shop's page cannot see it.
    expect(String(limited.headers['access-control-expose-headers'])).toMatch(/retry-after/i);
  });

  it('refuses other sites without an Access-Control-Allow-Origin, before the request has any effect', async () => {
    const read = await messages(visitorA, EVIL);
    expect(read.statusCode).toBe(403);
    expect(read.json().error.code).toBe('origin_not_allowed');
    expect(read.headers['access-control-allow-origin']).toBeUndefined();

    const before = await t.as(a, () => t.app.zhida.database.db.selectFrom('visitors').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', a.id).executeTakeFirstOrThrow());
    const created = await start(a, EVIL);
    expect(created.statusCode).toBe(403);
    expect(created.headers['access-control-allow-origin']).toBeUndefined();
    const after = await t.as(a, () => t.app.zhida.database.db.selectFrom('visitors').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', a.id).executeTakeFirstOrThrow());
    expect(Number(after.n)).toBe(Number(before.n));

    const posted = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${visitorA.conversationId}/messages`, headers: { ...visitorA.headers, origin: EVIL }, payload: { text: '你好', clientMsgId: 'evil-1' } });
    expect(posted.statusCode).toBe(403);
    expect((await messages(visitorA)).json().items.some((m: { clientMsgId: string | null }) => m.clientMsgId === 'evil-1')).toBe(false);
  });

  it("does not let tenant A's allowed origin use tenant B's widget", async () => {
    const read = await messages(visitorB, SHOP_A);
    expect(read.statusCode).toBe(403);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    const created = await start(b, SHOP_A);
    expect(created.statusCode).toBe(403);
    expect(created.headers['access-control-allow-origin']).toBeUndefined();
    expect((await messages(visitorB, SHOP_B)).headers['access-control-allow-origin']).toBe(SHOP_B);
  });

  it('matches wildcard subdomains but not the bare domain', async () => {
    expect((await messages(visitorA, 'https://m.brand-a.cn')).headers['access-control-allow-origin']).toBe('https://m.brand-a.cn');
    expect((await messages(visitorA, 'https://a.b.brand-a.cn')).statusCode).toBe(200);
    const apex = await messages(visitorA, 'https://brand-a.cn');
    expect(apex.statusCode).toBe(403);
    expect(apex.headers['access-control-allow-origin']).toBeUndefined();
    expect((await messages(visitorA, 'http://m.brand-a.cn')).statusCode).toBe(403);
  });

  it('serves requests without an Origin (servers, apps) as before, with no CORS headers', async () => {
    const res = await messages(visitorA);
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect((await start(a)).statusCode).toBe(201);
  });

  it("always allows the platform's own pages, so the demo works with an empty list", async () => {
    const platform = `http://${new URL(url).host}`;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${visitorA.conversationId}/messages`, headers: { ...visitorA.headers, origin: platform, host: new URL(url).host } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(platform);
    const fresh = await t.createTenant(`origins-fresh-${backend}`);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: fresh.slug }, headers: { origin: platform, host: new URL(url).host } });
    expect(created.statusCode).toBe(201);
  });

  it('answers a preflight only for a site some tenant allows, and the real request is still checked per tenant', async () => {
    const ok = await preflight(SHOP_A);
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(SHOP_A);
    expect(ok.headers['access-control-allow-headers']).toContain('authorization');
    expect((await preflight('https://x.brand-a.cn')).headers['access-control-allow-origin']).toBe('https://x.brand-a.cn');
    const evil = await preflight(EVIL);
    expect(evil.statusCode).toBe(204);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    expect(evil.headers['access-control-allow-methods']).toBeUndefined();
    expect((await preflight('null')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets an allowed site read errors that carry no tenant data, and nobody else', async () => {
    const forged = { authorization: 'Bearer forged-token' };
    const fromShop = await t.app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${visitorA.conversationId}/messages`, headers: { ...forged, origin: SHOP_A } });
    expect(fromShop.statusCode).toBe(401);
    expect(fromShop.headers['access-control-allow-origin']).toBe(SHOP_A);
    const fromEvil = await t.app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${visitorA.conversationId}/messages`, headers: { ...forged, origin: EVIL } });
    expect(fromEvil.statusCode).toBe(401);
    expect(fromEvil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a /widget socket from a site the tenant does not allow', async () => {
    const open = (origin: string | undefined, v = visitorA) => {
      const s = io(`${url}/widget`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: v.token, conversationId: v.conversationId }, ...(origin ? { extraHeaders: { origin } } : {}) });
      sockets.push(s);
      return s;
    };
    await expect(connected(open(EVIL))).rejects.toThrow('forbidden_origin');
    await expect(connected(open(SHOP_B))).rejects.toThrow('forbidden_origin');
    await expect(connected(open(SHOP_A, visitorB))).rejects.toThrow('forbidden_origin');
    await connected(open(SHOP_A));
    await connected(open('https://m.brand-a.cn'));
    await connected(open(undefined));
  });

  it("sends the tenant's frame-ancestors on its demo page", async () => {
    const pageA = await t.app.inject({ method: 'GET', url: `/demo/${a.slug}` });
    expect(pageA.statusCode).toBe(200);
    expect(pageA.headers['content-security-policy']).toBe(`frame-ancestors 'self' ${SHOP_A} https://*.brand-a.cn`);
    expect((await t.app.inject({ method: 'GET', url: `/demo/${b.slug}` })).headers['content-security-policy']).toBe(`frame-ancestors 'self' ${SHOP_B}`);
    expect((await t.app.inject({ method: 'GET', url: '/demo/no-such-tenant' })).headers['content-security-policy']).toBe("frame-ancestors 'self'");
    expect((await t.app.inject({ method: 'GET', url: '/demo' })).headers['content-security-policy']).toBe("frame-ancestors 'self'");
  });
});

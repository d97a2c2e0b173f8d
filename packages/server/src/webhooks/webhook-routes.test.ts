import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../auth/secret-box.js';
import { ticketDatabase } from '../tickets/ticket-schema.js';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';

const backends = await testBackends();

// A public address written as an IP literal, so no DNS is needed (TEST-NET-3, never private).
const PUBLIC_URL = 'https://203.0.113.10/zhida/hook';

describe.each(backends)('webhooks admin API (%s)', (backend) => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let adminA: StaffSession;
  let adminB: StaffSession;

  beforeAll(async () => {
    // The default policy: https only, public targets only.
    t = await TestApp.start(backend);
    a = await t.createTenant('hooks-a');
    b = await t.createTenant('hooks-b');
    adminA = await t.login(a, 'admin');
    adminB = await t.login(b, 'admin');
  });
  afterAll(() => t.close());

  async function create(session: StaffSession, payload: Record<string, unknown>) {
    return t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: session.headers, payload });
  }

  it('creates an endpoint and shows its whsec_ secret once; lists never show it and it is stored sealed', async () => {
    const res = await create(adminA, { url: PUBLIC_URL, description: '工单同步', eventTypes: ['ticket.created', 'ticket.created', 'ticket.resolved'] });
    expect(res.statusCode, res.body).toBe(201);
    const { endpoint, secret } = res.json() as { endpoint: { id: string; url: string; eventTypes: string[]; active: boolean }; secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint).toMatchObject({ url: PUBLIC_URL, eventTypes: ['ticket.created', 'ticket.resolved'], active: true });

    const list = await t.app.inject({ url: '/api/v1/webhooks', headers: adminA.headers });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(secret.slice(6));
    expect(list.json().items.map((e: { id: string }) => e.id)).toContain(endpoint.id);

    const row = await t.system(() => ticketDatabase(t.app.zhida.database.db).selectFrom('webhook_endpoints').select('secret').where('id', '=', endpoint.id).executeTakeFirstOrThrow());
    expect(SecretBox.isSealed(row.secret)).toBe(true);
    expect(row.secret).not.toContain(secret.slice(6));
  });

  it.each([
    ['loopback', 'https://127.0.0.1/hook'],
    ['localhost (resolves to loopback)', 'https://localhost/hook'],
    ['cloud metadata', 'https://169.254.169.254/latest/meta-data/'],
    ['a private network', 'https://10.0.0.8/hook'],
    ['IPv6 loopback', 'https://[::1]/hook'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/hook'],
    ['a decimal IP', 'https://2130706433/hook'],
    ['plain http', 'http://203.0.113.10/hook'],
    ['file:', 'file:///etc/passwd'],
    ['credentials in the URL', 'https://user:pw@203.0.113.10/hook'],
  ])('refuses %s with a clear 400 on create and on update', async (_what, url) => {
    const res = await create(adminA, { url });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('webhook_url_refused');

    const ok = (await create(adminA, { url: PUBLIC_URL })).json() as { endpoint: { id: string } };
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${ok.endpoint.id}`, headers: adminA.headers, payload: { url } });
    expect(patch.statusCode, patch.body).toBe(400);
    expect(patch.json().error.code).toBe('webhook_url_refused');
    await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${ok.endpoint.id}`, headers: adminA.headers });
  });

  it('validates the body: unknown fields, bad event names, oversized input → 400', async () => {
    for (const payload of [{ url: PUBLIC_URL, tenantId: b.id }, { url: PUBLIC_URL, eventTypes: ['Ticket Created'] }, { url: PUBLIC_URL, eventTypes: 'ticket.created' }, {}, { url: 'x'.repeat(3000) }]) {
      const res = await create(adminA, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toMatch(/validation_error|webhook_url_refused/);
    }
  });

  it('updates, switches off and deletes an endpoint', async () => {
    const { endpoint } = (await create(adminA, { url: PUBLIC_URL })).json() as { endpoint: { id: string } };
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${endpoint.id}`, headers: adminA.headers, payload: { url: 'https://203.0.113.11/v2', eventTypes: ['ticket.closed'], active: false, description: '' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ url: 'https://203.0.113.11/v2', eventTypes: ['ticket.closed'], active: false, description: '' });
    const test = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${endpoint.id}/test`, headers: adminA.headers });
    expect(test.statusCode).toBe(409);
    expect(test.json().error.code).toBe('webhook_inactive');
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${endpoint.id}`, headers: adminA.headers });
    expect(del.statusCode).toBe(204);
    const again = await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${endpoint.id}`, headers: adminA.headers });
    expect(again.statusCode).toBe(404);
  });

  it('queues a webhook.test delivery that the deliveries list shows', async () => {
    const { endpoint } = (await create(adminA, { url: PUBLIC_URL, eventTypes: ['ticket.created'] })).json() as { endpoint: { id: string } };
    const test = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${endpoint.id}/test`, headers: adminA.headers });
    expect(test.statusCode, test.body).toBe(202);
    const list = await t.app.inject({ url: `/api/v1/webhooks/${endpoint.id}/deliveries`, headers: adminA.headers });
    expect(list.json().items).toEqual([expect.objectContaining({ id: test.json().id, eventType: 'webhook.test', status: 'pending', attempts: 0 })]);
    const bad = await t.app.inject({ url: `/api/v1/webhooks/${endpoint.id}/deliveries?status=lost`, headers: adminA.headers });
    expect(bad.statusCode).toBe(400);
  });

  it('is for admins only (tickets.admin)', async () => {
    for (const role of ['supervisor', 'agent', 'analyst'] as const) {
      const session = await t.login(a, role);
      expect((await t.app.inject({ url: '/api/v1/webhooks', headers: session.headers })).statusCode, role).toBe(403);
      expect((await create(session, { url: PUBLIC_URL })).statusCode, role).toBe(403);
    }
    expect((await t.app.inject({ url: '/api/v1/webhooks' })).statusCode).toBe(401);
  });

  it("answers 404 for another tenant's endpoint on every route and never lists it", async () => {
    const { endpoint } = (await create(adminB, { url: PUBLIC_URL, description: 'B 的接收端' })).json() as { endpoint: { id: string } };
    const bDelivery = (await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${endpoint.id}/test`, headers: adminB.headers })).json().id as string;
    const own = (await create(adminA, { url: PUBLIC_URL })).json().endpoint.id as string;
    const calls = [
      { method: 'POST' as const, url: `/api/v1/webhooks/${endpoint.id}/deliveries/${bDelivery}/retry` },
      // B's delivery under A's own endpoint is no better.
      { method: 'POST' as const, url: `/api/v1/webhooks/${own}/deliveries/${bDelivery}/retry` },
      { method: 'PATCH' as const, url: `/api/v1/webhooks/${endpoint.id}`, payload: { active: false } },
      { method: 'DELETE' as const, url: `/api/v1/webhooks/${endpoint.id}` },
      { method: 'GET' as const, url: `/api/v1/webhooks/${endpoint.id}/deliveries` },
      { method: 'POST' as const, url: `/api/v1/webhooks/${endpoint.id}/test` },
    ];
    for (const call of calls) {
      const res = await t.app.inject({ ...call, headers: adminA.headers });
      expect(res.statusCode, `${call.method} ${call.url}`).toBe(404);
    }
    const listA = await t.app.inject({ url: '/api/v1/webhooks', headers: adminA.headers });
    expect(listA.body).not.toContain(endpoint.id);
    const listB = (await t.app.inject({ url: '/api/v1/webhooks', headers: adminB.headers })).json().items as { id: string; active: boolean }[];
    expect(listB).toEqual([expect.objectContaining({ id: endpoint.id, active: true })]);
    expect((await t.app.inject({ url: `/api/v1/webhooks/${endpoint.id}/deliveries`, headers: adminB.headers })).json().items).toEqual([expect.objectContaining({ id: bDelivery, status: 'pending' })]);
  });

  it('an event of tenant A is never queued for B’s endpoints', async () => {
    const { endpoint } = (await create(adminB, { url: PUBLIC_URL })).json() as { endpoint: { id: string } };
    const db = ticketDatabase(t.app.zhida.database.db);
    await t.as(a, () => db.transaction().execute((trx) => t.app.zhida.webhookOutbox.enqueue(trx, a.id, 'ticket.created', { ticketId: 'a-only' })));
    expect((await t.app.inject({ url: `/api/v1/webhooks/${endpoint.id}/deliveries`, headers: adminB.headers })).json().items).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../db/schema.js';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';

const backends = await testBackends();

describe.each(backends)('role-based access (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  const sessions = {} as Record<Role, StaffSession>;
  let conversationId = '';

  beforeAll(async () => {
    t = await TestApp.start(backend);
    shop = await t.createTenant('rbac-shop');
    for (const role of ['admin', 'supervisor', 'agent', 'analyst'] as const) sessions[role] = await t.login(shop, role);
    conversationId = (await t.startVisitor(shop)).conversationId;
  });
  afterAll(() => t.close());

  // Expected statuses per role: [admin, supervisor, agent, analyst].
  const cases: { name: string; call: () => { method: string; url: string; payload?: object }; expect: [number, number, number, number] }[] = [
    { name: 'list conversations', call: () => ({ method: 'GET', url: '/api/v1/conversations' }), expect: [200, 200, 200, 200] },
    { name: 'reply to a conversation', call: () => ({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, payload: { text: '您好', clientMsgId: `r-${Math.random()}` } }), expect: [201, 201, 201, 403] },
    { name: 'close a conversation', call: () => ({ method: 'PATCH', url: `/api/v1/conversations/${conversationId}`, payload: { status: 'open' } }), expect: [200, 200, 200, 403] },
    { name: 'read the FAQ', call: () => ({ method: 'GET', url: '/api/v1/kb/faqs' }), expect: [200, 200, 200, 200] },
    { name: 'write the FAQ', call: () => ({ method: 'POST', url: '/api/v1/kb/faqs', payload: { question: `问题${Math.random()}`, answer: '答案' } }), expect: [201, 201, 403, 403] },
    { name: 'list users', call: () => ({ method: 'GET', url: '/api/v1/users' }), expect: [200, 200, 403, 403] },
    { name: 'create users', call: () => ({ method: 'POST', url: '/api/v1/users', payload: { email: `u${Math.random().toString(36).slice(2)}@x.cn`, name: 'N', role: 'agent', password: 'long enough pw' } }), expect: [201, 403, 403, 403] },
    { name: 'manage API keys', call: () => ({ method: 'GET', url: '/api/v1/api-keys' }), expect: [200, 403, 403, 403] },
    { name: 'read widget security settings', call: () => ({ method: 'GET', url: '/api/v1/settings/widget-security' }), expect: [200, 403, 403, 403] },
    { name: 'change allowed widget origins', call: () => ({ method: 'PUT', url: '/api/v1/settings/widget-security', payload: { allowedOrigins: ['https://shop.example.com'] } }), expect: [200, 403, 403, 403] },
    { name: 'change identity verification', call: () => ({ method: 'PUT', url: '/api/v1/settings/widget-security/identity', payload: { mode: 'optional' } }), expect: [200, 403, 403, 403] },
    { name: 'rotate the identity secret', call: () => ({ method: 'POST', url: '/api/v1/settings/widget-security/identity/secret' }), expect: [200, 403, 403, 403] },
  ];

  for (const c of cases) {
    it(`enforces who may ${c.name}`, async () => {
      const roles = ['admin', 'supervisor', 'agent', 'analyst'] as const;
      const got: number[] = [];
      for (const role of roles) {
        const { method, url, payload } = c.call();
        const res = await t.app.inject({ method: method as 'GET', url, headers: sessions[role].headers, ...(payload ? { payload } : {}) });
        got.push(res.statusCode);
        if (res.statusCode === 403) expect(res.json().error.code).toBe('forbidden');
      }
      expect(got).toEqual(c.expect);
    });
  }

  it('requires credentials on every staff route', async () => {
    for (const r of t.app.zhida.routes.filter((r) => r.auth !== 'public' && r.auth !== 'visitor')) {
      const url = r.url.replace(':id', conversationId);
      const res = await t.app.inject({ method: r.method as 'GET', url, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('acts with the role of an API key, and stops after revocation', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: sessions.admin.headers, payload: { name: 'CRM 集成', role: 'agent' } });
    expect(created.statusCode).toBe(201);
    const { secret, apiKey } = created.json();
    expect(secret).toMatch(/^zk_/);
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await t.app.inject({ url: '/api/v1/conversations', headers: bearer })).statusCode).toBe(200);
    // Bearer keys are not cookies: no CSRF token is needed, but the role still applies.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/kb/faqs', headers: bearer, payload: { question: 'q', answer: 'a' } })).statusCode).toBe(403);
    const stored = await t.system(() => t.app.zhida.database.db.selectFrom('api_keys').select('key_hash').where('id', '=', apiKey.id).executeTakeFirstOrThrow());
    expect(stored.key_hash).not.toContain(secret);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}`, headers: sessions.admin.headers })).statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/v1/conversations', headers: bearer });
    expect(after.statusCode).toBe(401);
  });
});

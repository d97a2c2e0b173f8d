import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, TEST_PASSWORD, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';

const backends = await testBackends();

describe.each(backends)('staff authentication (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;

  beforeAll(async () => {
    t = await TestApp.start(backend);
    shop = await t.createTenant('auth-shop', '认证商城');
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, ip = '10.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: shop.slug, email, password }, remoteAddress: ip });

  it('logs in with an httpOnly SameSite cookie and returns the user and a CSRF token', async () => {
    const res = await login(shop.users.agent.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'zhida_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(res.json()).toMatchObject({ user: { role: 'agent', tenantName: '认证商城', email: shop.users.agent.email } });
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `zhida_session=${cookie.value}` } });
    expect(me.json().csrfToken).toBe(res.json().csrfToken);
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const wrong = await login(shop.users.agent.email, 'nope', '10.0.0.2');
    const unknown = await login('nobody@x.cn', 'nope', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('stores passwords as scrypt hashes', async () => {
    const row = await t.as(shop, () => t.app.zhida.database.db.selectFrom('users').select('password_hash').where('id', '=', shop.users.admin.id).executeTakeFirstOrThrow());
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('locks an account after 10 failed logins in 10 minutes and audits it', async () => {
    const email = shop.users.analyst.email;
    for (let i = 0; i < 10; i++) expect((await login(email, `bad-${i}`, `10.0.1.${i}`)).statusCode).toBe(401);
    const locked = await login(email, TEST_PASSWORD, '10.0.1.99');
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBeDefined();
    const audit = await t.as(shop, () => t.app.zhida.database.db.selectFrom('audit_log').select('action').where('tenant_id', '=', shop.id).where('action', '=', 'auth.account_locked').execute());
    expect(audit.length).toBeGreaterThan(0);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const s = await t.login(shop, 'admin');
    const without = await t.app.inject({ method: 'POST', url: '/api/v1/kb/faqs', headers: { cookie: s.cookie }, payload: { question: 'q', answer: 'a' } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_failed');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/kb/faqs', headers: { cookie: s.cookie, 'x-csrf-token': 'guess' }, payload: { question: 'q', answer: 'a' } });
    expect(wrong.statusCode).toBe(403);
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/kb/faqs', headers: s.headers, payload: { question: 'q', answer: 'a' } });
    expect(right.statusCode).toBe(201);
  });

  it('ends the session on logout', async () => {
    const s = await t.login(shop, 'supervisor');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('revokes every other session when the password changes', async () => {
    const other = await t.createTenant('pw-shop');
    const s1 = await t.login(other, 'agent');
    const s2 = await t.login(other, 'agent');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: s1.headers, payload: { currentPassword: TEST_PASSWORD, newPassword: 'a much better passphrase' } });
    expect(res.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: s2.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: s1.cookie } })).statusCode).toBe(200);
    const oldPw = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: other.slug, email: other.users.agent.email, password: TEST_PASSWORD } });
    expect(oldPw.statusCode).toBe(401);
  });

  it('ends sessions of a deactivated user', async () => {
    const admin = await t.login(shop, 'admin');
    const victim = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { email: 'temp@auth-shop.test', name: '临时客服', role: 'agent', password: 'temporary pass' } });
    const id = victim.json().id;
    const vs = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: shop.slug, email: 'temp@auth-shop.test', password: 'temporary pass' } });
    const cookie = `zhida_session=${vs.cookies.find((c) => c.name === 'zhida_session')!.value}`;
    await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: admin.headers, payload: { active: false } });
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

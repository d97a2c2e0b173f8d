import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { identityHash } from '../widget/identity-verifier.js';

const backends = await testBackends();
const BASE = '/api/v1/settings/widget-security';

describe.each(backends)('widget security settings API (%s)', (backend) => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let admin: StaffSession;
  let agent: StaffSession;

  const call = (method: 'GET' | 'PUT' | 'POST', url: string, session: StaffSession, payload?: object) =>
    t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
  const storedSecret = async (tenantId: string) =>
    (await t.app.zhida.database.db.selectFrom('tenants').select('identity_secret').where('id', '=', tenantId).executeTakeFirstOrThrow()).identity_secret;
  const auditRows = (tenantId: string) =>
    t.system(() => t.app.zhida.database.db.selectFrom('audit_log').select(['action', 'actor_id', 'detail']).where('tenant_id', '=', tenantId).where('action', 'like', 'widget.%').orderBy('created_at').execute());

  beforeAll(async () => {
    t = await TestApp.start(backend);
    a = await t.createTenant('settings-a');
    b = await t.createTenant('settings-b');
    admin = await t.login(a, 'admin');
    agent = await t.login(a, 'agent');
  });
  afterAll(() => t.close());

  it('starts with no allowed origins and identity verification off', async () => {
    const res = await call('GET', BASE, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ allowedOrigins: [], identity: { mode: 'off', secretSet: false } });
  });

  it('stores normalised origins for the caller’s tenant only, and audits the change', async () => {
    const res = await call('PUT', BASE, admin, { allowedOrigins: ['https://Shop.Example.com/', 'https://*.brand.cn', 'http://localhost:5173', 'https://shop.example.com:443'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ allowedOrigins: ['https://shop.example.com', 'https://*.brand.cn', 'http://localhost:5173'], identity: { mode: 'off', secretSet: false } });
    expect((await call('GET', BASE, admin)).json().allowedOrigins).toHaveLength(3);
    expect((await t.app.zhida.tenants.findById(b.id))!.widgetAllowedOrigins).toEqual([]);
    const rows = await auditRows(a.id);
    expect(rows.at(-1)).toMatchObject({ action: 'widget.allowed_origins_updated', actor_id: a.users.admin.id });
    expect(rows.at(-1)!.detail).toMatchObject({ added: ['https://shop.example.com', 'https://*.brand.cn', 'http://localhost:5173'], removed: [] });
    expect(await auditRows(b.id)).toEqual([]);

    const cleared = await call('PUT', BASE, admin, { allowedOrigins: ['https://shop.example.com'] });
    expect(cleared.json().allowedOrigins).toEqual(['https://shop.example.com']);
    expect((await auditRows(a.id)).at(-1)!.detail).toMatchObject({ added: [], removed: ['https://*.brand.cn', 'http://localhost:5173'] });
  });

  it('rejects a bad origin with a 400 that names it, and changes nothing', async () => {
    for (const bad of ['*', 'https://shop.example.com/path', 'http://shop.example.com', 'https://user:pw@shop.example.com', 'https://*.com', 'shop.example.com']) {
      const res = await call('PUT', BASE, admin, { allowedOrigins: ['https://fine.example.com', bad] });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('validation_error');
      expect(res.json().error.message).toContain(`"${bad}"`);
    }
    const tooMany = await call('PUT', BASE, admin, { allowedOrigins: Array.from({ length: 51 }, (_, i) => `https://s${i}.example.com`) });
    expect(tooMany.statusCode).toBe(400);
    expect((await call('PUT', BASE, admin, { allowedOrigins: 'https://x.example.com' })).statusCode).toBe(400);
    expect((await call('PUT', BASE, admin, { allowedOrigins: [], tenantId: b.id })).statusCode).toBe(400);
    expect((await call('GET', BASE, admin)).json().allowedOrigins).toEqual(['https://shop.example.com']);
  });

  it('needs the CSRF token for cookie-authenticated writes', async () => {
    const res = await t.app.inject({ method: 'PUT', url: BASE, headers: { cookie: admin.cookie }, payload: { allowedOrigins: [] } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
  });

  it('refuses non-admins with 403 forbidden', async () => {
    for (const [method, url, payload] of [
      ['GET', BASE],
      ['PUT', BASE, { allowedOrigins: [] }],
      ['PUT', `${BASE}/identity`, { mode: 'required' }],
      ['POST', `${BASE}/identity/secret`],
    ] as const) {
      const res = await call(method, url, agent, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect((await t.app.zhida.tenants.findById(a.id))!.identityMode).toBe('off');
  });

  it('creates the identity secret when verification is switched on, shows it once, and it verifies visitors', async () => {
    const on = await call('PUT', `${BASE}/identity`, admin, { mode: 'required' });
    expect(on.statusCode).toBe(200);
    expect(on.headers['cache-control']).toBe('no-store');
    const { secret, ...rest } = on.json();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rest).toEqual({ allowedOrigins: ['https://shop.example.com'], identity: { mode: 'required', secretSet: true } });

    const got = await call('GET', BASE, admin);
    expect(got.json()).toEqual({ allowedOrigins: ['https://shop.example.com'], identity: { mode: 'required', secretSet: true } });
    expect(got.body).not.toContain(secret);
    const stored = await storedSecret(a.id);
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(secret);
    // Switching modes again keeps the secret, so it is not shown again.
    const optional = await call('PUT', `${BASE}/identity`, admin, { mode: 'optional' });
    expect(optional.json().secret).toBeUndefined();
    expect(optional.json().identity).toEqual({ mode: 'optional', secretSet: true });

    const verified = await t.startVisitor(a, { userId: 'u-1', userHash: identityHash(secret, 'u-1') });
    expect(verified.token).toBeTruthy();
    const forged = await t.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: a.slug, userId: 'u-1', userHash: identityHash('wrong', 'u-1') } });
    expect(forged.statusCode).toBe(401);

    const rows = await auditRows(a.id);
    expect(rows.filter((r) => r.action === 'widget.identity_mode_changed').map((r) => r.detail)).toEqual([
      { from: 'off', to: 'required', secretCreated: true },
      { from: 'required', to: 'optional', secretCreated: false },
    ]);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('rotates the secret: the new one works, the old one stops, neither is readable later', async () => {
    const before = (await t.app.zhida.tenants.identitySecret(a.id))!;
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    const res = await call('POST', `${BASE}/identity/secret`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { secret } = res.json();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(secret).not.toBe(before);
    expect((await call('GET', BASE, admin)).body).not.toContain(secret);
    const stored = await storedSecret(a.id);
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(secret);
    expect(await t.app.zhida.tenants.identitySecret(a.id)).toBe(secret);

    expect((await t.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: a.slug, userId: 'u-2', userHash: identityHash(before, 'u-2') } })).statusCode).toBe(401);
    expect((await t.startVisitor(a, { userId: 'u-2', userHash: identityHash(secret, 'u-2') })).token).toBeTruthy();

    const last = (await auditRows(a.id)).at(-1)!;
    expect(last.action).toBe('widget.identity_secret_rotated');
    expect(JSON.stringify(last)).not.toContain(secret);
    expect((await t.app.zhida.tenants.findById(b.id))!.identitySecretSet).toBe(false);
    expect(await t.app.zhida.tenants.identitySecret(b.id)).toBeNull();
    expect(await storedSecret(b.id)).toBeNull();
  });

  it('hands out one secret when two admins switch verification on at the same time', async () => {
    const c = await t.createTenant('settings-race');
    const [first, second] = await Promise.all([t.login(c, 'admin'), t.login(c, 'admin')]);
    const results = await Promise.all([call('PUT', `${BASE}/identity`, first, { mode: 'required' }), call('PUT', `${BASE}/identity`, second, { mode: 'optional' })]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const shown = results.map((r) => r.json().secret as string | undefined).filter((s) => s !== undefined);
    expect(shown).toHaveLength(1);
    expect(await t.app.zhida.tenants.identitySecret(c.id)).toBe(shown[0]);
    expect(await storedSecret(c.id)).not.toContain(shown[0]!);
    expect((await t.startVisitor(c, { userId: 'u-1', userHash: identityHash(shown[0]!, 'u-1') }, '10.3.0.1')).token).toBeTruthy();

    // The same at the repository, where each caller's candidate is sealed differently: both get the secret actually stored.
    const d = await t.createTenant('settings-race-repo');
    const stored = await Promise.all(['candidate-1', 'candidate-2', 'candidate-3'].map((candidate) => t.app.zhida.tenants.setIdentityMode(d.id, 'required', candidate)));
    expect(new Set(stored).size).toBe(1);
    expect(['candidate-1', 'candidate-2', 'candidate-3']).toContain(stored[0]);
    expect(await t.app.zhida.tenants.identitySecret(d.id)).toBe(stored[0]);
  });

  it('keeps a secret stored in plaintext before encryption, storing it encrypted when the mode changes', async () => {
    const c = await t.createTenant('settings-legacy');
    const legacy = 'legacy-plaintext-secret';
    await t.app.zhida.database.db.updateTable('tenants').set({ identity_mode: 'optional', identity_secret: legacy }).where('id', '=', c.id).execute();
    const res = await call('PUT', `${BASE}/identity`, await t.login(c, 'admin'), { mode: 'required' });
    expect(res.statusCode).toBe(200);
    expect(res.json().secret).toBeUndefined();
    expect(res.json().identity).toEqual({ mode: 'required', secretSet: true });
    const stored = await storedSecret(c.id);
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(legacy);
    expect(await t.app.zhida.tenants.identitySecret(c.id)).toBe(legacy);
  });

  it('switches off without losing the secret, and validates the mode', async () => {
    const off = await call('PUT', `${BASE}/identity`, admin, { mode: 'off' });
    expect(off.json()).toEqual({ allowedOrigins: ['https://shop.example.com'], identity: { mode: 'off', secretSet: true } });
    const bad = await call('PUT', `${BASE}/identity`, admin, { mode: 'sometimes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_error');
  });

  it('acts for an admin API key too, in its own tenant', async () => {
    const { secret: key } = await t.as(b, () => t.app.zhida.apiKeys.create({ tenantId: b.id }, { name: 'ops', role: 'admin' }));
    const res = await t.app.inject({ method: 'PUT', url: BASE, headers: { authorization: `Bearer ${key}` }, payload: { allowedOrigins: ['https://b.example.com'] } });
    expect(res.statusCode).toBe(200);
    expect((await t.app.zhida.tenants.findById(b.id))!.widgetAllowedOrigins).toEqual(['https://b.example.com']);
    expect((await t.app.zhida.tenants.findById(a.id))!.widgetAllowedOrigins).toEqual(['https://shop.example.com']);
    expect((await auditRows(b.id)).at(-1)).toMatchObject({ action: 'widget.allowed_origins_updated' });
  });
});

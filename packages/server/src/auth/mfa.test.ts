import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, TEST_PASSWORD, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { base32Decode, base32Encode } from './base32.js';
import { mfaSecretContext } from './mfa-service.js';
import { SecretBox, SecretBoxError } from './secret-box.js';
import { totp } from './totp.js';

const backends = await testBackends();

describe.each(backends)('staff MFA (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  // The service's TOTP clock; each test moves it on so every code belongs to a fresh time step.
  let clock = Date.UTC(2026, 0, 1);
  const tick = () => (clock += 120_000);
  // A key being rotated out (ZHIDA_SECRET_KEY_PREVIOUS).
  const previousKey = randomBytes(32);

  beforeAll(async () => {
    t = await TestApp.start(backend, { previousSecretKeys: [previousKey] });
    t.app.zhida.auth.mfa.now = () => clock;
    shop = await t.createTenant('mfa-shop');
  });
  afterAll(() => t.close());

  const db = () => t.app.zhida.database.db;
  const passwordLogin = (tenant: TestTenant, email: string, ip: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: tenant.slug, email, password: TEST_PASSWORD }, remoteAddress: ip });
  const mfaLogin = (challengeToken: string, code: string, ip: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login/mfa', payload: { challengeToken, code }, remoteAddress: ip });
  const post = (s: StaffSession, url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: s.headers, ...(payload ? { payload } : {}) });
  const auditActions = async (userId: string) =>
    (await t.system(() => db().selectFrom('audit_log').select(['action', 'detail']).where('actor_id', '=', userId).orderBy('created_at').execute())).map((r) => ({ action: r.action, detail: r.detail }));

  /** Enrolls the session's user and returns the decoded secret. */
  async function enroll(s: StaffSession): Promise<Buffer> {
    const started = await post(s, '/api/v1/auth/mfa/enroll');
    expect(started.statusCode).toBe(200);
    const key = base32Decode(started.json().secret)!;
    const confirmed = await post(s, '/api/v1/auth/mfa/confirm', { code: totp(key, tick()) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return key;
  }

  it('enrolls: a pending secret, then a correct code switches MFA on', async () => {
    const s = await t.login(shop, 'agent');
    expect((await t.app.inject({ url: '/api/v1/auth/mfa', headers: s.headers })).json()).toEqual({ enabled: false, pending: false, required: false });

    const started = await post(s, '/api/v1/auth/mfa/enroll');
    expect(started.statusCode).toBe(200);
    expect(started.headers['cache-control']).toBe('no-store');
    const { secret, otpauthUri } = started.json() as { secret: string; otpauthUri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 160 bits
    expect(otpauthUri).toBe(`otpauth://totp/Zhida:${shop.users.agent.email}?secret=${secret}&issuer=Zhida`);
    const row = await t.system(() => db().selectFrom('users').select(['mfa_secret', 'mfa_pending_secret']).where('id', '=', shop.users.agent.id).executeTakeFirstOrThrow());
    expect(row.mfa_secret).toBeNull();
    expect(row.mfa_pending_secret).toMatch(/^v1:/);
    expect(row.mfa_pending_secret).not.toContain(secret);
    expect((await t.app.inject({ url: '/api/v1/auth/mfa', headers: s.headers })).json()).toMatchObject({ enabled: false, pending: true });

    const key = base32Decode(secret)!;
    const wrong = await post(s, '/api/v1/auth/mfa/confirm', { code: totp(key, clock + 3_600_000) });
    expect(wrong.statusCode).toBe(400);
    const malformed = await post(s, '/api/v1/auth/mfa/confirm', { code: '12ab56' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('validation_error');
    expect((await t.app.inject({ url: '/api/v1/auth/mfa', headers: s.headers })).json().enabled).toBe(false);

    const ok = await post(s, '/api/v1/auth/mfa/confirm', { code: totp(key, tick()) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ enabled: true, pending: false, required: false });
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: s.headers })).json().user.mfaEnabled).toBe(true);
    expect((await post(s, '/api/v1/auth/mfa/enroll')).json().error.code).toBe('mfa_already_enabled');
    const actions = (await auditActions(shop.users.agent.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.mfa_enrollment_started', 'auth.mfa_failed', 'auth.mfa_enabled']));
  });

  const storedSecrets = (userId: string) => t.system(() => db().selectFrom('users').select(['mfa_secret', 'mfa_pending_secret']).where('id', '=', userId).executeTakeFirstOrThrow());

  it('stores the secret encrypted, not as the base32 the authenticator app gets', async () => {
    const other = await t.createTenant('mfa-at-rest');
    const s = await t.login(other, 'agent');
    const started = await post(s, '/api/v1/auth/mfa/enroll');
    const secret = started.json().secret as string;
    const pending = (await storedSecrets(other.users.agent.id)).mfa_pending_secret!;
    expect(pending).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(pending).not.toContain(secret);
    expect(await post(s, '/api/v1/auth/mfa/confirm', { code: totp(base32Decode(secret)!, tick()) })).toHaveProperty('statusCode', 200);

    const { mfa_secret: stored } = await storedSecrets(other.users.agent.id);
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(secret);
    expect(stored!.toUpperCase()).not.toContain(secret);
    // Read with raw SQL too, as a database dump would see it.
    const { rows } = await t.system(() => sql<{ mfa_secret: string }>`select mfa_secret from users where id = ${other.users.agent.id}`.execute(db()));
    expect(rows[0]!.mfa_secret).toBe(stored);
  });

  it('still accepts a secret stored in plaintext before encryption, and encrypts it at the next login', async () => {
    const other = await t.createTenant('mfa-legacy');
    const s = await t.login(other, 'agent');
    const key = await enroll(s);
    const secret = base32Encode(key);
    // A row as the previous version wrote it.
    await t.system(() => db().updateTable('users').set({ mfa_secret: secret }).where('id', '=', other.users.agent.id).execute());
    expect((await t.app.inject({ url: '/api/v1/auth/mfa', headers: s.headers })).json().enabled).toBe(true);

    const { challengeToken } = (await passwordLogin(other, other.users.agent.email, '10.9.6.1')).json();
    const ok = await mfaLogin(challengeToken, totp(key, tick()), '10.9.6.1');
    expect(ok.statusCode, ok.body).toBe(200);
    const { mfa_secret: rewritten } = await storedSecrets(other.users.agent.id);
    expect(rewritten).toMatch(/^v1:/);
    expect(rewritten).not.toContain(secret);

    // The rewritten value opens: the next login and switching MFA off both take a code.
    const again = (await passwordLogin(other, other.users.agent.email, '10.9.6.1')).json().challengeToken;
    expect((await mfaLogin(again, totp(key, tick()), '10.9.6.1')).statusCode).toBe(200);
    expect((await post(s, '/api/v1/auth/mfa/disable', { code: totp(key, tick()) })).statusCode).toBe(200);
  });

  it('accepts a secret sealed with a key being rotated out, and seals it with the current key at the next login', async () => {
    const other = await t.createTenant('mfa-rotated');
    const s = await t.login(other, 'agent');
    const key = await enroll(s);
    const sealedOld = new SecretBox(previousKey).seal(base32Encode(key), mfaSecretContext(other.id, other.users.agent.id));
    await t.system(() => db().updateTable('users').set({ mfa_secret: sealedOld }).where('id', '=', other.users.agent.id).execute());

    const { challengeToken } = (await passwordLogin(other, other.users.agent.email, '10.9.6.5')).json();
    const ok = await mfaLogin(challengeToken, totp(key, tick()), '10.9.6.5');
    expect(ok.statusCode, ok.body).toBe(200);
    const { mfa_secret: rewritten } = await storedSecrets(other.users.agent.id);
    expect(rewritten).toMatch(/^v1:/);
    expect(rewritten).not.toBe(sealedOld);
    expect(() => new SecretBox(previousKey).open(rewritten!, mfaSecretContext(other.id, other.users.agent.id))).toThrow(SecretBoxError);
    const again = (await passwordLogin(other, other.users.agent.email, '10.9.6.5')).json().challengeToken;
    expect((await mfaLogin(again, totp(key, tick()), '10.9.6.5')).statusCode).toBe(200);
  });

  it('a wrong code against a plaintext secret leaves it as it is', async () => {
    const other = await t.createTenant('mfa-legacy-wrong');
    const key = await enroll(await t.login(other, 'agent'));
    const secret = base32Encode(key);
    await t.system(() => db().updateTable('users').set({ mfa_secret: secret }).where('id', '=', other.users.agent.id).execute());
    const { challengeToken } = (await passwordLogin(other, other.users.agent.email, '10.9.7.1')).json();
    expect((await mfaLogin(challengeToken, totp(key, clock + 3_600_000), '10.9.7.1')).statusCode).toBe(401);
    expect((await storedSecrets(other.users.agent.id)).mfa_secret).toBe(secret);
  });

  it('confirms an enrollment whose pending secret was stored in plaintext, storing it encrypted', async () => {
    const other = await t.createTenant('mfa-legacy-pending');
    const s = await t.login(other, 'agent');
    const secret = (await post(s, '/api/v1/auth/mfa/enroll')).json().secret as string;
    await t.system(() => db().updateTable('users').set({ mfa_pending_secret: secret }).where('id', '=', other.users.agent.id).execute());
    expect((await post(s, '/api/v1/auth/mfa/confirm', { code: totp(base32Decode(secret)!, tick()) })).statusCode).toBe(200);
    const stored = await storedSecrets(other.users.agent.id);
    expect(stored.mfa_pending_secret).toBeNull();
    expect(stored.mfa_secret).toMatch(/^v1:/);
    expect(stored.mfa_secret).not.toContain(secret);
  });

  it("refuses an encrypted secret copied from another user's row", async () => {
    const other = await t.createTenant('mfa-swap');
    const key = await enroll(await t.login(other, 'agent'));
    await enroll(await t.login(other, 'supervisor'));
    const { mfa_secret: agentSecret } = await storedSecrets(other.users.agent.id);
    await t.system(() => db().updateTable('users').set({ mfa_secret: agentSecret }).where('id', '=', other.users.supervisor.id).execute());
    const { challengeToken } = (await passwordLogin(other, other.users.supervisor.email, '10.9.8.1')).json();
    const res = await mfaLogin(challengeToken, totp(key, tick()), '10.9.8.1');
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('internal_error');
  });

  it('needs the code after the password: a challenge first, then the session', async () => {
    const other = await t.createTenant('mfa-login');
    const key = await enroll(await t.login(other, 'agent'));
    const first = await passwordLogin(other, other.users.agent.email, '10.9.0.1');
    expect(first.statusCode).toBe(200);
    expect(first.cookies.find((c) => c.name === 'zhida_session')).toBeUndefined();
    expect(first.json()).toMatchObject({ mfaRequired: true, expiresInSeconds: 300 });
    expect(first.json().user).toBeUndefined();

    const second = await mfaLogin(first.json().challengeToken, totp(key, tick()), '10.9.0.1');
    expect(second.statusCode).toBe(200);
    const cookie = second.cookies.find((c) => c.name === 'zhida_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(second.json()).toMatchObject({ user: { email: other.users.agent.email, mfaEnabled: true }, mfaEnrollmentRequired: false });
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `zhida_session=${cookie.value}` } });
    expect(me.json().csrfToken).toBe(second.json().csrfToken);
    const login = (await auditActions(other.users.agent.id)).filter((a) => a.action === 'auth.login').at(-1);
    expect(login?.detail).toMatchObject({ mfa: true });
  });

  it('refuses a wrong code, audits it and counts it toward the login throttle', async () => {
    const other = await t.createTenant('mfa-wrong');
    const key = await enroll(await t.login(other, 'supervisor'));
    const email = other.users.supervisor.email;
    const { challengeToken } = (await passwordLogin(other, email, '10.9.1.1')).json();
    const wrong = await mfaLogin(challengeToken, totp(key, clock + 3_600_000), '10.9.1.1');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('unauthorized');
    const failed = (await auditActions(other.users.supervisor.id)).filter((a) => a.action === 'auth.mfa_failed');
    expect(failed.at(-1)?.detail).toMatchObject({ stage: 'login', reason: 'wrong_code', ip: '10.9.1.1' });
    const attempts = await t.system(() => db().selectFrom('login_attempts').select('succeeded').where('subject', '=', `${other.slug}:${email}`).execute());
    expect(attempts.filter((a) => !a.succeeded)).toHaveLength(1);

    // Nine more wrong codes (ten failures in all) lock the account: even a right code, or the password, is refused.
    for (let i = 0; i < 9; i++) expect((await mfaLogin(challengeToken, '000000', `10.9.1.${10 + i}`)).statusCode).not.toBe(200);
    const locked = await mfaLogin(challengeToken, totp(key, tick()), '10.9.1.99');
    expect(locked.statusCode).toBe(429);
    expect((await passwordLogin(other, email, '10.9.1.98')).statusCode).toBe(429);
    const lockAudit = await t.system(() => db().selectFrom('audit_log').select('action').where('tenant_id', '=', other.id).where('action', '=', 'auth.account_locked').execute());
    expect(lockAudit.length).toBeGreaterThan(0);
  });

  it('refuses a code that was already used, even with a new challenge', async () => {
    const other = await t.createTenant('mfa-replay');
    const key = await enroll(await t.login(other, 'agent'));
    // The code that confirmed enrollment (same step, the clock has not moved) cannot log in.
    const a = (await passwordLogin(other, other.users.agent.email, '10.9.2.1')).json().challengeToken;
    expect((await mfaLogin(a, totp(key, clock), '10.9.2.1')).statusCode).toBe(401);

    const code = totp(key, tick());
    expect((await mfaLogin(a, code, '10.9.2.1')).statusCode).toBe(200);
    const b = (await passwordLogin(other, other.users.agent.email, '10.9.2.1')).json().challengeToken;
    const replay = await mfaLogin(b, code, '10.9.2.1');
    expect(replay.statusCode).toBe(401);
    const failed = (await auditActions(other.users.agent.id)).filter((x) => x.action === 'auth.mfa_failed');
    expect(failed.map((f) => f.detail)).toEqual([expect.objectContaining({ reason: 'replayed' }), expect.objectContaining({ reason: 'replayed' })]);
    expect((await mfaLogin(b, totp(key, tick()), '10.9.2.1')).statusCode).toBe(200);
  });

  it('refuses a used or expired challenge', async () => {
    const other = await t.createTenant('mfa-challenge');
    const key = await enroll(await t.login(other, 'agent'));
    const token = (await passwordLogin(other, other.users.agent.email, '10.9.3.1')).json().challengeToken;
    expect((await mfaLogin(token, totp(key, tick()), '10.9.3.1')).statusCode).toBe(200);
    const reused = await mfaLogin(token, totp(key, tick()), '10.9.3.1');
    expect(reused.statusCode).toBe(401);

    const expiring = (await passwordLogin(other, other.users.agent.email, '10.9.3.1')).json().challengeToken;
    await t.system(() => db().updateTable('mfa_challenges').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', other.users.agent.id).where('used_at', 'is', null).execute());
    expect((await mfaLogin(expiring, totp(key, tick()), '10.9.3.1')).statusCode).toBe(401);
    expect((await mfaLogin('mfa_made-up', totp(key, tick()), '10.9.3.1')).statusCode).toBe(401);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/mfa', payload: { challengeToken: expiring, code: 'abc' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_error');
  });

  it('switches MFA off only with a current code', async () => {
    const other = await t.createTenant('mfa-disable');
    const s = await t.login(other, 'agent');
    const key = await enroll(s);
    // Confirming ended other sessions but kept this one.
    expect((await post(s, '/api/v1/auth/mfa/disable', {})).statusCode).toBe(400);
    expect((await post(s, '/api/v1/auth/mfa/disable', { code: totp(key, clock + 3_600_000) })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/auth/mfa', headers: s.headers })).json().enabled).toBe(true);
    const off = await post(s, '/api/v1/auth/mfa/disable', { code: totp(key, tick()) });
    expect(off.statusCode).toBe(200);
    expect(off.json().enabled).toBe(false);
    const login = await passwordLogin(other, other.users.agent.email, '10.9.4.1');
    expect(login.json().user.mfaEnabled).toBe(false);
    expect(login.cookies.find((c) => c.name === 'zhida_session')).toBeDefined();
    expect((await auditActions(other.users.agent.id)).map((a) => a.action)).toContain('auth.mfa_disabled');
  });

  it('ends the user’s other sessions when MFA is switched on', async () => {
    const other = await t.createTenant('mfa-revoke');
    const older = await t.login(other, 'agent');
    const s = await t.login(other, 'agent');
    await enroll(s);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: older.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: s.headers })).statusCode).toBe(200);
  });

  it('mfaRequired limits a session without MFA to enrollment until it is confirmed; API keys are unaffected', async () => {
    const other = await t.createTenant('mfa-required');
    const admin = await t.login(other, 'admin');
    const analystBefore = await t.login(other, 'analyst');
    const { secret: apiKey } = await t.as(other, () => t.app.zhida.apiKeys.create({ tenantId: other.id }, { name: 'bot', role: 'agent' }));

    // The admin must have MFA before requiring it of everyone.
    const early = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/staff-security', headers: admin.headers, payload: { mfaRequired: true } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('mfa_not_enabled');
    await enroll(admin);
    const on = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/staff-security', headers: admin.headers, payload: { mfaRequired: true } });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toEqual({ mfaRequired: true });
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/settings/staff-security', headers: admin.headers, payload: { mfaRequired: 'yes' } })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/conversations', headers: admin.headers })).statusCode).toBe(200);

    // A session that existed before is limited at once.
    const limitedOld = await t.app.inject({ url: '/api/v1/conversations', headers: analystBefore.headers });
    expect(limitedOld.statusCode).toBe(403);
    expect(limitedOld.json()).toEqual({ error: { code: 'mfa_enrollment_required', message: expect.any(String) } });

    const login = await passwordLogin(other, other.users.agent.email, '10.9.5.1');
    expect(login.statusCode).toBe(200);
    expect(login.json().mfaEnrollmentRequired).toBe(true);
    const cookie = `zhida_session=${login.cookies.find((c) => c.name === 'zhida_session')!.value}`;
    const agent: StaffSession = { cookie, csrf: login.json().csrfToken, headers: { cookie, 'x-csrf-token': login.json().csrfToken } };
    for (const [method, url] of [['GET', '/api/v1/conversations'], ['GET', '/api/v1/kb/faqs'], ['POST', '/api/v1/auth/password'], ['GET', '/api/v1/users']] as const) {
      const res = await t.app.inject({ method, url, headers: agent.headers, ...(method === 'POST' ? { payload: { currentPassword: TEST_PASSWORD, newPassword: 'another passphrase' } } : {}) });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code, url).toBe('mfa_enrollment_required');
    }
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: agent.headers })).json()).toMatchObject({ mfaEnrollmentRequired: true });
    expect((await t.app.inject({ url: '/api/v1/auth/mfa', headers: agent.headers })).json()).toEqual({ enabled: false, pending: false, required: true });

    const byKey = await t.app.inject({ url: '/api/v1/conversations', headers: { authorization: `Bearer ${apiKey}` } });
    expect(byKey.statusCode).toBe(200);

    await enroll(agent);
    expect((await t.app.inject({ url: '/api/v1/conversations', headers: agent.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: agent.headers })).json().mfaEnrollmentRequired).toBe(false);

    const off = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/staff-security', headers: admin.headers, payload: { mfaRequired: false } });
    expect(off.json()).toEqual({ mfaRequired: false });
    expect((await t.app.inject({ url: '/api/v1/conversations', headers: analystBefore.headers })).statusCode).toBe(200);
    const changes = await t.system(() => db().selectFrom('audit_log').select('detail').where('tenant_id', '=', other.id).where('action', '=', 'settings.mfa_required_changed').execute());
    expect(changes.map((c) => c.detail)).toEqual([
      { from: false, to: true },
      { from: true, to: false },
    ]);
  });

  it("is the admin's setting: an agent cannot change it, and another tenant's admin changes only their own tenant", async () => {
    const a = await t.createTenant('mfa-iso-a');
    const b = await t.createTenant('mfa-iso-b');
    const agentA = await t.login(a, 'agent');
    const denied = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/staff-security', headers: agentA.headers, payload: { mfaRequired: true } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');

    const adminB = await t.login(b, 'admin');
    await enroll(adminB);
    const smuggled = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/staff-security', headers: adminB.headers, payload: { mfaRequired: true, tenantId: a.id } });
    expect(smuggled.statusCode).toBe(400);
    const set = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/staff-security', headers: adminB.headers, payload: { mfaRequired: true } });
    expect(set.statusCode).toBe(200);
    expect((await t.app.zhida.tenants.findById(a.id))!.mfaRequired).toBe(false);
    expect((await t.app.zhida.tenants.findById(b.id))!.mfaRequired).toBe(true);
    expect((await t.app.inject({ url: '/api/v1/conversations', headers: agentA.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/settings/staff-security', headers: (await t.login(a, 'admin')).headers })).json()).toEqual({ mfaRequired: false });
  });
});

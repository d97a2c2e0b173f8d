import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBoxError } from '../auth/secret-box.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { identityHash, verifyIdentityHash } from './identity-verifier.js';

const backends = await testBackends();

describe('visitor identity verification', () => {
  const secret = 'tenant-shared-secret';

  it('accepts the HMAC-SHA256 of the user id and nothing else', () => {
    const good = identityHash(secret, 'user-42');
    expect(verifyIdentityHash(secret, 'user-42', good)).toBe(true);
    expect(verifyIdentityHash(secret, 'user-43', good)).toBe(false);
    expect(verifyIdentityHash('other', 'user-42', good)).toBe(false);
    expect(verifyIdentityHash(secret, 'user-42', good.slice(0, 10))).toBe(false);
    expect(verifyIdentityHash(secret, 'user-42', '')).toBe(false);
  });

  describe.each(backends)('when a tenant requires it (%s)', (backend) => {
    let t: TestApp;
    let bank: TestTenant;
    beforeAll(async () => {
      t = await TestApp.start(backend);
      bank = await t.createTenant('strict-bank');
      await t.app.zhida.tenants.setIdentityVerification(bank.id, 'required', secret);
    });
    afterAll(() => t.close());

    const db = () => t.app.zhida.database.db;
    const startFor = (tenant: TestTenant, body: object, ip = '10.2.0.1') =>
      t.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: tenant.slug, ...body }, remoteAddress: ip });
    const start = (body: object) => startFor(bank, body);
    const storedSecret = async (tenantId: string) => (await db().selectFrom('tenants').select('identity_secret').where('id', '=', tenantId).executeTakeFirstOrThrow()).identity_secret;
    const visitorCount = async (tenantId: string) => (await t.system(() => db().selectFrom('visitors').select('id').where('tenant_id', '=', tenantId).execute())).length;

    it('refuses a missing, blank or wrong hash with 401', async () => {
      expect((await start({})).statusCode).toBe(401);
      expect((await start({ userId: 'u-1' })).statusCode).toBe(401);
      expect((await start({ userId: 'u-1', userHash: '' })).statusCode).toBe(401);
      expect((await start({ userId: 'u-1', userHash: identityHash('wrong', 'u-1') })).statusCode).toBe(401);
      expect(await visitorCount(bank.id)).toBe(0);
    });

    it('accepts the right hash and marks the visitor verified', async () => {
      const res = await start({ userId: 'u-1', userHash: identityHash(secret, 'u-1'), name: '张三' });
      expect(res.statusCode).toBe(201);
      expect(res.json().visitor).toMatchObject({ verified: true, name: '张三' });
    });

    it('never links a second visitor claiming the same user id to the first one’s history', async () => {
      const first = (await start({ userId: 'u-2', userHash: identityHash(secret, 'u-2') })).json();
      const second = (await start({ userId: 'u-2', userHash: identityHash(secret, 'u-2') })).json();
      const read = await t.app.inject({ url: `/api/v1/widget/conversations/${first.conversationId}/messages`, headers: { authorization: `Bearer ${second.visitorToken}` } });
      expect(read.statusCode).toBe(404);
    });

    it('stores the secret encrypted, not readable from the database', async () => {
      const stored = await storedSecret(bank.id);
      expect(stored).toMatch(/^v1:/);
      expect(stored).not.toContain(secret);
      expect(await t.app.zhida.tenants.identitySecret(bank.id)).toBe(secret);
      expect((await t.app.zhida.tenants.findById(bank.id))!.identitySecretSet).toBe(true);
    });

    it('still verifies with a secret stored in plaintext before encryption, and stores it encrypted at first use', async () => {
      const legacy = await t.createTenant('legacy-bank');
      const legacySecret = 'legacy-plaintext-secret';
      await db().updateTable('tenants').set({ identity_mode: 'required', identity_secret: legacySecret }).where('id', '=', legacy.id).execute();

      const res = await startFor(legacy, { userId: 'u-1', userHash: identityHash(legacySecret, 'u-1') }, '10.2.1.1');
      expect(res.statusCode).toBe(201);
      expect(res.json().visitor).toMatchObject({ verified: true });

      const rewritten = await storedSecret(legacy.id);
      expect(rewritten).toMatch(/^v1:/);
      expect(rewritten).not.toContain(legacySecret);
      // The same secret, now sealed: the tenant's backend needs no change.
      expect((await startFor(legacy, { userId: 'u-3', userHash: identityHash(legacySecret, 'u-3') }, '10.2.1.1')).statusCode).toBe(201);
      expect((await startFor(legacy, { userId: 'u-3', userHash: identityHash('wrong', 'u-3') }, '10.2.1.1')).statusCode).toBe(401);
      expect(await storedSecret(legacy.id)).toBe(rewritten);
    });

    it("refuses an encrypted secret copied from another tenant's row: a server error, never a pass", async () => {
      const victim = await t.createTenant('copy-victim');
      const attacker = await t.createTenant('copy-attacker');
      const attackerSecret = 'attacker-known-secret';
      await t.app.zhida.tenants.setIdentityVerification(victim.id, 'required', 'victim-secret');
      await t.app.zhida.tenants.setIdentityVerification(attacker.id, 'required', attackerSecret);
      await db().updateTable('tenants').set({ identity_secret: await storedSecret(attacker.id) }).where('id', '=', victim.id).execute();

      const res = await startFor(victim, { userId: 'u-1', userHash: identityHash(attackerSecret, 'u-1') }, '10.2.2.1');
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('internal_error');
      expect(res.body).not.toContain(attackerSecret);
      expect(await visitorCount(victim.id)).toBe(0);
      const err = await t.app.zhida.tenants.identitySecret(victim.id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SecretBoxError);
      expect((err as SecretBoxError).code).toBe('secret_box_auth_failed');
      // The attacker's own row is untouched and still works.
      expect((await startFor(attacker, { userId: 'u-1', userHash: identityHash(attackerSecret, 'u-1') }, '10.2.2.2')).statusCode).toBe(201);
    });
  });
});

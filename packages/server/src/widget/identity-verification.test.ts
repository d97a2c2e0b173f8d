import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { identityHash, verifyIdentityHash } from './identity-verifier.js';

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

  describe('when a tenant requires it', () => {
    let t: TestApp;
    let bank: TestTenant;
    beforeAll(async () => {
      t = await TestApp.start('pglite');
      bank = await t.createTenant('strict-bank');
      await t.app.zhida.tenants.setIdentityVerification(bank.id, 'required', secret);
    });
    afterAll(() => t.close());

    const start = (body: object) => t.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: bank.slug, ...body } });

    it('refuses a missing, blank or wrong hash with 401', async () => {
      expect((await start({})).statusCode).toBe(401);
      expect((await start({ userId: 'u-1' })).statusCode).toBe(401);
      expect((await start({ userId: 'u-1', userHash: '' })).statusCode).toBe(401);
      expect((await start({ userId: 'u-1', userHash: identityHash('wrong', 'u-1') })).statusCode).toBe(401);
      const visitors = await t.app.zhida.database.db.selectFrom('visitors').select('id').where('tenant_id', '=', bank.id).execute();
      expect(visitors).toHaveLength(0);
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
  });
});

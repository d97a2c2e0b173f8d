import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError } from '../auth/secret-box.js';
import { TestApp } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { TenantRepository } from './tenant-repository.js';

const backends = await testBackends();

describe.each(backends)('tenant identity secrets at rest (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(backend);
  });
  afterAll(() => t.close());

  const db = () => t.app.zhida.database.db;
  const storedSecret = async (tenantId: string) => (await db().selectFrom('tenants').select('identity_secret').where('id', '=', tenantId).executeTakeFirstOrThrow()).identity_secret;
  const newTenant = (identitySecret?: string) => {
    const slug = `repo-${randomUUID().slice(0, 8)}`;
    return t.app.zhida.tenants.create({ id: randomUUID(), slug, name: slug, industry: 'ecommerce', identityMode: identitySecret ? 'required' : 'off', identitySecret: identitySecret ?? null });
  };

  it('seals the secret on every write path and gives callers the plaintext', async () => {
    const tenants = t.app.zhida.tenants;
    const created = await newTenant('secret-at-create');
    expect(created.identitySecretSet).toBe(true);
    expect(created).not.toHaveProperty('identitySecret');
    expect(await storedSecret(created.id)).toMatch(/^v1:/);
    expect(await tenants.identitySecret(created.id)).toBe('secret-at-create');

    await tenants.setIdentityVerification(created.id, 'optional', 'secret-set');
    expect(await storedSecret(created.id)).not.toContain('secret-set');
    expect(await tenants.identitySecret(created.id)).toBe('secret-set');

    await tenants.setIdentitySecret(created.id, 'secret-rotated');
    expect(await storedSecret(created.id)).not.toContain('secret-rotated');
    expect(await tenants.identitySecret(created.id)).toBe('secret-rotated');

    const none = await newTenant();
    expect(none.identitySecretSet).toBe(false);
    expect(await tenants.identitySecret(none.id)).toBeNull();
    expect(await tenants.setIdentityMode(none.id, 'off', null)).toBeNull();
    expect(await tenants.setIdentityMode(none.id, 'required', 'secret-if-none')).toBe('secret-if-none');
    expect(await storedSecret(none.id)).not.toContain('secret-if-none');
    // A second candidate does not replace it.
    expect(await tenants.setIdentityMode(none.id, 'optional', 'another')).toBe('secret-if-none');
    await tenants.setIdentityVerification(none.id, 'off', null);
    expect(await storedSecret(none.id)).toBeNull();
  });

  it('binds a sealed secret to its tenant', async () => {
    const a = await newTenant('secret-of-a');
    const b = await newTenant('secret-of-b');
    await db().updateTable('tenants').set({ identity_secret: await storedSecret(a.id) }).where('id', '=', b.id).execute();
    for (const call of [() => t.app.zhida.tenants.identitySecret(b.id), () => t.app.zhida.tenants.setIdentityMode(b.id, 'required', 'unused')]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SecretBoxError);
      expect((err as SecretBoxError).code).toBe('secret_box_auth_failed');
    }
    expect(await t.app.zhida.tenants.identitySecret(a.id)).toBe('secret-of-a');
  });

  it('without the key (the operator CLI) writes plaintext, which the server seals at first use, and opens nothing sealed', async () => {
    const keyless = new TenantRepository(db());
    const tenant = await newTenant('sealed-by-server');
    const err = await keyless.identitySecret(tenant.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretBoxError);
    expect((err as SecretBoxError).code).toBe('secret_box_key_invalid');

    await keyless.setIdentityVerification(tenant.id, 'required', 'written-by-cli');
    expect(await storedSecret(tenant.id)).toBe('written-by-cli');
    expect(await keyless.identitySecret(tenant.id)).toBe('written-by-cli');
    expect(await storedSecret(tenant.id)).toBe('written-by-cli');

    expect(await t.app.zhida.tenants.identitySecret(tenant.id)).toBe('written-by-cli');
    const sealed = await storedSecret(tenant.id);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('written-by-cli');
    expect(await t.app.zhida.tenants.identitySecret(tenant.id)).toBe('written-by-cli');
    expect(await storedSecret(tenant.id)).toBe(sealed);
  });

  it('opens a secret sealed with a key being rotated out and seals it again with the current key', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = new TenantRepository(db(), new SecretBox(oldKey));
    const tenant = await newTenant();
    await before.setIdentitySecret(tenant.id, 'sealed-with-old-key');
    const sealedOld = await storedSecret(tenant.id);
    const rotating = new TenantRepository(db(), new SecretBox(newKey, [oldKey]));
    expect(await rotating.identitySecret(tenant.id)).toBe('sealed-with-old-key');
    const sealedNew = await storedSecret(tenant.id);
    expect(sealedNew).not.toBe(sealedOld);
    // Now the new key alone opens it, and the old one no longer does.
    expect(await new TenantRepository(db(), new SecretBox(newKey)).identitySecret(tenant.id)).toBe('sealed-with-old-key');
    expect(await before.identitySecret(tenant.id).catch((e: unknown) => (e as SecretBoxError).code)).toBe('secret_box_auth_failed');
  });

  it('seals a legacy secret only while the row still holds it', async () => {
    const tenants = t.app.zhida.tenants;
    const tenant = await newTenant();
    // The row held 'legacy-old' when it was read; a rotation lands before the read seals it: the late seal must not bring the old secret back.
    await tenants.setIdentitySecret(tenant.id, 'rotated-new');
    expect(await tenants['open'](tenant.id, 'legacy-old')).toBe('legacy-old');
    expect(await tenants.identitySecret(tenant.id)).toBe('rotated-new');
  });
});

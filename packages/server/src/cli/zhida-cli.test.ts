import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../auth/secret-box.js';
import { resolveSecretKey } from '../config/secret-key.js';
import { createDatabase } from '../db/create-database.js';
import { TenantScope } from '../db/tenant-scope.js';
import { TenantRepository } from '../tenancy/tenant-repository.js';
import { AnalyticsRecorder } from '../analytics/analytics-recorder.js';
import { analyticsDatabase } from '../analytics/analytics-schema.js';
import { runCli } from './zhida-cli.js';

describe('zhida operator CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhida-cli-'));
  const env = { ZHIDA_DATA_DIR: dir, LOG_LEVEL: 'silent' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a tenant from a template with an admin, then an API key for it', async () => {
    const lines: string[] = [];
    expect(await runCli(['tenant', 'create', '--template', 'finance', '--slug', 'acme-bank', '--name', 'Acme 银行'], env, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/admin login: admin@acme-bank\.local \/ \S{12,}/);
    const keyLines: string[] = [];
    expect(await runCli(['apikey', 'create', '--tenant', 'acme-bank', '--role', 'analyst'], env, (l) => keyLines.push(l))).toBe(0);
    expect(keyLines.at(-1)).toMatch(/^zk_/);

    const database = await createDatabase({ dataDir: dir, databaseUrl: null, databaseSchema: 'public' });
    const tenant = await database.db.selectFrom('tenants').selectAll().where('slug', '=', 'acme-bank').executeTakeFirstOrThrow();
    expect(tenant.industry).toBe('finance');
    const faqs = await TenantScope.asTenant(tenant.id, () => database.db.selectFrom('faqs').select('id').where('tenant_id', '=', tenant.id).execute());
    expect(faqs.length).toBeGreaterThanOrEqual(60);
    await database.close();
  });

  it('turns on identity verification with a fresh secret the server then checks', async () => {
    const lines: string[] = [];
    expect(await runCli(['identity', 'set', '--tenant', 'acme-bank', '--mode', 'required'], env, (l) => lines.push(l))).toBe(0);
    const secret = lines.at(-1)!;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const database = await createDatabase({ dataDir: dir, databaseUrl: null, databaseSchema: 'public' });
    const tenant = await database.db.selectFrom('tenants').selectAll().where('slug', '=', 'acme-bank').executeTakeFirstOrThrow();
    expect(tenant.identity_mode).toBe('required');
    // Stored encrypted with the key the server will use, which reads the same secret back.
    expect(tenant.identity_secret).toMatch(/^v1:/);
    expect(tenant.identity_secret).not.toContain(secret);
    const box = new SecretBox(resolveSecretKey({ secretKey: null, dataDir: dir, databaseUrl: null }).key);
    expect(await new TenantRepository(database.db, box).identitySecret(tenant.id)).toBe(secret);
    await database.close();
    expect(await runCli(['identity', 'set', '--tenant', 'acme-bank', '--mode', 'sometimes'], env, () => undefined)).toBe(2);
  });

  it('rotates the secret key: with the old key as previous, reseal seals every stored secret with the new key', async () => {
    const oldKey = resolveSecretKey({ secretKey: null, dataDir: dir, databaseUrl: null }).key;
    const newKey = randomBytes(32);
    const rotating = { ...env, ZHIDA_SECRET_KEY: newKey.toString('hex'), ZHIDA_SECRET_KEY_PREVIOUS: oldKey.toString('base64') };
    const lines: string[] = [];
    expect(await runCli(['secrets', 'reseal'], rotating, (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toBe('Checked 1 stored secrets; sealed 1 again with the current key.');
    expect(await runCli(['secrets', 'reseal'], rotating, (l) => lines.push(l))).toBe(0);
    expect(lines.at(-2)).toBe('Checked 1 stored secrets; sealed 0 again with the current key.');

    const database = await createDatabase({ dataDir: dir, databaseUrl: null, databaseSchema: 'public' });
    const tenant = await database.db.selectFrom('tenants').select('id').where('slug', '=', 'acme-bank').executeTakeFirstOrThrow();
    expect(await new TenantRepository(database.db, new SecretBox(newKey)).identitySecret(tenant.id)).toMatch(/^[0-9a-f]{64}$/);
    expect(await new TenantRepository(database.db, new SecretBox(oldKey)).identitySecret(tenant.id).catch((e: unknown) => (e as { code: string }).code)).toBe('secret_box_auth_failed');
    await database.close();
    // A malformed previous key stops the command before it touches anything.
    await expect(runCli(['secrets', 'reseal'], { ...rotating, ZHIDA_SECRET_KEY_PREVIOUS: 'not-a-key' }, () => undefined)).rejects.toThrow(/ZHIDA_SECRET_KEY_PREVIOUS: key 1 must be 32 bytes/);
  });

  it('refuses a duplicate tenant, an unknown template and bad usage', async () => {
    const sink = () => undefined;
    expect(await runCli(['tenant', 'create', '--template', 'finance', '--slug', 'acme-bank'], env, sink)).toBe(1);
    expect(await runCli(['tenant', 'create', '--template', 'nope', '--slug', 'x-shop'], env, sink)).toBe(1);
    expect(await runCli(['tenant', 'delete'], env, sink)).toBe(2);
    expect(await runCli(['apikey', 'create', '--tenant', 'missing'], env, sink)).toBe(2);
  });

  it('rebuilds a tenant\'s analytics rollups for a day range from the raw events', async () => {
    const database = await createDatabase({ dataDir: dir, databaseUrl: null, databaseSchema: 'public' });
    const tenant = await database.db.selectFrom('tenants').select('id').where('slug', '=', 'acme-bank').executeTakeFirstOrThrow();
    await new AnalyticsRecorder(database.db).record(tenant.id, [
      { type: 'conversation.started', occurredAt: new Date('2026-11-03T02:00:00Z') },
      { type: 'conversation.ended', occurredAt: new Date('2026-11-03T03:00:00Z'), outcome: 'bot_resolved' },
    ]);
    // The rollups go wrong (say, a rollup definition changed); the rebuild puts them back from the events.
    await TenantScope.asTenant(tenant.id, () => analyticsDatabase(database.db).deleteFrom('analytics_daily').where('tenant_id', '=', tenant.id).execute());
    await database.close();
    const lines: string[] = [];
    expect(await runCli(['analytics', 'rebuild', '--tenant', 'acme-bank', '--from', '2026-11-01', '--to', '2026-11-30'], env, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('2 events');
    const reopened = await createDatabase({ dataDir: dir, databaseUrl: null, databaseSchema: 'public' });
    const cells = await TenantScope.asTenant(tenant.id, () => analyticsDatabase(reopened.db).selectFrom('analytics_daily').select(['metric', 'count']).where('dim_kind', '=', 'all').orderBy('metric').execute());
    await reopened.close();
    expect(cells.map((c) => [c.metric, Number(c.count)])).toEqual([['conversation.ended', 1], ['conversation.ended:bot_resolved', 1], ['conversation.started', 1]]);
    const sink = () => undefined;
    expect(await runCli(['analytics', 'rebuild', '--tenant', 'acme-bank', '--from', '2026-11-01'], env, sink)).toBe(2);
    expect(await runCli(['analytics', 'rebuild', '--tenant', 'acme-bank', '--from', '2026-11-30', '--to', '2026-11-01'], env, sink)).toBe(1);
  });
});

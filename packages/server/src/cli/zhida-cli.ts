import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { TemplateError } from '@zhida/templates';
import type { Kysely } from 'kysely';
import { AnalyticsRollupRebuild } from '../analytics/analytics-rollup-rebuild.js';
import { dashboardFilterOf } from '../analytics/dashboard-filter.js';
import { ApiKeyService } from '../auth/api-key-service.js';
import { AuditChainVerifier } from '../auth/audit-chain-verifier.js';
import { AuditLog } from '../auth/audit-log.js';
import { personalDataHolders } from '../privacy/privacy-module.js';
import { PrivacyRequestService } from '../privacy/privacy-request-service.js';
import type { PrivacyRequestKind } from '../privacy/privacy-schema.js';
import { SubjectArchive } from '../privacy/subject-archive.js';
import { staffPasswordSchema } from '../auth/staff-password-schema.js';
import { ROLES } from '../auth/permissions.js';
import { SecretBox } from '../auth/secret-box.js';
import { SecretResealer } from '../auth/secret-resealer.js';
import { BotConfigRepository } from '../bot/bot-config-repository.js';
import { loadConfig } from '../config/config.js';
import { resolveSecretKey } from '../config/secret-key.js';
import { createDatabase } from '../db/create-database.js';
import type { Database, Role } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../errors/app-error.js';
import { FaqRepository } from '../kb/faq-repository.js';
import { TenantProvisioner } from '../tenancy/tenant-provisioner.js';
import { TenantRepository } from '../tenancy/tenant-repository.js';
import { UserRepository } from '../users/user-repository.js';

const USAGE = `Usage:
  zhida tenant create --template <ecommerce|finance|government|telecom> --slug <slug> [--name <name>] [--admin-email <email>] [--admin-password <pw>]
  zhida apikey create --tenant <slug> [--name <name>] [--role admin|supervisor|agent|analyst]
  zhida identity set --tenant <slug> --mode off|optional|required   (prints a new HMAC secret for your backend)
  zhida analytics rebuild --tenant <slug> --from <YYYY-MM-DD> --to <YYYY-MM-DD>   (recomputes the daily rollups of those days from the raw events)
  zhida privacy export --tenant <slug> (--visitor <id> | --external-id <user id>) --out <file.tar.gz>
  zhida privacy delete|anonymise --tenant <slug> (--visitor <id> | --external-id <user id>) [--note <text>]
      (PIPL art. 45/47: recorded as a request with its 15-working-day deadline, carried out at once, audited)
  zhida audit verify [--tenant <slug>]   (checks each tenant's audit hash chain; exit 1 if an entry was changed or removed)
  zhida secrets reseal   (after a key rotation: seals every stored secret with ZHIDA_SECRET_KEY, so ZHIDA_SECRET_KEY_PREVIOUS can go)

Uses the same database as the server (DATABASE_URL, or the PGlite directory ZHIDA_DATA_DIR; default ./data).
Stop a server running on the same PGlite directory first: embedded PGlite allows one process at a time.`;

/** The operator CLI: creates tenants from templates and API keys, against the configured database. */
export async function runCli(argv: string[], env: Record<string, string | undefined>, out: (line: string) => void = console.log): Promise<number> {
  const [noun, verb, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      template: { type: 'string' },
      slug: { type: 'string' },
      name: { type: 'string' },
      tenant: { type: 'string' },
      role: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      mode: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      visitor: { type: 'string' },
      'external-id': { type: 'string' },
      out: { type: 'string' },
      note: { type: 'string' },
    },
    strict: true,
  });
  const known =
    ((noun === 'tenant' || noun === 'apikey') && verb === 'create') ||
    (noun === 'identity' && verb === 'set') ||
    (noun === 'secrets' && verb === 'reseal') ||
    (noun === 'analytics' && verb === 'rebuild') ||
    (noun === 'audit' && verb === 'verify') ||
    (noun === 'privacy' && (verb === 'export' || verb === 'delete' || verb === 'anonymise'));
  if (!noun || !verb || !known) {
    out(USAGE);
    return 2;
  }
  const config = loadConfig(env, null);
  const database = await createDatabase(config);
  try {
    const db = database.db;
    // The identity secret is stored encrypted with the server's key (ZHIDA_SECRET_KEY or <data dir>/secret.key).
    const box = noun === 'identity' || noun === 'secrets' ? new SecretBox(resolveSecretKey(config).key, config.previousSecretKeys ?? []) : null;
    const tenants = new TenantRepository(db, box);
    if (noun === 'secrets' && box) {
      // Every tenant's users: the one sweep here that is no single tenant's.
      const report = await TenantScope.asSystem(() => new SecretResealer(db, box).resealAll());
      out(`Checked ${report.checked} stored secrets; sealed ${report.resealed} again with the current key.`);
      if ((config.previousSecretKeys ?? []).length > 0) out('Every secret now opens with ZHIDA_SECRET_KEY alone: ZHIDA_SECRET_KEY_PREVIOUS can be removed.');
      return 0;
    }
    if (noun === 'audit') return await verifyAudit(db, tenants, values.tenant, out);
    if (noun === 'tenant') {
      if (!values.template || !values.slug) throw new UsageError('--template and --slug are required');
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(values.slug)) throw new UsageError('--slug must be lower-case letters, digits and dashes');
      const email = values['admin-email'] ?? `admin@${values.slug}.local`;
      const password = values['admin-password'] ?? randomBytes(12).toString('base64url');
      const refused = staffPasswordSchema.safeParse(password);
      if (!refused.success) throw new UsageError(`--admin-password: ${refused.error.issues[0]?.message ?? 'not accepted'}`);
      const users = new UserRepository(db);
      const provisioner = new TenantProvisioner({ tenants, users, faqs: new FaqRepository(db), botConfigs: new BotConfigRepository(db), database: { db } });
      const tenant = await provisioner.create({ slug: values.slug, name: values.name ?? values.slug, template: values.template, users: [{ email, name: '管理员', role: 'admin', password }] });
      out(`Created tenant ${tenant.slug} (${tenant.name}) from template ${values.template}.`);
      out(`  admin login: ${email} / ${password}`);
      out(`  widget:      <script src="https://<your-host>/widget.js" data-tenant="${tenant.slug}" async></script>`);
      return 0;
    }
    if (!values.tenant) throw new UsageError('--tenant is required');
    const tenant = await tenants.findBySlug(values.tenant);
    if (!tenant) throw new UsageError(`no tenant "${values.tenant}"`);
    if (noun === 'analytics') {
      if (!values.from || !values.to) throw new UsageError('--from and --to are required (YYYY-MM-DD, Asia/Shanghai days, inclusive)');
      // The same range rules as the dashboard: real days, not reversed, at most 13 months.
      const range = dashboardFilterOf({ from: values.from, to: values.to });
      const result = await new AnalyticsRollupRebuild(db).rebuild(tenant.id, range.from, range.to);
      out(`Rebuilt the analytics rollups of ${tenant.slug} for ${range.from} … ${range.to}: ${result.events} events, ${result.cells} rollup cells.`);
      return 0;
    }
    if (noun === 'privacy') return await runPrivacyRequest(db, tenant.id, verb as PrivacyRequestKind, values, out);
    if (noun === 'identity') {
      const mode = values.mode;
      if (mode !== 'off' && mode !== 'optional' && mode !== 'required') throw new UsageError('--mode must be off, optional or required');
      // A fresh secret each time: rotating it is how a leaked one is revoked.
      const secret = mode === 'off' ? null : randomBytes(32).toString('hex');
      await tenants.setIdentityVerification(tenant.id, mode, secret);
      out(`Identity verification for ${tenant.slug}: ${mode}.`);
      if (secret) {
        out('Your backend signs each logged-in customer as hex(HMAC-SHA256(secret, userId)) and passes it as data-user-hash. Secret (shown once):');
        out(secret);
      }
      return 0;
    }
    const role = (values.role ?? 'agent') as Role;
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const ctx = { tenantId: tenant.id };
    const { apiKey, secret } = await TenantScope.asTenant(ctx.tenantId, () => new ApiKeyService(db).create(ctx, { name: values.name ?? 'cli', role }));
    out(`Created API key ${apiKey.prefix}… (${apiKey.role}) for ${tenant.slug}. Shown once:`);
    out(secret);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof AppError || err instanceof TemplateError) {
      out(`error: ${err.message}`);
      return err instanceof UsageError ? 2 : 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}

async function verifyAudit(db: Kysely<Database>, tenants: TenantRepository, slug: string | undefined, out: (line: string) => void): Promise<number> {
  const targets = slug ? [await tenants.findBySlug(slug)] : await TenantScope.asSystem(() => db.selectFrom('tenants').select(['id', 'slug']).orderBy('slug').execute());
  if (targets[0] === null || targets[0] === undefined) {
    if (slug) throw new UsageError(`no tenant "${slug}"`);
    out('No tenants.');
    return 0;
  }
  let broken = 0;
  for (const t of targets as { id: string; slug: string }[]) {
    const report = await TenantScope.asTenant(t.id, () => new AuditChainVerifier(db).verify(t.id));
    if (report.breaks.length === 0) {
      out(`${t.slug}: OK — ${report.checked} entries${report.firstSeq !== null ? ` (#${report.firstSeq}–#${report.lastSeq})` : ''}, chain intact`);
      continue;
    }
    broken++;
    out(`${t.slug}: BROKEN — ${report.breaks.length} problem(s) in ${report.checked} entries`);
    for (const b of report.breaks) out(`  ${b.problem}: ${b.message}`);
  }
  return broken > 0 ? 1 : 0;
}

async function runPrivacyRequest(
  db: Kysely<Database>,
  tenantId: string,
  kind: PrivacyRequestKind,
  values: { visitor?: string; 'external-id'?: string; out?: string; note?: string },
  out: (line: string) => void,
): Promise<number> {
  const subjectRef = values.visitor ?? values['external-id'];
  if (!subjectRef || (values.visitor && values['external-id'])) throw new UsageError('give exactly one of --visitor or --external-id');
  if (kind === 'export' && !values.out) throw new UsageError('--out <file.tar.gz> is required');
  const requests = new PrivacyRequestService(db, personalDataHolders(db), new AuditLog(db));
  const actor = { actorType: 'system' as const, actorId: 'cli' };
  const ctx = { tenantId };
  return TenantScope.asTenant(tenantId, async () => {
    const request = await requests.create(ctx, { kind, subjectType: values.visitor ? 'visitor' : 'external_id', subjectRef, note: values.note }, actor);
    out(`Request ${request.id} (${kind}) recorded; due ${request.dueAt}.`);
    if (kind === 'export') {
      const archive = new SubjectArchive();
      const written = pipeline(archive.stream, createWriteStream(values.out!, { flags: 'wx', mode: 0o600 }));
      await requests.export(ctx, request.id, archive, actor);
      await written;
      const done = await requests.get(ctx, request.id);
      out(`Wrote ${values.out}: ${JSON.stringify(done.result.records)}`);
      return 0;
    }
    const done = await requests.erase(ctx, request.id, actor);
    out(`${kind === 'delete' ? 'Deleted' : 'Anonymised'}: ${JSON.stringify(done.result.removed)}`);
    return 0;
  });
}

class UsageError extends Error {
  readonly code = 'usage';
}

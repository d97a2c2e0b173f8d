import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { RateLimitedError, UnauthorizedError, ValidationError } from '../errors/app-error.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { AuditLog } from './audit-log.js';
import { LoginThrottle } from './login-throttle.js';
import { MfaService } from './mfa-service.js';
import { DUMMY_PASSWORD_HASH, passwordHasher } from './password-hasher.js';
import type { Principal } from './principal.js';
import type { SecretBox } from './secret-box.js';
import { hashToken, newSecretToken } from './secret-token.js';

const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

export interface SessionUser {
  id: string;
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  email: string;
  name: string;
  role: Role;
  /** The user has TOTP MFA switched on. */
  mfaEnabled: boolean;
}

/** What a password login gives: a session, or (MFA on) a challenge for the second step. */
export type LoginResult = { kind: 'session'; token: string; csrfToken: string; user: SessionUser } | { kind: 'mfa'; challengeToken: string; expiresInSeconds: number };

export class AuthService {
  private readonly throttle: LoginThrottle;
  readonly mfa: MfaService;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
    secrets: SecretBox,
  ) {
    this.throttle = new LoginThrottle(db);
    this.mfa = new MfaService(db, audit, this.throttle, secrets, (tenantId, userId, keep) => this.revokeSessions(tenantId, userId, keep));
  }

  async login(input: { tenant: string; email: string; password: string; ip: string }): Promise<LoginResult> {
    const email = input.email.trim().toLowerCase();
    const subject = `${input.tenant}:${email}`;
    if (await this.throttle.isLocked(subject, input.ip)) {
      throw new RateLimitedError(LoginThrottle.retryAfterSeconds, 'Too many failed logins; try again in 10 minutes');
    }
    // The slug names the tenant, so the rest runs as it; with no such tenant no user is found, and the password is still hashed.
    const tenant = await this.db.selectFrom('tenants').select('id').where('slug', '=', input.tenant).executeTakeFirst();
    const login = () => this.passwordLogin({ ...input, email }, subject);
    return tenant ? TenantScope.asTenant(tenant.id, login) : login();
  }

  private async passwordLogin(input: { tenant: string; email: string; password: string; ip: string }, subject: string): Promise<LoginResult> {
    const email = input.email;
    const row = await this.db
      .selectFrom('users')
      .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
      .select(['users.id', 'users.tenant_id', 'users.password_hash', 'users.active', 'users.mfa_secret'])
      .where('tenants.slug', '=', input.tenant)
      .where('users.email', '=', email)
      .executeTakeFirst();
    const ok = await passwordHasher.verify(input.password, row?.password_hash ?? DUMMY_PASSWORD_HASH);
    if (!row || !ok || !row.active) {
      await this.throttle.record(subject, input.ip, false);
      if (row) {
        await this.audit.record({ tenantId: row.tenant_id, actorType: 'user', actorId: row.id, action: 'auth.login_failed', detail: { ip: input.ip } });
        if (await this.throttle.isLocked(subject, input.ip)) {
          await this.audit.record({ tenantId: row.tenant_id, actorType: 'system', actorId: null, action: 'auth.account_locked', objectType: 'user', objectId: row.id });
        }
      }
      // One message for every failure, so the response never says which e-mails have accounts.
      throw new UnauthorizedError('Tenant, e-mail or password is incorrect');
    }
    // With MFA on, the password alone makes no session: the second step (loginWithMfa) does.
    if (row.mfa_secret !== null) return { kind: 'mfa', ...(await this.mfa.issueChallenge(row.tenant_id, row.id)) };
    await this.throttle.record(subject, input.ip, true);
    return { kind: 'session', ...(await this.createSession(row.tenant_id, row.id, { ip: input.ip })) };
  }

  /** The second login step: the challenge from `login` and a current TOTP code make the session. */
  async loginWithMfa(input: { challengeToken: string; code: string; ip: string }): Promise<{ token: string; csrfToken: string; user: SessionUser }> {
    const { tenantId, userId } = await this.mfa.completeChallenge(input.challengeToken, input.code, input.ip);
    return TenantScope.asTenant(tenantId, () => this.createSession(tenantId, userId, { ip: input.ip, mfa: true }));
  }

  private async createSession(tenantId: string, userId: string, detail: Record<string, unknown>): Promise<{ token: string; csrfToken: string; user: SessionUser }> {
    const { token, hash } = newSecretToken();
    const csrfToken = newSecretToken().token;
    await this.db
      .insertInto('sessions')
      .values({
        id: randomUUID(),
        tenant_id: tenantId,
        user_id: userId,
        token_hash: hash,
        csrf_token: csrfToken,
        expires_at: new Date(Date.now() + SESSION_TTL_MS),
        revoked_at: null,
      })
      .execute();
    await this.audit.record({ tenantId, actorType: 'user', actorId: userId, action: 'auth.login', detail });
    return { token, csrfToken, user: await this.userOf(tenantId, userId) };
  }

  async resolveSession(token: string): Promise<Extract<Principal, { kind: 'user' }> | null> {
    // Across tenants: the cookie is what tells whose session this is.
    const row = await TenantScope.asSystem(() =>
      this.db
        .selectFrom('sessions')
        .innerJoin('users', (j) => j.onRef('users.id', '=', 'sessions.user_id').onRef('users.tenant_id', '=', 'sessions.tenant_id'))
        .innerJoin('tenants', 'tenants.id', 'sessions.tenant_id')
        .select(['sessions.id as session_id', 'sessions.csrf_token', 'sessions.tenant_id', 'users.id as user_id', 'users.role', 'users.name', 'users.active', 'users.mfa_secret', 'tenants.mfa_required'])
        .where('sessions.token_hash', '=', hashToken(token))
        .where('sessions.revoked_at', 'is', null)
        .where('sessions.expires_at', '>', new Date())
        .executeTakeFirst(),
    );
    if (!row || !row.active) return null;
    return {
      kind: 'user',
      tenantId: row.tenant_id,
      userId: row.user_id,
      role: row.role,
      name: row.name,
      sessionId: row.session_id,
      csrfToken: row.csrf_token,
      // Decided on every request, so the limit starts when an admin requires MFA and ends the moment the user enrolls.
      mfaEnrollmentRequired: row.mfa_required && row.mfa_secret === null,
    };
  }

  /** Whether a new session of this user is limited to MFA enrollment (the tenant requires MFA, the user has none). */
  async mfaEnrollmentRequired(user: SessionUser): Promise<boolean> {
    if (user.mfaEnabled) return false;
    const row = await this.db.selectFrom('tenants').select('mfa_required').where('id', '=', user.tenantId).executeTakeFirstOrThrow();
    return row.mfa_required;
  }

  async hasMfa(tenantId: string, userId: string): Promise<boolean> {
    return (await this.userOf(tenantId, userId)).mfaEnabled;
  }

  async sessionUser(principal: Extract<Principal, { kind: 'user' }>): Promise<SessionUser> {
    return this.userOf(principal.tenantId, principal.userId);
  }

  private async userOf(tenantId: string, userId: string): Promise<SessionUser> {
    const row = await this.db
      .selectFrom('users')
      .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
      .select(['users.id', 'users.tenant_id', 'users.email', 'users.name', 'users.role', 'users.mfa_secret', 'tenants.name as tenant_name', 'tenants.slug as tenant_slug'])
      .where('users.tenant_id', '=', tenantId)
      .where('users.id', '=', userId)
      .executeTakeFirstOrThrow();
    return { id: row.id, tenantId: row.tenant_id, tenantName: row.tenant_name, tenantSlug: row.tenant_slug, email: row.email, name: row.name, role: row.role, mfaEnabled: row.mfa_secret !== null };
  }

  async logout(principal: Extract<Principal, { kind: 'user' }>): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('tenant_id', '=', principal.tenantId)
      .where('id', '=', principal.sessionId)
      .execute();
  }

  async changePassword(principal: Extract<Principal, { kind: 'user' }>, currentPassword: string, newPassword: string): Promise<void> {
    const row = await this.db
      .selectFrom('users')
      .select(['password_hash'])
      .where('tenant_id', '=', principal.tenantId)
      .where('id', '=', principal.userId)
      .executeTakeFirstOrThrow();
    if (!(await passwordHasher.verify(currentPassword, row.password_hash))) {
      throw new ValidationError('Current password is incorrect');
    }
    await this.db
      .updateTable('users')
      .set({ password_hash: await passwordHasher.hash(newPassword), updated_at: new Date() })
      .where('tenant_id', '=', principal.tenantId)
      .where('id', '=', principal.userId)
      .execute();
    await this.revokeSessions(principal.tenantId, principal.userId, principal.sessionId);
    await this.audit.record({ tenantId: principal.tenantId, actorType: 'user', actorId: principal.userId, action: 'auth.password_changed' });
  }

  /** Ends every session of a user (but `keepSessionId`), including live sockets. */
  async revokeSessions(tenantId: string, userId: string, keepSessionId: string | null): Promise<void> {
    let q = this.db
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (keepSessionId) q = q.where('id', '!=', keepSessionId);
    await q.execute();
    this.events.emit('user.sessions_revoked', { tenantId, userId, keepSessionId });
  }
}

import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { ConflictError, RateLimitedError, UnauthorizedError, ValidationError } from '../errors/app-error.js';
import type { AuditLog } from './audit-log.js';
import { base32Decode, base32Encode } from './base32.js';
import { LoginThrottle } from './login-throttle.js';
import type { Principal } from './principal.js';
import { SecretBox } from './secret-box.js';
import { hashToken, newSecretToken } from './secret-token.js';
import { verifyTotp } from './totp.js';

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

const CHALLENGE_TTL_MS = 5 * 60_000;
const ISSUER = 'Zhida';

export interface MfaStatus {
  enabled: boolean;
  /** Enrollment was started and awaits a confirming code. */
  pending: boolean;
  /** The tenant requires MFA of every staff user. */
  required: boolean;
}

/** Who a TOTP code is checked for, with what the throttle and the audit log need. */
interface MfaSubject {
  tenantId: string;
  userId: string;
  tenantSlug: string;
  email: string;
  lastStep: number | null;
}

/**
 * Staff TOTP (RFC 6238): enrollment, the login challenge, and code checks.
 * Secrets are stored sealed by the SecretBox (AES-256-GCM, bound to the
 * user); a value written before that (plain base32, no `v1:` prefix) still
 * works and is sealed at its next successful login. Every wrong code counts
 * toward the login throttle and is audited like a failed login; an accepted
 * code's time step is remembered so the same code is never accepted twice.
 */
export class MfaService {
  /** The clock for TOTP steps; tests move it. */
  now: () => number = () => Date.now();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditLog,
    private readonly throttle: LoginThrottle,
    private readonly secrets: SecretBox,
    private readonly revokeOtherSessions: (tenantId: string, userId: string, keepSessionId: string) => Promise<void>,
  ) {}

  async status(p: UserPrincipal): Promise<MfaStatus> {
    const row = await this.userRow(p);
    return { enabled: row.mfa_secret !== null, pending: row.mfa_secret === null && row.mfa_pending_secret !== null, required: row.mfa_required };
  }

  /** Creates a new 160-bit secret, kept pending until a code confirms it; replaces an earlier unconfirmed one. */
  async startEnrollment(p: UserPrincipal): Promise<{ secret: string; otpauthUri: string }> {
    const row = await this.userRow(p);
    if (row.mfa_secret !== null) throw new ConflictError('Two-factor authentication is already on; turn it off first', 'mfa_already_enabled');
    const secret = base32Encode(randomBytes(20));
    await this.db.updateTable('users').set({ mfa_pending_secret: this.seal(p.tenantId, p.userId, secret) }).where('tenant_id', '=', p.tenantId).where('id', '=', p.userId).execute();
    await this.audit.record({ tenantId: p.tenantId, actorType: 'user', actorId: p.userId, action: 'auth.mfa_enrollment_started', objectType: 'user', objectId: p.userId });
    // Key URI format; SHA1, 6 digits and 30 s are the defaults, so the URI leaves them out.
    const label = `${ISSUER}:${encodeURIComponent(row.email).replace(/%40/g, '@')}`;
    return { secret, otpauthUri: `otpauth://totp/${label}?secret=${secret}&issuer=${ISSUER}` };
  }

  /** A current code for the pending secret switches MFA on; other sessions (made without it) end. */
  async confirmEnrollment(p: UserPrincipal, code: string, ip: string): Promise<void> {
    const row = await this.userRow(p);
    if (row.mfa_secret !== null) throw new ConflictError('Two-factor authentication is already on', 'mfa_already_enabled');
    if (row.mfa_pending_secret === null) throw new ConflictError('Start enrollment first', 'mfa_not_enrolling');
    const pending = this.open(row.tenant_id, row.id, row.mfa_pending_secret);
    // A new secret: steps used with an earlier one do not count against it.
    const step = await this.checkCode({ ...subjectOf(row), lastStep: null }, pending.secret, code, ip, 'confirm');
    const updated = await this.db
      .updateTable('users')
      .set({ mfa_secret: pending.stale ? this.seal(row.tenant_id, row.id, pending.secret) : row.mfa_pending_secret, mfa_pending_secret: null, mfa_enabled_at: new Date(), mfa_last_step: step, updated_at: new Date() })
      .where('tenant_id', '=', p.tenantId)
      .where('id', '=', p.userId)
      .where('mfa_secret', 'is', null)
      .where('mfa_pending_secret', '=', row.mfa_pending_secret)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new ConflictError('Enrollment changed meanwhile; start again', 'mfa_not_enrolling');
    await this.audit.record({ tenantId: p.tenantId, actorType: 'user', actorId: p.userId, action: 'auth.mfa_enabled', objectType: 'user', objectId: p.userId, detail: { ip } });
    await this.revokeOtherSessions(p.tenantId, p.userId, p.sessionId);
  }

  /** Switching MFA off needs a current code, so a stolen session alone cannot do it. */
  async disable(p: UserPrincipal, code: string, ip: string): Promise<void> {
    const row = await this.userRow(p);
    if (row.mfa_secret === null) throw new ConflictError('Two-factor authentication is not on', 'mfa_not_enabled');
    await this.checkCode(subjectOf(row), this.open(row.tenant_id, row.id, row.mfa_secret).secret, code, ip, 'disable');
    await this.db
      .updateTable('users')
      .set({ mfa_secret: null, mfa_pending_secret: null, mfa_enabled_at: null, updated_at: new Date() })
      .where('tenant_id', '=', p.tenantId)
      .where('id', '=', p.userId)
      .execute();
    await this.audit.record({ tenantId: p.tenantId, actorType: 'user', actorId: p.userId, action: 'auth.mfa_disabled', objectType: 'user', objectId: p.userId, detail: { ip } });
  }

  /** After a correct password: a single-use token, valid for 5 minutes, that the second step exchanges with a code. */
  async issueChallenge(tenantId: string, userId: string): Promise<{ challengeToken: string; expiresInSeconds: number }> {
    const { token, hash } = newSecretToken('mfa_');
    // A user's stale challenges go as soon as a new one is made, so the table stays small.
    await this.db.deleteFrom('mfa_challenges').where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('expires_at', '<', new Date()).execute();
    await this.db
      .insertInto('mfa_challenges')
      .values({ id: randomUUID(), tenant_id: tenantId, user_id: userId, token_hash: hash, expires_at: new Date(Date.now() + CHALLENGE_TTL_MS), used_at: null })
      .execute();
    return { challengeToken: token, expiresInSeconds: CHALLENGE_TTL_MS / 1000 };
  }

  /**
   * Checks the code for a challenge and uses the challenge up. Returns the
   * user's tenant and id; the caller creates the session. An unknown, expired
   * or used challenge, or a user whose MFA or account is off since, is a 401.
   */
  async completeChallenge(challengeToken: string, code: string, ip: string): Promise<{ tenantId: string; userId: string }> {
    // Across tenants: the challenge token is what tells whose sign-in this is; the rest runs as that tenant.
    const row = await TenantScope.asSystem(() =>
      this.db
        .selectFrom('mfa_challenges')
        .innerJoin('users', (j) => j.onRef('users.id', '=', 'mfa_challenges.user_id').onRef('users.tenant_id', '=', 'mfa_challenges.tenant_id'))
        .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
        .select(['mfa_challenges.id as challenge_id', 'users.id', 'users.tenant_id', 'users.email', 'users.active', 'users.mfa_secret', 'users.mfa_last_step', 'tenants.slug as tenant_slug'])
        .where('mfa_challenges.token_hash', '=', hashToken(challengeToken))
        .where('mfa_challenges.used_at', 'is', null)
        .where('mfa_challenges.expires_at', '>', new Date())
        .executeTakeFirst(),
    );
    if (!row || !row.active || row.mfa_secret === null) throw new UnauthorizedError('The sign-in has expired; enter your password again');
    const mfaSecret = row.mfa_secret;
    return TenantScope.asTenant(row.tenant_id, () => this.useChallenge({ ...row, mfa_secret: mfaSecret }, code, ip));
  }

  private async useChallenge(
    row: { challenge_id: string; id: string; tenant_id: string; email: string; mfa_secret: string; mfa_last_step: number | null; tenant_slug: string },
    code: string,
    ip: string,
  ): Promise<{ tenantId: string; userId: string }> {
    const stored = this.open(row.tenant_id, row.id, row.mfa_secret);
    await this.checkCode({ tenantId: row.tenant_id, userId: row.id, tenantSlug: row.tenant_slug, email: row.email, lastStep: row.mfa_last_step }, stored.secret, code, ip, 'login');
    if (stored.stale) {
      // Only over the same stale value: a secret replaced meanwhile (MFA off and on again) stays.
      await this.db
        .updateTable('users')
        .set({ mfa_secret: this.seal(row.tenant_id, row.id, stored.secret) })
        .where('tenant_id', '=', row.tenant_id)
        .where('id', '=', row.id)
        .where('mfa_secret', '=', row.mfa_secret)
        .execute();
    }
    const used = await this.db
      .updateTable('mfa_challenges')
      .set({ used_at: new Date() })
      .where('id', '=', row.challenge_id)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!used) throw new UnauthorizedError('The sign-in has expired; enter your password again');
    await this.throttle.record(throttleSubject(row.tenant_slug, row.email), ip, true);
    return { tenantId: row.tenant_id, userId: row.id };
  }

  /**
   * Verifies a code and records its time step, atomically, so two requests
   * with the same code cannot both pass. A wrong or replayed code counts as a
   * failed login for the throttle and is audited. Returns the accepted step.
   */
  private async checkCode(subject: MfaSubject, secret: string, code: string, ip: string, stage: 'login' | 'confirm' | 'disable'): Promise<number> {
    const throttleKey = throttleSubject(subject.tenantSlug, subject.email);
    if (await this.throttle.isLocked(throttleKey, ip)) {
      throw new RateLimitedError(LoginThrottle.retryAfterSeconds, 'Too many failed attempts; try again in 10 minutes');
    }
    const key = base32Decode(secret);
    const result = key ? verifyTotp(key, code, this.now(), subject.lastStep) : { step: null, replayed: false };
    let accepted = result.step !== null;
    if (result.step !== null && stage !== 'confirm') {
      // Compare-and-set on the last step: a concurrent request with the same code loses here.
      const updated = await this.db
        .updateTable('users')
        .set({ mfa_last_step: result.step })
        .where('tenant_id', '=', subject.tenantId)
        .where('id', '=', subject.userId)
        .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', result.step)]))
        .returning('id')
        .executeTakeFirst();
      accepted = updated !== undefined;
    }
    if (accepted && result.step !== null) return result.step;
    const reason = result.step !== null || ('replayed' in result && result.replayed) ? 'replayed' : 'wrong_code';
    await this.throttle.record(throttleKey, ip, false);
    await this.audit.record({ tenantId: subject.tenantId, actorType: 'user', actorId: subject.userId, action: 'auth.mfa_failed', objectType: 'user', objectId: subject.userId, detail: { ip, stage, reason } });
    if (await this.throttle.isLocked(throttleKey, ip)) {
      await this.audit.record({ tenantId: subject.tenantId, actorType: 'system', actorId: null, action: 'auth.account_locked', objectType: 'user', objectId: subject.userId });
    }
    if (stage === 'login') throw new UnauthorizedError('The code is incorrect or was already used');
    throw new ValidationError('The code is incorrect or was already used');
  }

  /** Seals a base32 secret for one user's row; the context keeps it from opening in another user's row. */
  private seal(tenantId: string, userId: string, secret: string): string {
    return this.secrets.seal(secret, mfaSecretContext(tenantId, userId));
  }

  /**
   * The base32 secret of a stored value; `stale` for plaintext written before secrets were sealed, or a value
   * sealed with a key being rotated out. A value that does not open throws SecretBoxError (a 500).
   */
  private open(tenantId: string, userId: string, stored: string): { secret: string; stale: boolean } {
    const { plaintext, stale } = this.secrets.read(stored, mfaSecretContext(tenantId, userId));
    return { secret: plaintext, stale };
  }

  private async userRow(p: UserPrincipal) {
    return this.db
      .selectFrom('users')
      .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
      .select(['users.id', 'users.tenant_id', 'users.email', 'users.mfa_secret', 'users.mfa_pending_secret', 'users.mfa_last_step', 'tenants.slug as tenant_slug', 'tenants.mfa_required'])
      .where('users.tenant_id', '=', p.tenantId)
      .where('users.id', '=', p.userId)
      .executeTakeFirstOrThrow();
  }
}

/** The login throttle's key for an account: the same one the password step uses. */
export function throttleSubject(tenantSlug: string, email: string): string {
  return `${tenantSlug}:${email}`;
}

/** What a user's sealed TOTP secret (enabled or pending) is bound to. */
export function mfaSecretContext(tenantId: string, userId: string): string {
  return `users.mfa_secret:${tenantId}:${userId}`;
}

function subjectOf(row: { tenant_id: string; id: string; tenant_slug: string; email: string; mfa_last_step: number | null }): MfaSubject {
  return { tenantId: row.tenant_id, userId: row.id, tenantSlug: row.tenant_slug, email: row.email, lastStep: row.mfa_last_step };
}

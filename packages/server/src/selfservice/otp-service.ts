import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { maskMobile, type SmsProvider } from './sms-provider.js';
import type { SelfServiceDb } from './self-service-db.js';
import { SelfServiceFailure } from './selfservice-failure.js';
import { SmsRateLimitedError } from './sms-rate-limited-error.js';

export const OTP_TTL_MS = 5 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;
/** A new code for the same number in the same conversation no sooner than this. */
export const OTP_RESEND_MS = 60_000;
/** Codes per number per hour across all conversations, so nobody can flood a customer's phone. */
export const OTP_MAX_SENDS_PER_HOUR = 5;
const HOUR_MS = 3600_000;

export type OtpCheck = { verified: true } | { verified: false; attemptsLeft: number };

/**
 * One-time SMS codes bound to a conversation and a mobile: stored only as a
 * salted hash, valid 5 minutes, at most 5 guesses, compared in constant time.
 */
export class OtpService {
  constructor(
    private readonly db: SelfServiceDb,
    private readonly sms: SmsProvider,
  ) {}

  /**
   * Sends a fresh code (older unused codes of this conversation and number stop working once it is sent).
   * Refusals for a limit — ours or the SMS gateway's — are `otp_rate_limited` with the seconds to wait.
   */
  async send(scope: { tenantId: string; conversationId: string }, mobile: string, now: Date): Promise<{ maskedMobile: string; expiresInSeconds: number }> {
    const latest = await this.db
      .selectFrom('selfservice_otps')
      .select('created_at')
      .where('tenant_id', '=', scope.tenantId)
      .where('conversation_id', '=', scope.conversationId)
      .where('mobile', '=', mobile)
      .where('created_at', '>', new Date(now.getTime() - OTP_RESEND_MS))
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest) {
      const wait = secondsUntil(new Date(latest.created_at).getTime() + OTP_RESEND_MS, now);
      throw new SelfServiceFailure('otp_rate_limited', `验证码发送过于频繁，请 ${wait} 秒后再试`, wait);
    }
    const lastHour = await this.db
      .selectFrom('selfservice_otps')
      .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('tenant_id', '=', scope.tenantId)
      .where('mobile', '=', mobile)
      .where('created_at', '>', new Date(now.getTime() - HOUR_MS))
      .executeTakeFirstOrThrow();
    if (Number(lastHour.n) >= OTP_MAX_SENDS_PER_HOUR && lastHour.oldest !== null) {
      // The window slides: one more code is allowed once the oldest of the hour's codes is an hour old.
      const wait = secondsUntil(new Date(lastHour.oldest as string | Date).getTime() + HOUR_MS, now);
      throw new SelfServiceFailure('otp_rate_limited', `该号码验证码发送次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`, wait);
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const salt = randomBytes(16).toString('hex');
    const id = randomUUID();
    await this.db
      .insertInto('selfservice_otps')
      .values({ id, tenant_id: scope.tenantId, conversation_id: scope.conversationId, mobile, salt, code_hash: hashCode(salt, code), expires_at: new Date(now.getTime() + OTP_TTL_MS), created_at: now })
      .execute();
    try {
      await this.sms.send(mobile, `【智答】您的验证码是 ${code}，5 分钟内有效。请勿将验证码告诉他人。`);
    } catch (error) {
      // A code that never left must neither count against the limits above nor replace a code the customer holds.
      await this.db.deleteFrom('selfservice_otps').where('id', '=', id).execute();
      if (error instanceof SmsRateLimitedError) {
        const wait = Math.max(1, Math.ceil(error.retryAfterSeconds));
        throw new SelfServiceFailure('otp_rate_limited', `验证码发送过于频繁，请 ${wait} 秒后再试`, wait);
      }
      throw error;
    }
    await this.db
      .updateTable('selfservice_otps')
      .set({ consumed_at: now })
      .where('tenant_id', '=', scope.tenantId)
      .where('conversation_id', '=', scope.conversationId)
      .where('mobile', '=', mobile)
      .where('consumed_at', 'is', null)
      .where('id', '!=', id)
      .execute();
    return { maskedMobile: maskMobile(mobile), expiresInSeconds: OTP_TTL_MS / 1000 };
  }

  /** Checks a guess; throws `otp_expired` when there is no live code to check against. */
  async verify(scope: { tenantId: string; conversationId: string }, mobile: string, guess: string, now: Date): Promise<OtpCheck> {
    const otp = await this.db
      .selectFrom('selfservice_otps')
      .selectAll()
      .where('tenant_id', '=', scope.tenantId)
      .where('conversation_id', '=', scope.conversationId)
      .where('mobile', '=', mobile)
      .where('consumed_at', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!otp || new Date(otp.expires_at).getTime() <= now.getTime()) throw new SelfServiceFailure('otp_expired', '验证码已过期，请重新获取');
    if (otp.attempts >= OTP_MAX_ATTEMPTS) return { verified: false, attemptsLeft: 0 };
    // Count the guess before comparing, atomically, so parallel guesses cannot exceed the limit.
    const counted = await this.db
      .updateTable('selfservice_otps')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', otp.id)
      .where('attempts', '<', OTP_MAX_ATTEMPTS)
      .where('consumed_at', 'is', null)
      .returning('attempts')
      .executeTakeFirst();
    if (!counted) return { verified: false, attemptsLeft: 0 };
    const expected = Buffer.from(otp.code_hash, 'hex');
    const actual = Buffer.from(hashCode(otp.salt, guess), 'hex');
    if (expected.length === actual.length && timingSafeEqual(expected, actual)) {
      await this.db.updateTable('selfservice_otps').set({ consumed_at: now }).where('id', '=', otp.id).execute();
      return { verified: true };
    }
    return { verified: false, attemptsLeft: OTP_MAX_ATTEMPTS - counted.attempts };
  }
}

/** Whole seconds from `now` until `at`, at least 1 (a refusal never says "wait 0 seconds"). */
function secondsUntil(at: number, now: Date): number {
  return Math.max(1, Math.ceil((at - now.getTime()) / 1000));
}

function hashCode(salt: string, code: string): string {
  return createHash('sha256').update(`${salt}:${code}`).digest('hex');
}

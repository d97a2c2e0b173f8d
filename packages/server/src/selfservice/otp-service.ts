import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { maskMobile, type SmsProvider } from './sms-provider.js';
import type { SelfServiceDb } from './self-service-db.js';
import { SelfServiceFailure } from './selfservice-failure.js';

export const OTP_TTL_MS = 5 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;
/** A new code for the same number in the same conversation no sooner than this. */
export const OTP_RESEND_MS = 60_000;
/** Codes per number per hour across all conversations, so nobody can flood a customer's phone. */
export const OTP_MAX_SENDS_PER_HOUR = 5;

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

  /** Sends a fresh code (older unused codes of this conversation and number stop working). */
  async send(scope: { tenantId: string; conversationId: string }, mobile: string, now: Date): Promise<{ maskedMobile: string; expiresInSeconds: number }> {
    const recent = await this.db
      .selectFrom('selfservice_otps')
      .select('created_at')
      .where('tenant_id', '=', scope.tenantId)
      .where('conversation_id', '=', scope.conversationId)
      .where('mobile', '=', mobile)
      .where('created_at', '>', new Date(now.getTime() - OTP_RESEND_MS))
      .executeTakeFirst();
    if (recent) throw new SelfServiceFailure('otp_rate_limited', '验证码发送过于频繁，请 1 分钟后再试');
    const lastHour = await this.db
      .selectFrom('selfservice_otps')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('tenant_id', '=', scope.tenantId)
      .where('mobile', '=', mobile)
      .where('created_at', '>', new Date(now.getTime() - 3600_000))
      .executeTakeFirstOrThrow();
    if (Number(lastHour.n) >= OTP_MAX_SENDS_PER_HOUR) throw new SelfServiceFailure('otp_rate_limited', '该号码验证码发送次数过多，请 1 小时后再试');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const salt = randomBytes(16).toString('hex');
    await this.db
      .updateTable('selfservice_otps')
      .set({ consumed_at: now })
      .where('tenant_id', '=', scope.tenantId)
      .where('conversation_id', '=', scope.conversationId)
      .where('mobile', '=', mobile)
      .where('consumed_at', 'is', null)
      .execute();
    await this.db
      .insertInto('selfservice_otps')
      .values({ id: randomUUID(), tenant_id: scope.tenantId, conversation_id: scope.conversationId, mobile, salt, code_hash: hashCode(salt, code), expires_at: new Date(now.getTime() + OTP_TTL_MS), created_at: now })
      .execute();
    await this.sms.send(mobile, `【智答】您的验证码是 ${code}，5 分钟内有效。请勿将验证码告诉他人。`);
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

function hashCode(salt: string, code: string): string {
  return createHash('sha256').update(`${salt}:${code}`).digest('hex');
}

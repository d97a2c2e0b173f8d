import * as crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../packages/server/src/db/schema.js';
import { TenantScope } from '../../packages/server/src/db/tenant-scope.js';
import { asSelfServiceDb } from '../../packages/server/src/selfservice/self-service-db.js';
import type { CapturedSms } from './captured-sms.js';

/** The bot never got as far as sending a code in this conversation. */
export class NoOtpSentError extends Error {
  readonly code = 'no_otp_sent';
}

type HashFn = (algorithm: string, data: string) => string;
// crypto.hash (one-shot, Node ≥ 20.12) is ~4× faster than createHash for a million tiny inputs.
const oneShot = (crypto as unknown as { hash?: HashFn }).hash;
const sha256: (data: string) => string = oneShot ? (d) => oneShot('sha256', d) : (d) => crypto.createHash('sha256').update(d).digest('hex');

/**
 * The SMS code the server just sent in a conversation: the one the bench's SMS gateway captured for that
 * conversation's live code's mobile, checked against the stored `sha256(salt:code)`. Without a captured
 * text (a server started without `CapturedSms`) it searches the 10⁶ six-digit codes against the hash
 * (about a second of CPU) — possible only because the bench owns the database; a real attacker gets 5 guesses.
 */
export async function readOtp(database: Kysely<Database>, conversationId: string, sms?: CapturedSms): Promise<string> {
  const row = await TenantScope.asSystem(() =>
    asSelfServiceDb(database)
      .selectFrom('selfservice_otps')
      .select(['salt', 'code_hash', 'mobile'])
      .where('conversation_id', '=', conversationId)
      .where('consumed_at', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  );
  if (!row) throw new NoOtpSentError('no SMS code had been sent when the script wanted to type it');
  const prefix = `${row.salt}:`;
  const captured = sms?.codeFor(row.mobile);
  if (captured !== undefined && sha256(prefix + captured) === row.code_hash) return captured;
  for (let i = 0; i < 1_000_000; i++) {
    const code = String(i).padStart(6, '0');
    if (sha256(prefix + code) === row.code_hash) return code;
  }
  throw new Error(`OTP of conversation ${conversationId} not recoverable`);
}

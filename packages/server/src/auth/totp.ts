import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 6238 parameters used for staff MFA: HMAC-SHA1, 6 digits, 30-second steps, ±1 step accepted. */
export const TOTP_DIGITS = 6;
export const TOTP_STEP_SECONDS = 30;
export const TOTP_WINDOW_STEPS = 1;

/** RFC 4226 HOTP: HMAC-SHA1 of the 8-byte big-endian counter, dynamically truncated to `digits` decimal digits. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The RFC 6238 time step for a Unix time in milliseconds. */
export function timeStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

/** RFC 6238 TOTP at a Unix time in milliseconds. */
export function totp(key: Uint8Array, nowMs: number, digits = TOTP_DIGITS): string {
  return hotp(key, timeStep(nowMs), digits);
}

/**
 * The time step a code matches within ±1 step of `nowMs`, or null. Steps at
 * or before `notAfterStep` are not accepted, so a code that was used once
 * cannot be used again (the caller stores the returned step). The result says
 * whether the code matched only a used step, so callers can tell a replay apart.
 */
export function verifyTotp(key: Uint8Array, code: string, nowMs: number, lastUsedStep: number | null): { step: number } | { step: null; replayed: boolean } {
  if (!/^\d{6}$/.test(code)) return { step: null, replayed: false };
  const current = timeStep(nowMs);
  let replayed = false;
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step++) {
    if (!constantTimeEquals(hotp(key, step), code)) continue;
    if (lastUsedStep !== null && step <= lastUsedStep) replayed = true;
    else return { step };
  }
  return { step: null, replayed };
}

function constantTimeEquals(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

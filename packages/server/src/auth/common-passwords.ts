import { dictionary } from '@zxcvbn-ts/language-common';

/** How many of the commonest passwords that meet the length rule are refused (OWASP ASVS 2.1.7 asks for the top 1,000 or 10,000). */
export const COMMON_PASSWORD_COUNT = 10_000;
export const MIN_PASSWORD_LENGTH = 8;

// zxcvbn-ts ships its password dictionary ordered by frequency in breach corpora; the ones shorter
// than our minimum are refused by the length rule already, so the 10,000 taken are the commonest that would pass it.
const common: ReadonlySet<string> = new Set(
  (dictionary['passwords-common'] as string[]).filter((p) => p.length >= MIN_PASSWORD_LENGTH).slice(0, COMMON_PASSWORD_COUNT),
);

/**
 * Whether a password is among the commonest 10,000 of at least 8 characters (case-insensitive,
 * so "Password1" counts as "password1").
 * @example isCommonPassword('12345678') // true
 */
export function isCommonPassword(password: string): boolean {
  return common.has(password.toLowerCase());
}

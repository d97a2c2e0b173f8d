import { z } from 'zod';
import { isCommonPassword, MIN_PASSWORD_LENGTH } from './common-passwords.js';

/**
 * A new staff password: at least 8 characters and not one of the commonest 10,000 (OWASP ASVS 2.1.7).
 * Used wherever a staff password is set, so a refusal is the same 400 everywhere.
 */
export const staffPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200)
  .refine((p) => !isCommonPassword(p), { message: 'this password is one of the most common ones and is easily guessed; choose another (密码过于常见，请换一个)' });

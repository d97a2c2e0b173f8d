import { z } from 'zod';

/** Message text as the API accepts it: 1–4000 characters, no NUL, no lone surrogates. */
export const messageTextSchema = z
  .string()
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
  .refine((s) => s.isWellFormed(), 'must be valid Unicode (no lone surrogates)')
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters'));

export const clientMsgIdSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, _ . : - only');

export const idParamsSchema = z.strictObject({ id: z.uuid() });

export const plainTextSchema = (max: number) =>
  z
    .string()
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
    .refine((s) => s.isWellFormed(), 'must be valid Unicode')
    .transform((s) => s.trim())
    .pipe(z.string().min(1).max(max));

export const errorResponseSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

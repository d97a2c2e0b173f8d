import { z } from 'zod';
import { plainTextSchema } from '../../http/common-schemas.js';
import type { CannedReplyRow } from '../handoff-schema.js';

/** What follows `/` in the reply box: letters (any script), digits, `_` and `-`; a leading `/` is dropped. */
export const cannedShortcutSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/^\//, ''))
  .pipe(z.string().regex(/^[\p{L}\p{N}_-]{1,32}$/u, 'letters, digits, _ and - only, at most 32'));

export const cannedReplyInputSchema = z.strictObject({
  shortcut: cannedShortcutSchema,
  title: plainTextSchema(100),
  body: plainTextSchema(2000),
  /** `tenant`: every agent's (needs kb.write); `personal`: the caller's own. */
  scope: z.enum(['tenant', 'personal']).default('personal'),
});
export const cannedReplyPatchSchema = z
  .strictObject({ shortcut: cannedShortcutSchema.optional(), title: plainTextSchema(100).optional(), body: plainTextSchema(2000).optional() })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');

export const cannedReplyDtoSchema = z.object({
  id: z.string(),
  scope: z.enum(['tenant', 'personal']),
  ownerId: z.string().nullable(),
  shortcut: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CannedReplyDto = z.infer<typeof cannedReplyDtoSchema>;
export type CannedReplyInput = z.output<typeof cannedReplyInputSchema>;
export type CannedReplyPatch = z.output<typeof cannedReplyPatchSchema>;

export function toCannedReplyDto(row: CannedReplyRow): CannedReplyDto {
  return {
    id: row.id,
    scope: row.owner_id ? 'personal' : 'tenant',
    ownerId: row.owner_id,
    shortcut: row.shortcut,
    title: row.title,
    body: row.body,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

import { randomUUID } from 'node:crypto';
import type { CannedReply } from '@zhida/templates';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { handoffDatabase } from '../handoff-schema.js';

/**
 * Installs an industry template's canned replies as the new tenant's shared replies (its copy, edited
 * from then on like any other). A shortcut the tenant already has is left alone.
 * @example await installTemplateCannedReplies(db, tenantId, template.cannedReplies);
 */
export async function installTemplateCannedReplies(db: Kysely<Database>, tenantId: string, replies: readonly CannedReply[]): Promise<void> {
  if (replies.length === 0) return;
  const now = new Date();
  await handoffDatabase(db)
    .insertInto('canned_replies')
    .values(replies.map((r) => ({ id: randomUUID(), tenant_id: tenantId, owner_id: null, shortcut: r.shortcut.replace(/^\//, ''), title: r.title, body: r.text, created_at: now, updated_at: now })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema.js';
import { AUDIT_GENESIS_HASH, auditEntryHash } from './audit-entry-hash.js';

export interface AuditEntry {
  tenantId: string;
  actorType: AuditLogTable['actor_type'];
  actorId: string | null;
  action: string;
  objectType?: string;
  objectId?: string;
  detail?: Record<string, unknown>;
}

/**
 * Append-only, tamper-evident record of security-relevant actions: the table rejects UPDATE and
 * DELETE, and each entry carries the hash of its tenant's previous one (AuditChainVerifier checks it).
 */
export class AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // The head row is the chain's lock: two appends at once queue on it, so the second links to the
      // first instead of both linking to the same predecessor (a forked chain would fail verification).
      await trx
        .insertInto('audit_chain_heads')
        .values({ tenant_id: entry.tenantId, last_seq: 0, last_hash: AUDIT_GENESIS_HASH })
        .onConflict((oc) => oc.column('tenant_id').doNothing())
        .execute();
      const head = await trx.selectFrom('audit_chain_heads').select(['last_seq', 'last_hash']).where('tenant_id', '=', entry.tenantId).forUpdate().executeTakeFirstOrThrow();
      const row = {
        id: randomUUID(),
        tenant_id: entry.tenantId,
        actor_type: entry.actorType,
        actor_id: entry.actorId,
        action: entry.action,
        object_type: entry.objectType ?? null,
        object_id: entry.objectId ?? null,
        // As jsonb will give it back (dates as strings, undefined dropped), so the hash verifies later.
        detail: JSON.parse(JSON.stringify(entry.detail ?? {})) as Record<string, unknown>,
        // Millisecond precision, so the time read back is the one hashed.
        created_at: new Date(),
        seq: head.last_seq + 1,
        prev_hash: head.last_hash,
      };
      const hash = auditEntryHash({
        tenantId: row.tenant_id,
        seq: row.seq,
        id: row.id,
        actorType: row.actor_type,
        actorId: row.actor_id,
        action: row.action,
        objectType: row.object_type,
        objectId: row.object_id,
        detail: row.detail,
        createdAt: row.created_at,
        prevHash: row.prev_hash,
      });
      await trx.insertInto('audit_log').values({ ...row, detail: JSON.stringify(row.detail), hash }).execute();
      await trx.updateTable('audit_chain_heads').set({ last_seq: row.seq, last_hash: hash }).where('tenant_id', '=', entry.tenantId).execute();
    });
  }
}

/**
 * Removes a tenant's entries older than `before` (retention), from the start of the chain only. The
 * head remembers the seq and hash where the chain now starts, so verification still detects any
 * other removal. Returns how many entries went.
 */
export async function purgeAuditEntriesBefore(db: Kysely<Database>, tenantId: string, before: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const head = await trx.selectFrom('audit_chain_heads').select(['last_seq']).where('tenant_id', '=', tenantId).forUpdate().executeTakeFirst();
    if (!head) return 0;
    const cut = await trx.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('seq')).where('tenant_id', '=', tenantId).where('created_at', '<', before).executeTakeFirst();
    const through = cut?.seq ?? null;
    if (through === null) return 0;
    const last = await trx.selectFrom('audit_log').select('hash').where('tenant_id', '=', tenantId).where('seq', '=', through).executeTakeFirstOrThrow();
    // The append-only trigger lets this one transaction delete (migration 0021).
    await sql`select set_config('zhida.audit_purge', 'on', true)`.execute(trx);
    const removed = await trx.deleteFrom('audit_log').where('tenant_id', '=', tenantId).where('seq', '<=', through).executeTakeFirst();
    await trx.updateTable('audit_chain_heads').set({ purged_through_seq: through, purged_through_hash: last.hash }).where('tenant_id', '=', tenantId).execute();
    return Number(removed.numDeletedRows);
  });
}

/** The audit actor fields for a staff caller. */
export function auditActor(p: { kind: 'user'; userId: string } | { kind: 'api_key'; keyId: string }): Pick<AuditEntry, 'actorType' | 'actorId'> {
  return p.kind === 'user' ? { actorType: 'user', actorId: p.userId } : { actorType: 'api_key', actorId: p.keyId };
}

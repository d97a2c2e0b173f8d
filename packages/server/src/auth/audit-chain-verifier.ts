import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AUDIT_GENESIS_HASH, auditEntryHash } from './audit-entry-hash.js';

/** One place where a tenant's audit chain does not hold. */
export interface AuditChainBreak {
  seq: number | null;
  entryId: string | null;
  problem: 'changed' | 'missing' | 'unchained' | 'head_mismatch';
  message: string;
}

export interface AuditChainReport {
  tenantId: string;
  /** Chained entries checked. */
  checked: number;
  /** The chain's first seq still held (retention removes older ones), and its last. */
  firstSeq: number | null;
  lastSeq: number | null;
  breaks: AuditChainBreak[];
}

const PAGE = 1000;

/**
 * Walks a tenant's audit chain in `seq` order and recomputes every hash. It finds an entry whose
 * fields were changed (its hash no longer matches), one that was removed (a gap in `seq`, or the
 * next entry's `prev_hash` pointing at nothing), entries cut from the end (the head row remembers
 * the last seq and hash), and entries slipped in without a chain. Run it as the tenant (or system).
 * @example const report = await new AuditChainVerifier(db).verify(tenantId); report.breaks.length === 0
 */
export class AuditChainVerifier {
  constructor(private readonly db: Kysely<Database>) {}

  async verify(tenantId: string): Promise<AuditChainReport> {
    const head = await this.db.selectFrom('audit_chain_heads').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    const breaks: AuditChainBreak[] = [];
    const unchained = await this.db.selectFrom('audit_log').select(['id']).where('tenant_id', '=', tenantId).where('seq', 'is', null).limit(20).execute();
    for (const u of unchained) breaks.push({ seq: null, entryId: u.id, problem: 'unchained', message: `entry ${u.id} has no place in the chain (inserted around AuditLog)` });

    // Retention may have purged the start: the chain then resumes from the hash recorded at the cut.
    let expectedSeq = (head?.purged_through_seq ?? 0) + 1;
    let expectedPrev = head?.purged_through_hash ?? AUDIT_GENESIS_HASH;
    let checked = 0;
    let firstSeq: number | null = null;
    let lastSeq: number | null = null;
    let lastHash = expectedPrev;
    for (let after = expectedSeq - 1; ; ) {
      const rows = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const r of rows) {
        const seq = r.seq as number;
        firstSeq ??= seq;
        if (seq !== expectedSeq) {
          breaks.push({ seq: expectedSeq, entryId: null, problem: 'missing', message: `entries ${expectedSeq}–${seq - 1} are missing (deleted)` });
        } else if (r.prev_hash !== expectedPrev) {
          breaks.push({ seq, entryId: r.id, problem: 'missing', message: `entry ${seq} does not link to the entry before it` });
        }
        const hash = auditEntryHash({
          tenantId: r.tenant_id,
          seq,
          id: r.id,
          actorType: r.actor_type,
          actorId: r.actor_id,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          detail: r.detail,
          createdAt: r.created_at,
          prevHash: r.prev_hash ?? '',
        });
        if (hash !== r.hash) breaks.push({ seq, entryId: r.id, problem: 'changed', message: `entry ${seq} (${r.action}) was changed after it was written` });
        // Follow the stored hash, so one changed entry is reported once rather than breaking every later link.
        expectedPrev = r.hash ?? '';
        expectedSeq = seq + 1;
        lastSeq = seq;
        lastHash = r.hash ?? '';
        checked++;
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.seq as number;
    }
    if (head && (head.last_seq !== (lastSeq ?? head.purged_through_seq) || head.last_hash !== lastHash)) {
      breaks.push({ seq: head.last_seq, entryId: null, problem: 'head_mismatch', message: `the chain should end at entry ${head.last_seq}, but ends at ${lastSeq ?? 'nothing'} (entries removed from the end)` });
    }
    if (!head && checked > 0) breaks.push({ seq: null, entryId: null, problem: 'head_mismatch', message: 'the chain head is missing' });
    return { tenantId, checked, firstSeq, lastSeq, breaks };
  }
}

import { createHash } from 'node:crypto';

/** The `prev_hash` of a tenant's first chained entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that its hash covers. */
export interface HashedAuditFields {
  tenantId: string;
  seq: number;
  id: string;
  actorType: string;
  actorId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  detail: unknown;
  createdAt: Date;
  prevHash: string;
}

/**
 * SHA-256 over one audit entry and the previous entry's hash: changing any field of any entry, or
 * removing one, breaks every link after it. `detail` is hashed in a canonical form (sorted keys),
 * because jsonb does not keep the key order it was written with.
 * @example auditEntryHash({ ...fields, prevHash: AUDIT_GENESIS_HASH })
 */
export function auditEntryHash(f: HashedAuditFields): string {
  const material = JSON.stringify([1, f.prevHash, f.tenantId, f.seq, f.id, f.actorType, f.actorId, f.action, f.objectType, f.objectId, canonical(f.detail), f.createdAt.toISOString()]);
  return createHash('sha256').update(material).digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema.js';

export interface AuditEntry {
  tenantId: string;
  actorType: AuditLogTable['actor_type'];
  actorId: string | null;
  action: string;
  objectType?: string;
  objectId?: string;
  detail?: Record<string, unknown>;
}

/** Append-only record of security-relevant actions (the table rejects UPDATE and DELETE). */
export class AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        tenant_id: entry.tenantId,
        actor_type: entry.actorType,
        actor_id: entry.actorId,
        action: entry.action,
        object_type: entry.objectType ?? null,
        object_id: entry.objectId ?? null,
        detail: JSON.stringify(entry.detail ?? {}),
      })
      .execute();
  }
}

/** The audit actor fields for a staff caller. */
export function auditActor(p: { kind: 'user'; userId: string } | { kind: 'api_key'; keyId: string }): Pick<AuditEntry, 'actorType' | 'actorId'> {
  return p.kind === 'user' ? { actorType: 'user', actorId: p.userId } : { actorType: 'api_key', actorId: p.keyId };
}

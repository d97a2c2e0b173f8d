import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEntry, AuditLog } from '../auth/audit-log.js';
import type { Database } from '../db/schema.js';
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { PersonalDataHolder, PersonalDataSubject } from './personal-data-holder.js';
import { privacyRequestDeadline } from './privacy-request-deadline.js';
import { privacyDatabase, type PrivacyDatabase, type PrivacyRequestKind, type PrivacyRequestRow } from './privacy-schema.js';
import type { SubjectArchive } from './subject-archive.js';

export type SubjectType = 'visitor' | 'external_id';
type Actor = Pick<AuditEntry, 'actorType' | 'actorId'>;

export interface PrivacyRequestDto {
  id: string;
  kind: PrivacyRequestKind;
  subjectType: SubjectType;
  subjectRef: string;
  status: 'open' | 'completed' | 'rejected';
  requestedBy: string;
  note: string;
  dueAt: string;
  overdue: boolean;
  completedAt: string | null;
  result: Record<string, unknown>;
  createdAt: string;
}

/**
 * Data subjects' requests (PIPL art. 45 access and copy, art. 47 deletion): each one is a row with its
 * deadline, carried out through every PersonalDataHolder and audited. After an erasure the request
 * keeps only a pseudonym of whom it was about, so the record of the deletion holds no personal data.
 */
export class PrivacyRequestService {
  private readonly db: Kysely<PrivacyDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly holders: readonly PersonalDataHolder[],
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = privacyDatabase(db);
  }

  async create(ctx: TenantContext, input: { kind: PrivacyRequestKind; subjectType: SubjectType; subjectRef: string; note?: string }, actor: Actor): Promise<PrivacyRequestDto> {
    const subject = await this.resolve(ctx, input.subjectType, input.subjectRef);
    if (subject.visitorIds.length === 0 && input.subjectType === 'visitor') throw new NotFoundError('Visitor');
    const now = this.now();
    const row = {
      id: randomUUID(),
      tenant_id: ctx.tenantId,
      kind: input.kind,
      subject_type: input.subjectType,
      subject_ref: input.subjectRef,
      requested_by: actor.actorId ?? actor.actorType,
      note: input.note ?? '',
      due_at: privacyRequestDeadline(now),
      created_at: now,
    };
    await this.db.insertInto('privacy_requests').values(row).execute();
    await this.audit.record({ tenantId: ctx.tenantId, ...actor, action: 'privacy.request_created', objectType: 'privacy_request', objectId: row.id, detail: { kind: input.kind, dueAt: row.due_at.toISOString() } });
    return this.get(ctx, row.id);
  }

  async list(ctx: TenantContext): Promise<PrivacyRequestDto[]> {
    const rows = await this.db.selectFrom('privacy_requests').selectAll().where('tenant_id', '=', ctx.tenantId).orderBy('created_at', 'desc').limit(500).execute();
    return rows.map((r) => this.toDto(r));
  }

  async get(ctx: TenantContext, id: string): Promise<PrivacyRequestDto> {
    return this.toDto(await this.row(ctx, id));
  }

  /** Streams the subject's data into the archive (every holder, then a manifest) and completes the request. */
  async export(ctx: TenantContext, id: string, archive: SubjectArchive, actor: Actor): Promise<void> {
    const row = await this.row(ctx, id);
    if (row.kind !== 'export') throw new ConflictError('This request is not an export', 'wrong_request_kind');
    const subject = await this.resolve(ctx, row.subject_type, row.subject_ref);
    const counts: Record<string, number> = {};
    for (const h of this.holders) counts[h.name] = await h.export(subject, archive);
    await archive.json('manifest.json', { requestId: row.id, tenantId: ctx.tenantId, subject: { type: row.subject_type, ref: row.subject_ref }, exportedAt: this.now().toISOString(), records: counts, files: [...archive.entries] });
    await archive.finish();
    await this.complete(ctx, row, { records: counts }, row.subject_ref);
    await this.audit.record({ tenantId: ctx.tenantId, ...actor, action: 'privacy.exported', objectType: 'privacy_request', objectId: row.id, detail: { records: counts } });
  }

  /** Carries out a delete or anonymise request through every holder; returns what each removed. */
  async erase(ctx: TenantContext, id: string, actor: Actor): Promise<PrivacyRequestDto> {
    const row = await this.row(ctx, id);
    if (row.kind === 'export') throw new ConflictError('An export request is carried out by downloading its archive', 'wrong_request_kind');
    if (row.status !== 'open') throw new ConflictError('This request has already been carried out', 'request_closed');
    const subject = await this.resolve(ctx, row.subject_type, row.subject_ref);
    const removed: Record<string, Record<string, number>> = {};
    // In order: the visitor holder goes last, as the others find their rows through the visitor.
    for (const h of this.holders) removed[h.name] = await h.erase(subject, row.kind === 'delete' ? 'delete' : 'anonymise');
    await this.complete(ctx, row, { removed }, pseudonym(ctx.tenantId, row.subject_ref));
    // Earlier requests about the same person (an export first, typically) keep only the pseudonym too.
    const refs = [...new Set([row.subject_ref, ...subject.visitorIds, ...(subject.externalId ? [subject.externalId] : [])])];
    for (const ref of refs) {
      await this.db.updateTable('privacy_requests').set({ subject_ref: pseudonym(ctx.tenantId, ref) }).where('tenant_id', '=', ctx.tenantId).where('subject_ref', '=', ref).execute();
    }
    await this.audit.record({ tenantId: ctx.tenantId, ...actor, action: row.kind === 'delete' ? 'privacy.deleted' : 'privacy.anonymised', objectType: 'privacy_request', objectId: row.id, detail: { removed } });
    return this.get(ctx, id);
  }

  private async complete(ctx: TenantContext, row: PrivacyRequestRow, result: Record<string, unknown>, subjectRef: string): Promise<void> {
    await this.db
      .updateTable('privacy_requests')
      .set({ status: 'completed', completed_at: row.completed_at ?? this.now(), result: JSON.stringify(result), subject_ref: subjectRef })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', row.id)
      .execute();
  }

  private async row(ctx: TenantContext, id: string): Promise<PrivacyRequestRow> {
    const row = await this.db.selectFrom('privacy_requests').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('Privacy request');
    return row;
  }

  /** Every visitor identity of the subject, inside the caller's tenant only. */
  async resolve(ctx: TenantContext, type: SubjectType, ref: string): Promise<PersonalDataSubject> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
    if (type === 'visitor') {
      const found = uuid ? await this.db.selectFrom('visitors').select(['id', 'external_id']).where('tenant_id', '=', ctx.tenantId).where('id', '=', ref).executeTakeFirst() : undefined;
      if (!found) return { tenantId: ctx.tenantId, visitorIds: [], externalId: null };
      // A signed-in customer may have several visitor identities (devices): all of them are the person.
      const siblings = found.external_id ? await this.db.selectFrom('visitors').select('id').where('tenant_id', '=', ctx.tenantId).where('external_id', '=', found.external_id).execute() : [];
      return { tenantId: ctx.tenantId, visitorIds: [...new Set([found.id, ...siblings.map((s) => s.id)])], externalId: found.external_id };
    }
    const visitors = await this.db.selectFrom('visitors').select('id').where('tenant_id', '=', ctx.tenantId).where('external_id', '=', ref).execute();
    return { tenantId: ctx.tenantId, visitorIds: visitors.map((v) => v.id), externalId: ref };
  }

  private toDto(r: PrivacyRequestRow): PrivacyRequestDto {
    return {
      id: r.id,
      kind: r.kind,
      subjectType: r.subject_type,
      subjectRef: r.subject_ref,
      status: r.status,
      requestedBy: r.requested_by,
      note: r.note,
      dueAt: r.due_at.toISOString(),
      overdue: r.status === 'open' && r.due_at.getTime() < this.now().getTime(),
      completedAt: r.completed_at ? r.completed_at.toISOString() : null,
      result: r.result,
      createdAt: r.created_at.toISOString(),
    };
  }
}

/** What an erased subject's request keeps instead of the id: the same person gives the same pseudonym, and it cannot be reversed. */
function pseudonym(tenantId: string, ref: string): string {
  return `erased:${createHash('sha256').update(`${tenantId}:${ref}`).digest('hex').slice(0, 24)}`;
}

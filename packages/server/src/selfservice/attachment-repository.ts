import { createHash, randomUUID } from 'node:crypto';
import type { AllowedUploadType } from './file-type-sniffer.js';
import type { SelfServiceDb } from './self-service-db.js';

export interface AttachmentInfo {
  id: string;
  conversationId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: Date;
}

/** Files a visitor uploaded to a conversation, stored in the database and always read back by tenant and conversation. */
export class AttachmentRepository {
  constructor(private readonly db: SelfServiceDb) {}

  async create(scope: { tenantId: string; conversationId: string; visitorId: string }, file: { filename: string; contentType: AllowedUploadType; data: Buffer }): Promise<AttachmentInfo> {
    const row = await this.db
      .insertInto('selfservice_attachments')
      .values({
        id: randomUUID(),
        tenant_id: scope.tenantId,
        conversation_id: scope.conversationId,
        visitor_id: scope.visitorId,
        filename: file.filename,
        content_type: file.contentType,
        size: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        data: file.data,
      })
      .returning(['id', 'conversation_id', 'filename', 'content_type', 'size', 'sha256', 'created_at'])
      .executeTakeFirstOrThrow();
    return toInfo(row);
  }

  async count(scope: { tenantId: string; conversationId: string }): Promise<number> {
    const row = await this.db
      .selectFrom('selfservice_attachments')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('tenant_id', '=', scope.tenantId)
      .where('conversation_id', '=', scope.conversationId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async get(scope: { tenantId: string; conversationId: string }, id: string): Promise<(AttachmentInfo & { data: Buffer }) | null> {
    const row = await this.db
      .selectFrom('selfservice_attachments')
      .select(['id', 'conversation_id', 'filename', 'content_type', 'size', 'sha256', 'created_at', 'data'])
      .where('tenant_id', '=', scope.tenantId)
      .where('conversation_id', '=', scope.conversationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? { ...toInfo(row), data: Buffer.from(row.data) } : null;
  }
}

function toInfo(row: { id: string; conversation_id: string; filename: string; content_type: string; size: number; sha256: string; created_at: Date }): AttachmentInfo {
  return { id: row.id, conversationId: row.conversation_id, filename: row.filename, contentType: row.content_type, size: row.size, sha256: row.sha256, createdAt: new Date(row.created_at) };
}

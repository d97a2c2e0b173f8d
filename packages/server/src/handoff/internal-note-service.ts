import type { Kysely } from 'kysely';
import { toMessageDto, type MessageDto } from '../conversations/conversation-dto.js';
import type { ConversationRepository } from '../conversations/conversation-repository.js';
import type { Database, Role } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { handoffDatabase, type HandoffDatabase } from './handoff-schema.js';

const ROLE_LABEL: Record<Role, string> = { admin: '管理员', supervisor: '主管', agent: '客服', analyst: '分析员' };

/** Who writes a note: a signed-in user, or an API key (no name). */
export interface NoteAuthor extends TenantContext {
  userId: string | null;
  name: string | null;
}

/**
 * Internal notes: staff-only messages in a conversation's transcript (`messages.internal`). The
 * gateway never sends them to a widget room and the widget API never lists them; the bot's history
 * reads visitor messages only.
 */
export class InternalNoteService {
  private readonly db: Kysely<HandoffDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly conversations: ConversationRepository,
    private readonly events: DomainEvents,
  ) {
    this.db = handoffDatabase(db);
  }

  async note(author: NoteAuthor, conversationId: string, text: string, clientMsgId: string): Promise<{ message: MessageDto; created: boolean }> {
    await this.conversations.assertAccessible(author, conversationId);
    const { message, created } = await this.conversations.appendMessage(author, { conversationId, senderType: 'agent', senderId: author.userId, senderName: author.name, text, clientMsgId, internal: true });
    const dto = toMessageDto(message);
    if (created) this.events.emit('message.created', { tenantId: author.tenantId, message: dto });
    return { message: dto, created };
  }

  /** Invites a colleague (usually a supervisor): a note "邀请 主管 李四：…" and `handoff.invite` to them. 404 for anyone not active staff of the tenant. */
  async invite(author: NoteAuthor, conversationId: string, input: { userId: string; note?: string | undefined }): Promise<MessageDto> {
    await this.conversations.assertAccessible(author, conversationId);
    const invited = await this.db.selectFrom('users').select(['id', 'name', 'role']).where('tenant_id', '=', author.tenantId).where('id', '=', input.userId).where('active', '=', true).executeTakeFirst();
    if (!invited) throw new NotFoundError('User');
    const text = `邀请 ${ROLE_LABEL[invited.role]} ${invited.name}${input.note ? `：${input.note}` : ''}`;
    const { message } = await this.note(author, conversationId, text, `invite:${invited.id}:${Date.now()}`);
    this.events.emit('handoff.invite', { tenantId: author.tenantId, userId: invited.id, invite: { conversationId, fromUserId: author.userId, fromName: author.name, note: input.note ?? null, messageId: message.id } });
    return message;
  }
}

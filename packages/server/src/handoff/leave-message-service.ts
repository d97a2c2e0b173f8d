import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import type { TicketConnector } from '../selfservice/connectors/ticket-connector.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { HandoffAnnouncer } from './handoff-announcer.js';
import { handoffDatabase, type HandoffDatabase } from './handoff-schema.js';
import { leftMessageText } from './handoff-visitor-text.js';
import type { VisitorHandoffStatusReader } from './visitor-handoff-status-reader.js';

/**
 * Flow 7: a visitor nobody could serve (or who would rather not wait) leaves a message. It becomes
 * a native ticket through the same connector the bot's complaint flows use (channel chat, the
 * conversation's visitor and verified customer, the transcript as an internal note); the latest
 * unavailable or waiting request becomes `left_message` with the ticket, and the bot answers again.
 */
export class LeaveMessageService {
  private readonly db: Kysely<HandoffDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly tickets: TicketConnector,
    private readonly announcer: HandoffAnnouncer,
    private readonly status: VisitorHandoffStatusReader,
    private readonly now: () => Date,
  ) {
    this.db = handoffDatabase(db);
  }

  async leave(ctx: TenantContext & { visitorId: string }, conversationId: string, input: { text: string; contact?: string | undefined }): Promise<{ ticketNumber: string }> {
    const conversation = await this.db.selectFrom('conversations').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', conversationId).where('visitor_id', '=', ctx.visitorId).executeTakeFirst();
    if (!conversation) throw new NotFoundError('Conversation');
    const now = this.now();
    const description = input.contact ? `${input.text}\n\n联系方式：${input.contact}` : input.text;
    const { ticketNumber } = await this.tickets.create({ tenantId: ctx.tenantId, conversationId, now, idempotencyKey: `leave-message:${conversationId}:${now.getTime()}` }, { category: 'leave_message', description });
    const ticket = await this.db.selectFrom('tickets').select('id').where('tenant_id', '=', ctx.tenantId).where('number', '=', ticketNumber).executeTakeFirst();
    const marked = await this.db.transaction().execute(async (trx) => {
      const latest = await trx
        .selectFrom('handoff_requests')
        .selectAll()
        .where('tenant_id', '=', ctx.tenantId)
        .where('conversation_id', '=', conversationId)
        .where('status', 'in', ['unavailable', 'queued', 'offered'])
        .orderBy('created_at', 'desc')
        .limit(1)
        .forUpdate()
        .executeTakeFirst();
      if (!latest) return null;
      const row = await trx
        .updateTable('handoff_requests')
        .set({ status: 'left_message', ticket_id: ticket?.id ?? null, ended_at: latest.ended_at ?? now, end_reason: latest.end_reason ?? 'left_message', offer_expires_at: null })
        .where('id', '=', latest.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      // A visitor who leaves a message instead of waiting leaves the queue; the bot answers again.
      await trx.updateTable('conversations').set({ handoff: false, updated_at: now }).where('tenant_id', '=', ctx.tenantId).where('id', '=', conversationId).execute();
      return { row, wasWaiting: latest.status !== 'unavailable' };
    });
    const locale = await this.status.localeOf(ctx, conversationId);
    await this.announcer.systemMessage(ctx, conversationId, leftMessageText(locale, ticketNumber), `handoff:left-message:${ticketNumber}`, { meta: { kind: 'handoff_left_message', ticketNumber } });
    if (marked) {
      await this.announcer.changed([marked.row]);
      await this.announcer.conversationChanged(ctx, conversationId);
    }
    await this.status.publish(ctx, marked?.wasWaiting ? [marked.row.group_id] : [], [conversationId]);
    return { ticketNumber };
  }
}

import type { Kysely } from 'kysely';
import { maskSensitiveNumbers } from '../privacy/sensitive-number-mask.js';
import type { HandoffSummaryPort } from './handoff-summary-port.js';
import { roleCan } from '../auth/permissions.js';
import type { ConversationChannel, Role } from '../db/schema.js';
import { toMessageDto } from '../conversations/conversation-dto.js';
import type { ConversationRepository } from '../conversations/conversation-repository.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { HandoffDatabase, HandoffRequestRow } from './handoff-schema.js';

/** The roles that hold `handoff.supervise`: they hear alerts of requests no group's supervisor covers. */
const SUPERVISING_ROLES = (['admin', 'supervisor', 'agent', 'analyst'] as const satisfies readonly Role[]).filter((role) => roleCan(role, 'handoff.supervise'));

/** How much of the visitor's last message a queue row or an offer shows. */
const SUMMARY_CHARS = 80;

/**
 * Tells the rest of the app what the handoff queue did, after the transaction committed: system
 * messages to the visitor (stored like any message, idempotent by clientMsgId), `handoff.changed`,
 * the offered agent's notice and `conversation.updated`.
 */
export class HandoffAnnouncer {
  constructor(
    private readonly db: Kysely<HandoffDatabase>,
    private readonly conversations: ConversationRepository,
    private readonly events: DomainEvents,
    private readonly summaries?: HandoffSummaryPort,
    private readonly log?: { warn(obj: object, msg: string): void },
  ) {}

  async systemMessage(ctx: TenantContext, conversationId: string, text: string, clientMsgId: string, extra: { quickReplies?: string[]; meta?: Record<string, unknown> } = {}): Promise<void> {
    const { message, created } = await this.conversations.appendMessage(ctx, {
      conversationId,
      senderType: 'system',
      senderId: null,
      senderName: null,
      text,
      clientMsgId,
      quickReplies: extra.quickReplies ?? [],
      meta: extra.meta ?? {},
    });
    if (created) this.events.emit('message.created', { tenantId: ctx.tenantId, message: toMessageDto(message) });
  }

  async conversationChanged(ctx: TenantContext, conversationId: string): Promise<void> {
    this.events.emit('conversation.updated', { tenantId: ctx.tenantId, conversation: await this.conversations.get(ctx, conversationId) });
  }

  /** `handoff.changed` for each row; for an offer also the offered agent's notice. */
  async changed(rows: readonly HandoffRequestRow[]): Promise<void> {
    for (const r of rows) {
      this.events.emit('handoff.changed', {
        tenantId: r.tenant_id,
        requestId: r.id,
        conversationId: r.conversation_id,
        status: r.status,
        reason: r.reason,
        priority: r.priority,
        groupId: r.group_id,
        offeredTo: r.offered_to,
        assignedTo: r.assigned_to,
        offerExpiresAt: r.offer_expires_at ? new Date(r.offer_expires_at).toISOString() : null,
      });
      if (r.status === 'offered' && r.offered_to) {
        const about = await this.about(r.tenant_id, r.conversation_id);
        this.events.emit('handoff.offered', {
          tenantId: r.tenant_id,
          userId: r.offered_to,
          offer: {
            requestId: r.id,
            conversationId: r.conversation_id,
            reason: r.reason,
            priority: r.priority,
            offerExpiresAt: r.offer_expires_at ? new Date(r.offer_expires_at).toISOString() : null,
            visitorName: about.visitorName,
            summary: about.summary,
            channel: about.channel,
          },
        });
      }
    }
  }

  /** A new high-risk or angry request: its group's supervisors (every handoff.supervise staff member when it has no group or no supervisor). */
  async alert(r: HandoffRequestRow): Promise<void> {
    if (r.priority > 1) return;
    const supervisors = r.group_id
      ? await this.db.selectFrom('agent_group_members').select('user_id').where('tenant_id', '=', r.tenant_id).where('group_id', '=', r.group_id).where('is_supervisor', '=', true).execute()
      : [];
    const userIds = supervisors.length > 0
      ? supervisors.map((s) => s.user_id)
      : (await this.db.selectFrom('users').select('id').where('tenant_id', '=', r.tenant_id).where('active', '=', true).where('role', 'in', SUPERVISING_ROLES).execute()).map((u) => u.id);
    if (userIds.length === 0) return;
    const about = await this.about(r.tenant_id, r.conversation_id);
    this.events.emit('handoff.alert', { tenantId: r.tenant_id, userIds, alert: { requestId: r.id, conversationId: r.conversation_id, reason: r.reason, priority: r.priority, summary: about.summary, channel: about.channel } });
  }

  /** The visitor's name and latest message (shortened). */
  async about(tenantId: string, conversationId: string): Promise<{ visitorName: string | null; summary: string; channel: ConversationChannel }> {
    const row = await this.db
      .selectFrom('conversations as c')
      .innerJoin('visitors as v', (j) => j.onRef('v.id', '=', 'c.visitor_id').onRef('v.tenant_id', '=', 'c.tenant_id'))
      .select(['v.name', 'c.channel'])
      .select((eb) =>
        eb
          .selectFrom('messages as m')
          .select('m.text')
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.sender_type', '=', 'visitor')
          .orderBy('m.seq', 'desc')
          .limit(1)
          .as('last_text'),
      )
      .where('c.tenant_id', '=', tenantId)
      .where('c.id', '=', conversationId)
      .executeTakeFirst();
    // Offers and alerts reach agents' screens before anyone opens the chat: ID and card numbers go masked, as in the context panel.
    const text = maskSensitiveNumbers(row?.last_text ?? '');
    const channel = row?.channel ?? 'web';
    const latest = text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text;
    if (!this.summaries) return { visitorName: row?.name ?? null, summary: latest, channel };
    try {
      return { visitorName: row?.name ?? null, summary: maskSensitiveNumbers(await this.summaries.summary({ tenantId }, conversationId)), channel };
    } catch (err) {
      // An offer must still reach the agent; the visitor's words are a poorer but true summary.
      this.log?.warn({ err, conversationId }, 'handoff summary failed; offering with the latest message');
      return { visitorName: row?.name ?? null, summary: latest, channel };
    }
  }
}

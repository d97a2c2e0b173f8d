import type { Kysely } from 'kysely';
import type { CustomerTicketDto, SlaClockDto, TicketDto, TicketEventDto, TicketSummaryDto } from './ticket-dto.js';
import type { TicketSlaPort } from './ticket-ports.js';
import type { TicketAttachmentMeta, TicketRepository, TicketViewRow } from './ticket-repository.js';
import type { TicketDatabase, TicketEventRow, TicketStatus } from './ticket-schema.js';

/** A resolved ticket may be reopened (or reopens on a customer reply) for this long. */
export const REOPEN_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

const STATUS_TEXT: Record<TicketStatus, string> = { new: '已受理，等待处理', open: '处理中', pending_customer: '待您补充信息', resolved: '已解决，请确认', closed: '已关闭' };

/** The clock a queue row counts down: the nearest one still open. */
function nearestOpenClock(clocks: SlaClockDto[]): SlaClockDto | null {
  const open = clocks.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'breached');
  return open.sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0] ?? null;
}

/** When a resolved (or afterwards closed) ticket can still be reopened by its customer; null otherwise. */
export function reopenUntil(ticket: { status: TicketStatus; resolved_at: Date | null; merged_into_id: string | null }): Date | null {
  if ((ticket.status !== 'resolved' && ticket.status !== 'closed') || !ticket.resolved_at || ticket.merged_into_id) return null;
  return new Date(new Date(ticket.resolved_at).getTime() + REOPEN_WINDOW_MS);
}

/** Builds the wire shapes of tickets from rows; SLA clocks and expectations come from the SLA port. */
export class TicketDtoBuilder {
  constructor(
    private readonly db: Kysely<TicketDatabase>,
    private readonly repo: TicketRepository,
    private readonly sla: TicketSlaPort,
  ) {}

  async summary(row: TicketViewRow, now: Date, clocks?: SlaClockDto[]): Promise<TicketSummaryDto> {
    const ownClocks = clocks ?? (await this.sla.clocks(this.db, row, now));
    return {
      id: row.id,
      number: row.number,
      subject: row.subject,
      status: row.status,
      priority: row.priority,
      category: row.category_id && row.category_key && row.category_name ? { id: row.category_id, key: row.category_key, name: row.category_name } : null,
      group: row.group_id && row.group_name ? { id: row.group_id, name: row.group_name } : null,
      assignee: row.assignee_id && row.assignee_name ? { id: row.assignee_id, name: row.assignee_name } : null,
      needsTriage: row.needs_triage,
      channel: row.channel,
      contact: { name: row.contact_name, phone: row.contact_phone, email: row.contact_email },
      breached: row.breached,
      nextDeadline: nearestOpenClock(ownClocks),
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  /** The summaries of a queue page, its SLA clocks fetched for the whole page at once. */
  async summaries(tenantId: string, rows: readonly TicketViewRow[], now: Date): Promise<TicketSummaryDto[]> {
    const clocks = this.sla.clocksForPage ? await this.sla.clocksForPage(this.db, tenantId, rows, now) : undefined;
    return Promise.all(rows.map((row) => this.summary(row, now, clocks?.get(row.id))));
  }

  async ticket(row: TicketViewRow, now: Date): Promise<TicketDto> {
    const clocks = await this.sla.clocks(this.db, row, now);
    const [summary, attachments, policy] = await Promise.all([
      this.summary(row, now, clocks),
      this.repo.attachments(row.tenant_id, row.id),
      row.sla_policy_id ? this.repo.policyName(row.tenant_id, row.sla_policy_id) : Promise.resolve(undefined),
    ]);
    return {
      ...summary,
      description: row.description,
      conversationId: row.conversation_id,
      customerRef: row.customer_ref,
      customerTier: row.customer_tier,
      fields: row.fields ?? {},
      classification: row.classification ?? null,
      sla: { policy: policy ? { id: policy.id, name: policy.name } : null, clocks },
      mergedIntoId: row.merged_into_id,
      attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size, createdAt: new Date(a.created_at).toISOString() })),
      resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
      closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    };
  }

  event(row: TicketEventRow & { actor_name: string | null }): TicketEventDto {
    return {
      id: row.id,
      seq: row.seq,
      type: row.type,
      actorType: row.actor_type,
      actorId: row.actor_id,
      actorName: row.actor_name,
      public: row.public,
      body: row.body,
      data: row.data ?? {},
      createdAt: new Date(row.created_at).toISOString(),
    };
  }

  /** The customer's view: public events only, in plain Chinese, with what they may do next. */
  async customer(row: TicketViewRow, now: Date): Promise<CustomerTicketDto> {
    const [events, attachments] = await Promise.all([this.repo.events(row.tenant_id, row.id, { publicOnly: true }), this.repo.attachments(row.tenant_id, row.id)]);
    const until = reopenUntil(row);
    const canReopen = until !== null && now.getTime() <= until.getTime();
    const timeline: CustomerTicketDto['timeline'] = [];
    for (const event of events) {
      const text = customerText(event);
      if (text === null) continue;
      timeline.push({
        id: event.id,
        at: new Date(event.created_at).toISOString(),
        text,
        by: event.actor_type === 'customer' ? 'customer' : event.actor_type === 'agent' || event.actor_type === 'api' ? 'staff' : 'system',
        attachments: attachmentsOf(attachments, event.id),
      });
    }
    return {
      id: row.id,
      number: row.number,
      subject: row.subject,
      description: row.description,
      status: row.status,
      statusText: row.merged_into_id ? '已合并' : STATUS_TEXT[row.status],
      category: row.category_key && row.category_name ? { key: row.category_key, name: row.category_name } : null,
      expectation: row.status === 'closed' ? null : await this.sla.expectation(this.db, row, now),
      reopenUntil: row.status === 'resolved' && until ? until.toISOString() : null,
      canConfirm: row.status === 'resolved',
      canReopen,
      canAddInfo: row.status !== 'closed' && (row.status !== 'resolved' || canReopen),
      timeline,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }
}

function attachmentsOf(all: TicketAttachmentMeta[], eventId: string) {
  return all.filter((a) => a.event_id === eventId).map((a) => ({ id: a.id, filename: a.filename }));
}

/** One public event as the customer reads it; null for events that say nothing to them. */
function customerText(event: TicketEventRow): string | null {
  const data = (event.data ?? {}) as Record<string, unknown>;
  switch (event.type) {
    case 'created':
      return '工单已提交';
    case 'routed':
      return typeof data.groupName === 'string' ? `已派单至${data.groupName}` : '已派单处理';
    case 'reply':
      return `客服回复：${event.body ?? ''}`;
    case 'customer_reply':
      return `您补充了信息：${event.body ?? ''}`;
    case 'status_changed':
      if (data.to === 'pending_customer') return '需要您补充信息';
      if (data.to === 'resolved') return '已解决，请确认';
      if (data.to === 'closed') return '已关闭';
      return null;
    case 'reopened':
      return '工单已重新打开';
    case 'confirmed':
      return '您已确认问题解决';
    case 'auto_closed':
      return '已关闭';
    case 'merged':
      return typeof data.intoNumber === 'string' ? `已合并至工单 ${data.intoNumber}，请在该工单查看进度` : '已合并至其他工单';
    default:
      return null;
  }
}

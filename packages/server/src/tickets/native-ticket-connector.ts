import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors/app-error.js';
import type { ConnectorContext } from '../selfservice/connectors/connector-context.js';
import type { CustomerTicketStatus, TicketConnector } from '../selfservice/connectors/ticket-connector.js';
import type { CustomerTicketDto } from './ticket-dto.js';
import { OPEN_TICKET_STATUSES } from './ticket-repository.js';
import type { TicketDatabase } from './ticket-schema.js';
import type { TicketCustomer, TicketService } from './ticket-service.js';

/** How much of the conversation goes onto the ticket as an internal note. */
const TRANSCRIPT_MESSAGES = 30;
/** The promise made when no SLA policy applies. */
const FALLBACK_RESPONSE_HOURS = 24;
const SPEAKER: Record<string, string> = { visitor: '访客', bot: '智能助手', agent: '客服', system: '系统' };

/**
 * The bot's `tickets.create` on native tickets: a flow that files a complaint creates a real ticket
 * linked to the conversation and its visitor (and, when verified, the customer), with the chat
 * transcript as an internal note for staff. The promise told to the customer (`responseHours`) is
 * the wall-clock time to the ticket's first-response deadline on the SLA.
 * Its `tickets.status` reads tickets as the widget's 我的工单 does: the conversation's visitor
 * sees their own tickets and, when verified, every ticket with their customer ref.
 * @example new NativeTicketConnector(db, tickets).create(ctx, { category: 'complaint', description: '快递员态度很差' })
 */
export class NativeTicketConnector implements TicketConnector {
  constructor(
    private readonly db: Kysely<TicketDatabase>,
    private readonly tickets: TicketService,
  ) {}

  async create(ctx: ConnectorContext, input: { category: string; description: string }): Promise<{ ticketNumber: string; responseHours: number }> {
    const conversation = await this.db
      .selectFrom('conversations as c')
      .innerJoin('visitors as v', (j) => j.onRef('v.id', '=', 'c.visitor_id').onRef('v.tenant_id', '=', 'c.tenant_id'))
      .select(['c.id', 'c.visitor_id', 'v.verified', 'v.external_id', 'v.name'])
      .where('c.tenant_id', '=', ctx.tenantId)
      .where('c.id', '=', ctx.conversationId)
      .executeTakeFirst();
    const categoryId = await this.categoryFor(ctx.tenantId, input.category);
    const bot = { type: 'bot' as const, id: null };
    const ticket = await this.tickets.create(
      ctx.tenantId,
      {
        channel: 'chat',
        description: input.description,
        categoryId,
        conversationId: conversation?.id ?? null,
        visitorId: conversation?.visitor_id ?? null,
        customerRef: conversation?.verified && conversation.external_id ? conversation.external_id : null,
        contact: { name: conversation?.name ?? null },
      },
      bot,
    );
    const transcript = conversation ? await this.transcript(ctx.tenantId, conversation.id) : '';
    if (transcript) await this.tickets.reply(ctx.tenantId, ticket.id, { body: `会话记录：\n${transcript}`.slice(0, 4000), internal: true, attachments: [] }, bot);
    const due = (await this.db.selectFrom('tickets').select('first_response_due_at').where('tenant_id', '=', ctx.tenantId).where('id', '=', ticket.id).executeTakeFirst())?.first_response_due_at;
    const responseHours = due ? Math.max(1, Math.ceil((new Date(due).getTime() - ctx.now.getTime()) / 3_600_000)) : FALLBACK_RESPONSE_HOURS;
    return { ticketNumber: ticket.number, responseHours };
  }

  async findForCustomer(ctx: ConnectorContext, ticketNumber: string): Promise<CustomerTicketStatus | null> {
    const customer = await this.customerOf(ctx);
    if (!customer) return null;
    const ticket = await this.db.selectFrom('tickets').select('id').where('tenant_id', '=', ctx.tenantId).where('number', '=', ticketNumber.toUpperCase()).executeTakeFirst();
    if (!ticket) return null;
    try {
      return statusOf(await this.tickets.customerTicket(customer, ticket.id));
    } catch (err) {
      // Someone else's ticket reads exactly like a missing one.
      if (err instanceof NotFoundError) return null;
      throw err;
    }
  }

  async openForCustomer(ctx: ConnectorContext, limit: number): Promise<CustomerTicketStatus[]> {
    const customer = await this.customerOf(ctx);
    if (!customer) return [];
    // Only the few to show are built into the customer view (events, attachments, SLA); that view checks ownership again.
    const rows = await this.db
      .selectFrom('tickets')
      .select('id')
      .where('tenant_id', '=', ctx.tenantId)
      .where('status', 'in', OPEN_TICKET_STATUSES)
      .where((eb) => (customer.customerRef ? eb.or([eb('visitor_id', '=', customer.visitorId), eb('customer_ref', '=', customer.customerRef)]) : eb('visitor_id', '=', customer.visitorId)))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return Promise.all(rows.map(async (r) => statusOf(await this.tickets.customerTicket(customer, r.id))));
  }

  private async customerOf(ctx: ConnectorContext): Promise<TicketCustomer | null> {
    const conversation = await this.db.selectFrom('conversations').select('visitor_id').where('tenant_id', '=', ctx.tenantId).where('id', '=', ctx.conversationId).executeTakeFirst();
    return conversation ? this.tickets.customerOf({ tenantId: ctx.tenantId, visitorId: conversation.visitor_id }) : null;
  }

  /**
   * The flows name a kind (`complaint`); the tenant's categories have keys (`service_complaint`).
   * An exact key wins, then the first active category whose key ends or starts with the kind;
   * otherwise none, and the classifier decides.
   */
  private async categoryFor(tenantId: string, kind: string): Promise<string | undefined> {
    const rows = await this.db.selectFrom('ticket_categories').select(['id', 'key']).where('tenant_id', '=', tenantId).where('active', '=', true).orderBy('position').execute();
    return (rows.find((r) => r.key === kind) ?? rows.find((r) => r.key.endsWith(`_${kind}`) || r.key.startsWith(`${kind}_`)))?.id;
  }

  private async transcript(tenantId: string, conversationId: string): Promise<string> {
    const rows = await this.db
      .selectFrom('messages')
      .select(['sender_type', 'text'])
      .where('tenant_id', '=', tenantId)
      .where('conversation_id', '=', conversationId)
      .orderBy('seq', 'desc')
      .limit(TRANSCRIPT_MESSAGES)
      .execute();
    return rows
      .reverse()
      .map((m) => `${SPEAKER[m.sender_type] ?? m.sender_type}：${m.text}`)
      .join('\n');
  }
}

function statusOf(t: CustomerTicketDto): CustomerTicketStatus {
  const progress = t.timeline.filter((e) => e.by === 'system').at(-1)?.text ?? null;
  return { number: t.number, categoryName: t.category?.name ?? null, statusText: t.statusText, progress, expectation: t.expectation };
}

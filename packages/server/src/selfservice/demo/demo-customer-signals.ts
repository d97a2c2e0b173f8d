import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CustomerSignal, CustomerSignalSource, SignalSubject } from '../../recommendations/customer-signal.js';
import { ticketDatabase, type TicketDatabase } from '../../tickets/ticket-schema.js';
import { chinaDay } from '../china-calendar.js';
import { asSelfServiceDb, type SelfServiceDb } from '../self-service-db.js';

const DAY_MS = 86_400_000;
// Only the latest records of each kind matter for "what might they want now".
const PER_KIND = 20;
const RECENT_DELIVERY_DAYS = 7;
const BILL_DUE_AHEAD_DAYS = 20;
const RETURNED_TRANSFER_DAYS = 14;
const LOW_DATA_SHARE = 0.2;

const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * The demo enterprise's records (the tables the demo connectors serve) read as recommendation
 * signals: shipped or late orders, refunds and returns under way, credit-card bills falling due,
 * transfers processing or returned, applications waiting for materials, upcoming appointments,
 * arrears and low data, open tickets. A real deployment puts its CRM behind the same
 * `CustomerSignalSource` port. Ownership follows the context panel's rules: the verified
 * customer ids of the session; applications linked to this conversation count for anyone.
 */
export class DemoCustomerSignals implements CustomerSignalSource {
  private readonly db: SelfServiceDb;
  private readonly tickets: Kysely<TicketDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = asSelfServiceDb(db);
    this.tickets = ticketDatabase(db);
  }

  async signals(subject: SignalSubject): Promise<CustomerSignal[]> {
    const parts = await Promise.all([
      this.orders(subject),
      this.refunds(subject),
      this.returns(subject),
      this.bank(subject),
      this.applications(subject),
      this.appointments(subject),
      this.telecom(subject),
      this.openTickets(subject),
    ]);
    return parts.flat();
  }

  private async orders({ tenantId, customerIds, now }: SignalSubject): Promise<CustomerSignal[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('demo_orders')
      .select(['order_no', 'status', 'ordered_at', 'shipped_at', 'delivered_at', 'expected_delivery'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', 'in', customerIds)
      .where('status', '<>', 'cancelled')
      .orderBy('ordered_at', 'desc')
      .limit(PER_KIND)
      .execute();
    const today = chinaDay(now);
    const out: CustomerSignal[] = [];
    for (const o of rows) {
      const ordered = new Date(o.ordered_at);
      if (o.status === 'shipped') {
        out.push({ kind: 'order_shipped', ref: o.order_no, at: o.shipped_at ? new Date(o.shipped_at) : ordered });
        if (o.expected_delivery && o.expected_delivery < today) out.push({ kind: 'order_delayed', ref: o.order_no, at: dayStart(o.expected_delivery) });
      } else if (o.status === 'paid') {
        out.push({ kind: 'order_awaiting_shipment', ref: o.order_no, at: ordered });
      } else if (o.status === 'pending_payment') {
        out.push({ kind: 'order_unpaid', ref: o.order_no, at: ordered });
      } else if (o.status === 'delivered' && o.delivered_at && now.getTime() - new Date(o.delivered_at).getTime() <= RECENT_DELIVERY_DAYS * DAY_MS) {
        out.push({ kind: 'order_delivered_recently', ref: o.order_no, at: new Date(o.delivered_at) });
      }
    }
    return out;
  }

  private async refunds({ tenantId, customerIds }: SignalSubject): Promise<CustomerSignal[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('demo_refunds as r')
      .innerJoin('demo_orders as o', (join) => join.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.order_no', '=', 'r.order_no'))
      .select(['r.order_no', 'o.ordered_at'])
      .where('r.tenant_id', '=', tenantId)
      .where('o.customer_id', 'in', customerIds)
      .where('r.status', '=', 'processing')
      .limit(PER_KIND)
      .execute();
    return rows.map((r) => ({ kind: 'refund_processing', ref: r.order_no, at: new Date(r.ordered_at) }));
  }

  private async returns({ tenantId, customerIds }: SignalSubject): Promise<CustomerSignal[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('demo_returns as r')
      .innerJoin('demo_orders as o', (join) => join.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.order_no', '=', 'r.order_no'))
      .select(['r.reference', 'r.status_changed_at'])
      .where('r.tenant_id', '=', tenantId)
      .where('o.customer_id', 'in', customerIds)
      .where('r.status', 'not in', ['refunded', 'completed', 'rejected', 'cancelled'])
      .orderBy('r.created_at', 'desc')
      .limit(PER_KIND)
      .execute();
    return rows.map((r) => ({ kind: 'return_in_progress', ref: r.reference, at: new Date(r.status_changed_at) }));
  }

  private async bank({ tenantId, customerIds, now }: SignalSubject): Promise<CustomerSignal[]> {
    if (customerIds.length === 0) return [];
    const today = chinaDay(now);
    const horizon = chinaDay(new Date(now.getTime() + BILL_DUE_AHEAD_DAYS * DAY_MS));
    const since = chinaDay(new Date(now.getTime() - RETURNED_TRANSFER_DAYS * DAY_MS));
    const [bills, lost, transfers] = await Promise.all([
      this.db
        .selectFrom('demo_card_bills')
        .select(['card_last4', 'due_date'])
        .where('tenant_id', '=', tenantId)
        .where('customer_id', 'in', customerIds)
        .where('due_date', '>=', today)
        .where('due_date', '<=', horizon)
        .where('amount_due_cents', '>', 0)
        .limit(PER_KIND)
        .execute(),
      this.db.selectFrom('demo_cards').select('last4').where('tenant_id', '=', tenantId).where('customer_id', 'in', customerIds).where('status', '=', 'lost').limit(PER_KIND).execute(),
      this.db
        .selectFrom('demo_transfers')
        .select(['transfer_id', 'day', 'status'])
        .where('tenant_id', '=', tenantId)
        .where('customer_id', 'in', customerIds)
        .where('day', '>=', since)
        .where('status', 'in', ['processing', 'returned'])
        .limit(PER_KIND)
        .execute(),
    ]);
    return [
      // A deadline pulls hardest as it nears: `at` is when the bill falls due (future → full weight).
      ...bills.map((b): CustomerSignal => ({ kind: 'card_bill_due', ref: b.card_last4, at: dayStart(b.due_date) })),
      ...lost.map((c): CustomerSignal => ({ kind: 'card_lost', ref: c.last4, at: now })),
      ...transfers.map((t): CustomerSignal => ({ kind: t.status === 'processing' ? 'transfer_processing' : 'transfer_returned', ref: t.transfer_id, at: dayStart(t.day) })),
    ];
  }

  /**
   * Applications are the customer's when one of their verified chats filed or asked about them
   * (the action log names the reference) or asked to upload materials for them; in this
   * conversation, for anyone (they happened in front of us).
   */
  private async applications({ tenantId, customerIds, conversationId }: SignalSubject): Promise<CustomerSignal[]> {
    if (customerIds.length === 0 && !conversationId) return [];
    const rows = await this.db
      .selectFrom('demo_applications')
      .select(['reference', 'awaiting_materials', 'stage', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where('stage', 'not like', '%办结%')
      .where((eb) => {
        const ors = [];
        if (conversationId) {
          ors.push(
            eb(
              'reference',
              'in',
              eb
                .selectFrom('selfservice_actions')
                .select(sql<string>`coalesce(outcome -> 'data' ->> 'applicationRef', '')`.as('reference'))
                .where('tenant_id', '=', tenantId)
                .where('conversation_id', '=', conversationId),
            ),
          );
        }
        if (customerIds.length > 0) {
          ors.push(
            eb(
              'reference',
              'in',
              eb
                .selectFrom('selfservice_actions as x')
                .innerJoin('conversations as c', (join) => join.onRef('c.tenant_id', '=', 'x.tenant_id').onRef('c.id', '=', 'x.conversation_id'))
                .innerJoin('visitors as v', (join) => join.onRef('v.tenant_id', '=', 'c.tenant_id').onRef('v.id', '=', 'c.visitor_id'))
                .select(sql<string>`coalesce(x.outcome -> 'data' ->> 'applicationRef', '')`.as('reference'))
                .where('x.tenant_id', '=', tenantId)
                .where('v.verified', '=', true)
                .where('v.external_id', 'in', customerIds),
            ),
            eb('reference', 'in', eb.selectFrom('demo_service_requests').select('subject').where('tenant_id', '=', tenantId).where('customer_id', 'in', customerIds).where('kind', '=', 'materials_expected')),
          );
        }
        return eb.or(ors);
      })
      .orderBy('created_at', 'desc')
      .limit(PER_KIND)
      .execute();
    return rows.map((a) => ({ kind: a.awaiting_materials ? 'application_awaiting_materials' : 'application_in_progress', ref: a.reference, at: new Date(a.created_at) }));
  }

  private async appointments({ tenantId, customerIds, now }: SignalSubject): Promise<CustomerSignal[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('demo_appointments as a')
      .innerJoin('demo_appointment_slots as s', (join) => join.onRef('s.tenant_id', '=', 'a.tenant_id').onRef('s.id', '=', 'a.slot_id'))
      .innerJoin('conversations as c', (join) => join.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.conversation_id'))
      .innerJoin('visitors as v', (join) => join.onRef('v.tenant_id', '=', 'c.tenant_id').onRef('v.id', '=', 'c.visitor_id'))
      .select(['a.reference', 's.day'])
      .where('a.tenant_id', '=', tenantId)
      .where('v.verified', '=', true)
      .where('v.external_id', 'in', customerIds)
      .where('s.day', '>=', chinaDay(now))
      .limit(PER_KIND)
      .execute();
    return rows.map((a) => ({ kind: 'appointment_upcoming', ref: a.reference, at: dayStart(a.day) }));
  }

  private async telecom({ tenantId, customerIds, now }: SignalSubject): Promise<CustomerSignal[]> {
    if (customerIds.length === 0) return [];
    const subscribers = await this.db
      .selectFrom('demo_subscribers as s')
      .leftJoin('demo_usage as u', (join) => join.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.mobile', '=', 's.mobile'))
      .select(['s.mobile', 's.arrears_cents', 'u.total_gb', 'u.used_gb', 'u.as_of'])
      .where('s.tenant_id', '=', tenantId)
      .where('s.customer_id', 'in', customerIds)
      .limit(PER_KIND)
      .execute();
    const out: CustomerSignal[] = [];
    for (const s of subscribers) {
      const masked = `${s.mobile.slice(0, 3)}****${s.mobile.slice(-4)}`;
      if (s.arrears_cents > 0) out.push({ kind: 'phone_arrears', ref: masked, at: now });
      if (s.total_gb && s.used_gb !== null && (s.total_gb - s.used_gb) / s.total_gb < LOW_DATA_SHARE) out.push({ kind: 'data_running_low', ref: masked, at: s.as_of ? new Date(s.as_of) : now });
    }
    return out;
  }

  private async openTickets({ tenantId, customerIds }: SignalSubject): Promise<CustomerSignal[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.tickets
      .selectFrom('tickets')
      .select(['number', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where('customer_ref', 'in', customerIds)
      .where('status', 'in', ['new', 'open', 'pending_customer'])
      .orderBy('created_at', 'desc')
      .limit(PER_KIND)
      .execute();
    return rows.map((t) => ({ kind: 'ticket_open', ref: t.number, at: new Date(t.created_at) }));
  }
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CustomerSignal, CustomerSignalSource, SignalSubject } from '../recommendations/customer-signal.js';
import { ticketDatabase, type TicketDatabase } from '../tickets/ticket-schema.js';
import { chinaDay } from './china-calendar.js';
import type { CustomerRecordConnector, CustomerRecordSet } from './connectors/customer-record-connector.js';

const DAY_MS = 86_400_000;
// Only the latest records of each kind matter for "what might they want now".
const PER_KIND = 20;
const RECENT_DELIVERY_DAYS = 7;
const BILL_DUE_AHEAD_DAYS = 20;
const RETURNED_TRANSFER_DAYS = 14;
const LOW_DATA_SHARE = 0.2;
const CLOSED_RETURN_STATUSES = new Set(['refunded', 'completed', 'rejected', 'cancelled']);

const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * The customer's records in the enterprise (through the `CustomerRecordConnector` port: its CRM over
 * HTTP, or the in-process demo) read as recommendation signals: shipped or late orders, refunds and
 * returns under way, credit-card bills falling due, transfers processing or returned, applications
 * waiting for materials, upcoming appointments, arrears and low data; and the customer's open tickets,
 * which Zhida keeps itself. Ownership follows the context panel's rules: the verified customer ids of
 * the session; applications dealt with in this conversation count for anyone. An enterprise that does
 * not answer gives no signals (the popular services are recommended instead).
 */
export class CustomerRecordSignals implements CustomerSignalSource {
  private readonly tickets: Kysely<TicketDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly connector: CustomerRecordConnector,
  ) {
    this.tickets = ticketDatabase(db);
  }

  async signals(subject: SignalSubject): Promise<CustomerSignal[]> {
    const [set, tickets] = await Promise.all([
      subject.customerIds.length === 0 && !subject.conversationId
        ? null
        : this.connector.records({ tenantId: subject.tenantId }, { customerIds: subject.customerIds, conversationId: subject.conversationId }, PER_KIND).catch(() => null),
      this.openTickets(subject),
    ]);
    return set ? [...fromRecords(set, subject.now), ...tickets] : tickets;
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

function fromRecords(set: CustomerRecordSet, now: Date): CustomerSignal[] {
  const today = chinaDay(now);
  const out: CustomerSignal[] = [];
  for (const o of set.orders) {
    if (o.status === 'shipped') {
      out.push({ kind: 'order_shipped', ref: o.orderNo, at: o.shippedAt ?? o.orderedAt });
      if (o.expectedDelivery && o.expectedDelivery < today) out.push({ kind: 'order_delayed', ref: o.orderNo, at: dayStart(o.expectedDelivery) });
    } else if (o.status === 'paid') {
      out.push({ kind: 'order_awaiting_shipment', ref: o.orderNo, at: o.orderedAt });
    } else if (o.status === 'pending_payment') {
      out.push({ kind: 'order_unpaid', ref: o.orderNo, at: o.orderedAt });
    } else if (o.status === 'delivered' && o.deliveredAt && now.getTime() - o.deliveredAt.getTime() <= RECENT_DELIVERY_DAYS * DAY_MS) {
      out.push({ kind: 'order_delivered_recently', ref: o.orderNo, at: o.deliveredAt });
    }
  }
  for (const r of set.refunds) if (r.status === 'processing') out.push({ kind: 'refund_processing', ref: r.orderNo, at: r.orderedAt });
  for (const r of set.returns) if (!CLOSED_RETURN_STATUSES.has(r.status)) out.push({ kind: 'return_in_progress', ref: r.reference, at: r.statusChangedAt ?? r.createdAt });

  const horizon = chinaDay(new Date(now.getTime() + BILL_DUE_AHEAD_DAYS * DAY_MS));
  const since = chinaDay(new Date(now.getTime() - RETURNED_TRANSFER_DAYS * DAY_MS));
  // A deadline pulls hardest as it nears: `at` is when the bill falls due (future → full weight).
  for (const b of set.cardBills) if (b.dueDate >= today && b.dueDate <= horizon && b.amountDueCents > 0) out.push({ kind: 'card_bill_due', ref: b.cardLast4, at: dayStart(b.dueDate) });
  for (const c of set.cards) if (c.status === 'lost') out.push({ kind: 'card_lost', ref: c.last4, at: now });
  for (const t of set.transfers) {
    if (t.day >= since && (t.status === 'processing' || t.status === 'returned')) out.push({ kind: t.status === 'processing' ? 'transfer_processing' : 'transfer_returned', ref: t.transferId, at: dayStart(t.day) });
  }

  for (const a of set.applications) {
    if (a.stage.includes('办结') || !(a.owned || a.inConversation)) continue;
    out.push({ kind: a.awaitingMaterials ? 'application_awaiting_materials' : 'application_in_progress', ref: a.reference, at: a.createdAt });
  }
  for (const a of set.appointments) if (a.owned && a.day >= today) out.push({ kind: 'appointment_upcoming', ref: a.reference, at: dayStart(a.day) });

  for (const s of set.phoneLines) {
    const masked = `${s.mobile.slice(0, 3)}****${s.mobile.slice(-4)}`;
    if (s.arrearsCents > 0) out.push({ kind: 'phone_arrears', ref: masked, at: now });
    if (s.usage && s.usage.totalGb > 0 && (s.usage.totalGb - s.usage.usedGb) / s.usage.totalGb < LOW_DATA_SHARE) out.push({ kind: 'data_running_low', ref: masked, at: s.usage.asOf });
  }
  return out;
}

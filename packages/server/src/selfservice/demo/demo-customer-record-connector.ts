import { sql } from 'kysely';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { CustomerRecordConnector, CustomerRecordSet, CustomerRecordSubject } from '../connectors/customer-record-connector.js';
import type { SelfServiceDb } from '../self-service-db.js';
import { nextAfterSalesStep } from './after-sales-progression.js';
const EMPTY: CustomerRecordSet = {
  customers: [],
  orders: [],
  refunds: [],
  returns: [],
  serviceRequests: [],
  accounts: [],
  cards: [],
  cardBills: [],
  transfers: [],
  phoneLines: [],
  appointments: [],
  applications: [],
  planNames: {},
};

/**
 * The records of demo customers from the in-process demo tables (the app without an enterprise backend).
 * Orders, service requests and the bank's and operator's rows carry `customer_id`; the other tables do not,
 * so their owner is derived (see `returns`, `appointments`, `applications`).
 */
export class DemoCustomerRecordConnector implements CustomerRecordConnector {
  constructor(private readonly db: SelfServiceDb) {}

  async records(ctx: Pick<ConnectorContext, 'tenantId'>, subject: CustomerRecordSubject, limit: number): Promise<CustomerRecordSet> {
    const ids = [...subject.customerIds];
    if (ids.length === 0 && !subject.conversationId) return EMPTY;
    const { tenantId } = ctx;
    const owned = ids.length > 0;
    const [customers, orders, refunds, returns, serviceRequests, accounts, cards, cardBills, transfers, phoneLines, appointments, applications, plans] = await Promise.all([
      owned ? this.db.selectFrom('demo_customers').select(['customer_id', 'name', 'mobile']).where('tenant_id', '=', tenantId).where('customer_id', 'in', ids).limit(limit).execute() : [],
      owned
        ? this.db
            .selectFrom('demo_orders')
            .select(['order_no', 'item_summary', 'status', 'amount_cents', 'carrier', 'tracking_no', 'ordered_at', 'shipped_at', 'delivered_at', 'expected_delivery'])
            .where('tenant_id', '=', tenantId)
            .where('customer_id', 'in', ids)
            .orderBy('ordered_at', 'desc')
            .limit(limit)
            .execute()
        : [],
      owned
        ? this.db
            .selectFrom('demo_refunds as r')
            .innerJoin('demo_orders as o', (join) => join.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.order_no', '=', 'r.order_no'))
            .select(['r.order_no', 'r.status', 'o.ordered_at'])
            .where('r.tenant_id', '=', tenantId)
            .where('o.customer_id', 'in', ids)
            .limit(limit)
            .execute()
        : [],
      owned ? this.returns(tenantId, ids, limit) : [],
      owned
        ? this.db
            .selectFrom('demo_service_requests')
            .select(['reference', 'kind', 'subject', 'detail', 'created_at'])
            .where('tenant_id', '=', tenantId)
            .where('customer_id', 'in', ids)
            .orderBy('created_at', 'desc')
            .limit(limit)
            .execute()
        : [],
      owned ? this.db.selectFrom('demo_accounts').select(['account_last4', 'available_cents', 'ledger_cents']).where('tenant_id', '=', tenantId).where('customer_id', 'in', ids).limit(limit).execute() : [],
      owned ? this.db.selectFrom('demo_cards').select(['last4', 'kind', 'status']).where('tenant_id', '=', tenantId).where('customer_id', 'in', ids).limit(limit).execute() : [],
      owned
        ? this.db.selectFrom('demo_card_bills').select(['card_last4', 'month', 'amount_due_cents', 'due_date']).where('tenant_id', '=', tenantId).where('customer_id', 'in', ids).orderBy('month', 'desc').limit(limit).execute()
        : [],
      owned
        ? this.db.selectFrom('demo_transfers').select(['transfer_id', 'day', 'amount_cents', 'status']).where('tenant_id', '=', tenantId).where('customer_id', 'in', ids).orderBy('day', 'desc').limit(limit).execute()
        : [],
      owned
        ? this.db
            .selectFrom('demo_subscribers as s')
            .leftJoin('demo_plans as p', (j) => j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.plan_id', '=', 's.plan_id'))
            .leftJoin('demo_usage as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.mobile', '=', 's.mobile'))
            .select(['s.mobile', 's.name', 's.plan_id', 'p.name as plan_name', 's.arrears_cents', 's.contract_until', 's.broadband_account', 's.broadband_address', 'u.total_gb', 'u.used_gb', 'u.as_of'])
            .where('s.tenant_id', '=', tenantId)
            .where('s.customer_id', 'in', ids)
            .limit(limit)
            .execute()
        : [],
      this.appointments(tenantId, subject, limit),
      this.applications(tenantId, subject, limit),
      // Plan change requests store plan ids; the visitor knows the plans by name. A tenant has a handful.
      this.db.selectFrom('demo_plans').select(['plan_id', 'name']).where('tenant_id', '=', tenantId).execute(),
    ]);
    const date = (d: Date | string) => new Date(d);
    const maybeDate = (d: Date | string | null) => (d ? new Date(d) : null);
    return {
      customers: customers.map((c) => ({ customerId: c.customer_id, name: c.name, mobile: c.mobile })),
      orders: orders.map((o) => ({
        orderNo: o.order_no,
        itemSummary: o.item_summary,
        status: o.status,
        amountCents: Number(o.amount_cents),
        carrier: o.carrier,
        trackingNo: o.tracking_no,
        orderedAt: date(o.ordered_at),
        shippedAt: maybeDate(o.shipped_at),
        deliveredAt: maybeDate(o.delivered_at),
        expectedDelivery: o.expected_delivery,
      })),
      refunds: refunds.map((r) => ({ orderNo: r.order_no, status: r.status, orderedAt: date(r.ordered_at) })),
      returns: returns.map((r) => ({
        reference: r.reference,
        kind: r.kind,
        orderNo: r.order_no,
        reason: r.reason,
        status: r.status,
        method: r.method,
        newSpec: r.new_spec,
        itemSummary: r.item_summary,
        statusChangedAt: maybeDate(r.status_changed_at),
        createdAt: date(r.created_at),
        next: r.status_changed_at ? nextAfterSalesStep({ kind: r.kind, method: r.method }, r.status, new Date(r.status_changed_at)) : null,
      })),
      serviceRequests: serviceRequests.map((r) => ({ reference: r.reference, kind: r.kind, subject: r.subject, detail: (r.detail ?? {}) as Record<string, unknown>, createdAt: date(r.created_at) })),
      accounts: accounts.map((a) => ({ accountLast4: a.account_last4, availableCents: Number(a.available_cents), ledgerCents: Number(a.ledger_cents) })),
      cards: cards.map((c) => ({ last4: c.last4, kind: c.kind, status: c.status })),
      cardBills: cardBills.map((b) => ({ cardLast4: b.card_last4, month: b.month, amountDueCents: b.amount_due_cents, dueDate: b.due_date })),
      transfers: transfers.map((t) => ({ transferId: t.transfer_id, day: t.day, amountCents: t.amount_cents, status: t.status })),
      phoneLines: phoneLines.map((s) => ({
        mobile: s.mobile,
        name: s.name,
        planId: s.plan_id,
        planName: s.plan_name,
        arrearsCents: s.arrears_cents,
        contractUntil: s.contract_until,
        broadbandAccount: s.broadband_account,
        broadbandAddress: s.broadband_address,
        usage: s.total_gb !== null && s.used_gb !== null ? { totalGb: Number(s.total_gb), usedGb: Number(s.used_gb), asOf: s.as_of ? date(s.as_of) : new Date() } : null,
      })),
      appointments,
      applications,
      planNames: Object.fromEntries(plans.map((p) => [p.plan_id, p.name])),
    };
  }

  /** A return or exchange belongs to whoever owns its order (`demo_returns` has no customer_id). */
  private returns(tenantId: string, ids: string[], limit: number) {
    return this.db
      .selectFrom('demo_returns as r')
      .innerJoin('demo_orders as o', (join) => join.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.order_no', '=', 'r.order_no'))
      .select(['r.reference', 'r.kind', 'r.order_no', 'r.reason', 'r.status', 'r.method', 'r.new_spec', 'r.status_changed_at', 'r.created_at', 'o.item_summary'])
      .where('r.tenant_id', '=', tenantId)
      .where('o.customer_id', 'in', ids)
      .orderBy('r.created_at', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * An appointment is the customer's when their verified visitor booked it in chat
   * (`demo_appointments.conversation_id` → conversation → visitor), and the conversation's when booked in it.
   */
  private async appointments(tenantId: string, subject: CustomerRecordSubject, limit: number): Promise<CustomerRecordSet['appointments']> {
    const ids = [...subject.customerIds];
    const rows = await this.db
      .selectFrom('demo_appointments as a')
      .innerJoin('demo_appointment_slots as s', (join) => join.onRef('s.tenant_id', '=', 'a.tenant_id').onRef('s.id', '=', 'a.slot_id'))
      .leftJoin('demo_gov_services as g', (join) => join.onRef('g.tenant_id', '=', 's.tenant_id').onRef('g.code', '=', 's.service_code'))
      .leftJoin('conversations as c', (join) => join.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.conversation_id'))
      .leftJoin('visitors as v', (join) => join.onRef('v.tenant_id', '=', 'c.tenant_id').onRef('v.id', '=', 'c.visitor_id'))
      .select(['a.reference', 'a.name', 'a.conversation_id', 'g.name as service_name', 'g.location', 's.day', 's.start_time', 's.end_time', 'v.verified', 'v.external_id'])
      .where('a.tenant_id', '=', tenantId)
      .where((eb) => {
        const ors = [];
        if (subject.conversationId) ors.push(eb('a.conversation_id', '=', subject.conversationId));
        if (ids.length > 0) ors.push(eb.and([eb('v.verified', '=', true), eb('v.external_id', 'in', ids)]));
        return ors.length > 0 ? eb.or(ors) : eb.val(false);
      })
      .orderBy('s.day', 'desc')
      .orderBy('s.start_time', 'desc')
      .limit(limit)
      .execute();
    return rows.map((a) => ({
      reference: a.reference,
      name: a.name,
      serviceName: a.service_name,
      location: a.location,
      day: a.day,
      startTime: a.start_time,
      endTime: a.end_time,
      owned: a.verified === true && a.external_id !== null && ids.includes(a.external_id),
      inConversation: subject.conversationId !== null && a.conversation_id === subject.conversationId,
    }));
  }

  /**
   * `demo_applications` has neither customer_id nor conversation_id. An application is the customer's
   * when one of their verified chats filed it (the `certificates.request` outcome in the action log
   * names its reference) or asked to upload materials for it (a `materials_expected` service request,
   * which carries customer_id and the reference as subject); the conversation's when one of its actions
   * names it. Seeded applications have neither link and belong to no one.
   */
  private async applications(tenantId: string, subject: CustomerRecordSubject, limit: number): Promise<CustomerRecordSet['applications']> {
    const ids = [...subject.customerIds];
    const [ownedRefs, conversationActions] = await Promise.all([
      ids.length === 0
        ? []
        : Promise.all([
            this.db
              .selectFrom('selfservice_actions as x')
              .innerJoin('conversations as c', (join) => join.onRef('c.tenant_id', '=', 'x.tenant_id').onRef('c.id', '=', 'x.conversation_id'))
              .innerJoin('visitors as v', (join) => join.onRef('v.tenant_id', '=', 'c.tenant_id').onRef('v.id', '=', 'c.visitor_id'))
              .select(sql<string | null>`x.outcome -> 'data' ->> 'applicationRef'`.as('reference'))
              .where('x.tenant_id', '=', tenantId)
              .where('x.name', '=', 'certificates.request')
              .where('v.verified', '=', true)
              .where('v.external_id', 'in', ids)
              .execute(),
            this.db.selectFrom('demo_service_requests').select('subject as reference').where('tenant_id', '=', tenantId).where('customer_id', 'in', ids).where('kind', '=', 'materials_expected').execute(),
          ]).then(([filed, materials]) => [...filed, ...materials].flatMap((r) => (r.reference ? [r.reference] : []))),
      subject.conversationId
        ? this.db
            .selectFrom('selfservice_actions')
            .select(['name', sql<string | null>`outcome -> 'data' ->> 'applicationRef'`.as('reference')])
            .where('tenant_id', '=', tenantId)
            .where('conversation_id', '=', subject.conversationId)
            .execute()
        : [],
    ]);
    const owned = new Set(ownedRefs);
    const named = new Set(conversationActions.flatMap((a) => (a.reference ? [a.reference] : [])));
    const filedHere = new Set(conversationActions.flatMap((a) => (a.reference && a.name === 'certificates.request' ? [a.reference] : [])));
    const refs = [...new Set([...owned, ...named])];
    if (refs.length === 0) return [];
    const rows = await this.db
      .selectFrom('demo_applications')
      .select(['reference', 'service_name', 'stage', 'expected_date', 'awaiting_materials', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where('reference', 'in', refs)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((a) => ({
      reference: a.reference,
      serviceName: a.service_name,
      stage: a.stage,
      expectedDate: a.expected_date,
      awaitingMaterials: a.awaiting_materials,
      createdAt: new Date(a.created_at),
      owned: owned.has(a.reference),
      filedInConversation: filedHere.has(a.reference),
      inConversation: named.has(a.reference),
    }));
  }
}

import { afterSalesProgress } from './after-sales-progression.js';
import { BusinessRefusal } from './business-refusal.js';
import type { EnterpriseStore } from './enterprise-store.js';

/**
 * Who the enterprise's customers are — a registered mobile names a bank customer or a phone subscriber —
 * and what one of them holds, for Zhida's search of a verified customer's own records.
 */
export class CustomerDirectory {
  constructor(
    private readonly store: EnterpriseStore,
    private readonly now: () => Date,
  ) {}

  byMobile(tenant: string, mobile: string) {
    const books = this.store.books(tenant);
    const customer = Object.values(books.bankCustomers).find((c) => c.mobile === mobile) ?? books.subscribers[mobile];
    if (!customer) throw new BusinessRefusal('customer_not_found', '该手机号未登记', 404);
    return { customerId: customer.customerId, name: customer.name };
  }

  /**
   * What the customers hold, newest first, at most `limit` of each kind: their orders (and those orders'
   * refunds and returns), requests, accounts, cards, bills, transfers, phone lines, and the bookings and
   * applications they — or, for anyone, the conversation — made.
   */
  records(tenant: string, subject: { customerIds: string[]; conversationId: string | null }, limit: number) {
    const books = this.store.books(tenant);
    const ids = new Set(subject.customerIds);
    const mine = <T extends { customerId?: string | null }>(rows: T[]) => rows.filter((r) => r.customerId != null && ids.has(r.customerId));
    const newest = <T extends { createdAt: string }>(rows: T[]) => [...rows].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
    const orders = mine(Object.values(books.orders)).sort((a, b) => b.orderedAt.localeCompare(a.orderedAt));
    const owned = new Map(orders.map((o) => [o.orderNo, o]));
    const here = (conversationId: string | null | undefined) => subject.conversationId !== null && conversationId === subject.conversationId;
    const plans = new Map(books.plans.map((p) => [p.planId, p.name]));
    const materialsHere = new Set(books.materialExpectations.filter((e) => here(e.conversationId)).map((e) => e.applicationRef));
    const materialsMine = new Set(mine(books.materialExpectations).map((e) => e.applicationRef));
    return {
      customers: mine(Object.values(books.bankCustomers)).slice(0, limit),
      orders: orders.slice(0, limit).map((o) => ({
        orderNo: o.orderNo,
        itemSummary: o.itemSummary,
        status: o.status,
        amountCents: o.amountCents,
        carrier: o.carrier,
        trackingNo: o.trackingNo,
        orderedAt: o.orderedAt,
        shippedAt: o.shippedAt,
        deliveredAt: o.deliveredAt,
        expectedDelivery: o.expectedDelivery,
      })),
      refunds: Object.values(books.refunds).flatMap((r) => {
        const order = owned.get(r.orderNo);
        return order ? [{ orderNo: r.orderNo, status: r.status, orderedAt: order.orderedAt }] : [];
      }),
      // A return belongs to whoever placed its order.
      returns: newest(books.afterSales.filter((r) => owned.has(r.orderNo))).map((r) => {
        const method = r.kind === 'return' ? r.method : null;
        // The warehouse's schedule says where the request stands now, and since when.
        const progress = afterSalesProgress({ kind: r.kind, method }, new Date(r.createdAt), this.now());
        return {
          reference: r.reference,
          kind: r.kind,
          orderNo: r.orderNo,
          reason: r.reason,
          status: progress.status,
          method,
          newSpec: r.newSpec,
          itemSummary: owned.get(r.orderNo)?.itemSummary ?? r.orderNo,
          statusChangedAt: progress.steps.at(-1)!.at.toISOString(),
          createdAt: r.createdAt,
          next: progress.next && { status: progress.next.status, at: progress.next.at.toISOString() },
        };
      }),
      serviceRequests: newest(mine(books.serviceRequests)).map((r) => ({ reference: r.reference, kind: r.kind, subject: r.subject, detail: r.detail ?? {}, createdAt: r.createdAt })),
      accounts: mine(books.accounts).map((a) => ({ accountLast4: a.accountLast4, availableCents: a.availableCents, ledgerCents: a.ledgerCents })),
      cards: mine(books.cards).map((c) => ({ last4: c.last4, kind: c.kind, status: c.status })),
      cardBills: mine(books.cardBills)
        .sort((a, b) => b.month.localeCompare(a.month))
        .slice(0, limit)
        .map((b) => ({ cardLast4: b.cardLast4, month: b.month, amountDueCents: b.amountDueCents, dueDate: b.dueDate })),
      transfers: mine(books.transfers)
        .sort((a, b) => b.day.localeCompare(a.day))
        .slice(0, limit)
        .map((t) => ({ transferId: t.transferId, day: t.day, amountCents: t.amountCents, status: t.status })),
      phoneLines: mine(Object.values(books.subscribers)).map((s) => {
        const usage = books.usage[s.mobile];
        return {
          mobile: s.mobile,
          name: s.name,
          planId: s.planId,
          planName: plans.get(s.planId) ?? null,
          arrearsCents: s.arrearsCents,
          contractUntil: s.contractUntil,
          broadbandAccount: s.broadbandAccount,
          broadbandAddress: s.broadbandAddress,
          usage: usage ? { totalGb: usage.totalGb, usedGb: usage.usedGb, asOf: usage.asOf } : null,
        };
      }),
      appointments: newest(books.appointments.filter((a) => (a.customerId != null && ids.has(a.customerId)) || here(a.conversationId))).flatMap((a) => {
        const slot = books.slots[a.slotId];
        if (!slot) return [];
        const service = books.govServices.find((g) => g.code === slot.serviceCode);
        return [
          {
            reference: a.reference,
            name: a.name,
            serviceName: service?.name ?? null,
            location: service?.location ?? null,
            day: slot.day,
            startTime: slot.startTime,
            endTime: slot.endTime,
            owned: a.customerId != null && ids.has(a.customerId),
            inConversation: here(a.conversationId),
          },
        ];
      }),
      applications: newest(
        Object.values(books.applications).filter((a) => (a.customerId != null && ids.has(a.customerId)) || materialsMine.has(a.reference) || here(a.conversationId) || materialsHere.has(a.reference)),
      ).map((a) => ({
        reference: a.reference,
        serviceName: a.serviceName,
        stage: a.stage,
        expectedDate: a.expectedDate,
        awaitingMaterials: a.awaitingMaterials,
        createdAt: a.createdAt,
        owned: (a.customerId != null && ids.has(a.customerId)) || materialsMine.has(a.reference),
        filedInConversation: here(a.conversationId),
        inConversation: here(a.conversationId) || materialsHere.has(a.reference),
      })),
      planNames: Object.fromEntries(plans),
    };
  }
}

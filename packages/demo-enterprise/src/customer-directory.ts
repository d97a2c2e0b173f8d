import { BusinessRefusal } from './business-refusal.js';
import type { EnterpriseStore } from './enterprise-store.js';

/**
 * Who the enterprise's customers are — a registered mobile names a bank customer or a phone subscriber —
 * and what one of them holds, for Zhida's search of a verified customer's own records.
 */
export class CustomerDirectory {
  constructor(private readonly store: EnterpriseStore) {}

  byMobile(tenant: string, mobile: string) {
    const books = this.store.books(tenant);
    const customer = Object.values(books.bankCustomers).find((c) => c.mobile === mobile) ?? books.subscribers[mobile];
    if (!customer) throw new BusinessRefusal('customer_not_found', '该手机号未登记', 404);
    return { customerId: customer.customerId, name: customer.name };
  }

  /** The customer's own records, newest first, at most `limit` of each kind. */
  records(tenant: string, customerId: string, limit: number) {
    const books = this.store.books(tenant);
    const newest = <T extends { createdAt: string }>(rows: T[]) => [...rows].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
    const orders = Object.values(books.orders).filter((o) => o.customerId === customerId);
    const owned = new Set(orders.map((o) => o.orderNo));
    const slots = books.slots;
    return {
      orders: [...orders]
        .sort((a, b) => b.orderedAt.localeCompare(a.orderedAt))
        .slice(0, limit)
        .map((o) => ({ orderNo: o.orderNo, itemSummary: o.itemSummary, status: o.status, orderedAt: o.orderedAt })),
      // A return belongs to whoever placed its order.
      returns: newest(books.afterSales.filter((r) => owned.has(r.orderNo))).map((r) => ({
        reference: r.reference,
        kind: r.kind,
        status: r.status,
        method: r.kind === 'return' ? r.method : null,
        newSpec: r.newSpec,
        itemSummary: books.orders[r.orderNo]?.itemSummary ?? r.orderNo,
        statusChangedAt: r.createdAt,
        createdAt: r.createdAt,
      })),
      serviceRequests: newest(books.serviceRequests.filter((r) => r.customerId === customerId)).map((r) => ({ reference: r.reference, kind: r.kind, subject: r.subject, detail: r.detail ?? {}, createdAt: r.createdAt })),
      appointments: newest(books.appointments.filter((a) => a.customerId === customerId)).flatMap((a) => {
        const slot = slots[a.slotId];
        if (!slot) return [];
        const service = books.govServices.find((s) => s.code === slot.serviceCode);
        return [{ reference: a.reference, serviceName: service?.name ?? null, day: slot.day, startTime: slot.startTime, endTime: slot.endTime }];
      }),
      applications: newest(Object.values(books.applications).filter((a) => a.customerId === customerId)).map((a) => ({
        reference: a.reference,
        serviceName: a.serviceName,
        stage: a.stage,
        expectedDate: a.expectedDate,
        createdAt: a.createdAt,
      })),
      planNames: Object.fromEntries(books.plans.map((p) => [p.planId, p.name])),
    };
  }
}

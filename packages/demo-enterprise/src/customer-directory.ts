import { BusinessRefusal } from './business-refusal.js';
import type { EnterpriseStore } from './enterprise-store.js';

/** Who the enterprise's customers are: a registered mobile names a bank customer or a phone subscriber. */
export class CustomerDirectory {
  constructor(private readonly store: EnterpriseStore) {}

  byMobile(tenant: string, mobile: string) {
    const books = this.store.books(tenant);
    const customer = Object.values(books.bankCustomers).find((c) => c.mobile === mobile) ?? books.subscribers[mobile];
    if (!customer) throw new BusinessRefusal('customer_not_found', '该手机号未登记', 404);
    return { customerId: customer.customerId, name: customer.name };
  }
}

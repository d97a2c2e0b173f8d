import { demoTryThis, type TenantBooks } from '@zhida/demo-enterprise';

type OrderKind = keyof typeof demoTryThis.ecommerce;
const FINANCE_CUSTOMERS = { finance: 'C10001', finance2: 'C10002' } as const;
const TELECOM_SUBSCRIBERS = { lowData: demoTryThis.telecom.lowData, arrears: demoTryThis.telecom.arrears, contract: demoTryThis.telecom.contract } as const;

export class UnknownPlaceholderError extends Error {
  readonly code = 'unknown_placeholder';
}

/**
 * Gives every script its own copy of the demo customer it talks about, so a
 * return, a card loss or a plan change in one script cannot change what the
 * next script finds (each real customer has their own orders and cards too).
 * `{{order.returnable}}` becomes a fresh clone of the seeded returnable order,
 * `{{mobile.finance}}` the mobile of a fresh clone of bank customer 张伟,
 * `{{mobile.lowData}}` a fresh clone of the low-data telecom subscriber.
 */
export class DemoFixtures {
  private counter = 0;

  constructor(
    /** A tenant's books in the demo enterprise (the bench's own service, in this process). */
    private readonly books: (tenantId: string) => TenantBooks,
    private readonly tenantIds: Record<string, string>,
  ) {}

  /** Whether `{{name}}` is a placeholder the bench can fill (`otp` included), so data can be checked before a run. */
  static knows(name: string): boolean {
    const [kind, key, ...rest] = name.split('.');
    if (rest.length > 0) return false;
    if (kind === 'otp') return key === undefined;
    if (kind === 'order') return key !== undefined && Object.hasOwn(demoTryThis.ecommerce, key);
    return kind === 'mobile' && key !== undefined && (Object.hasOwn(FINANCE_CUSTOMERS, key) || Object.hasOwn(TELECOM_SUBSCRIBERS, key));
  }

  /** A resolver for one script: the same placeholder yields the same clone within the script. */
  forScript(): (placeholder: string) => Promise<string> {
    const made = new Map<string, string>();
    return async (placeholder) => {
      const known = made.get(placeholder);
      if (known !== undefined) return known;
      const value = this.make(placeholder);
      made.set(placeholder, value);
      return value;
    };
  }

  private make(placeholder: string): string {
    const [kind, name] = placeholder.split('.');
    if (kind === 'order' && name && Object.hasOwn(demoTryThis.ecommerce, name)) return this.cloneOrder(name as OrderKind);
    if (kind === 'mobile' && name && Object.hasOwn(FINANCE_CUSTOMERS, name)) return this.cloneBankCustomer(FINANCE_CUSTOMERS[name as keyof typeof FINANCE_CUSTOMERS]);
    if (kind === 'mobile' && name && Object.hasOwn(TELECOM_SUBSCRIBERS, name)) return this.cloneSubscriber(TELECOM_SUBSCRIBERS[name as keyof typeof TELECOM_SUBSCRIBERS]);
    throw new UnknownPlaceholderError(`unknown placeholder {{${placeholder}}}`);
  }

  private next(): number {
    this.counter += 1;
    return this.counter;
  }

  private booksOf(template: string): TenantBooks {
    const id = this.tenantIds[template];
    if (!id) throw new Error(`no tenant for template ${template}`);
    return this.books(id);
  }

  private cloneOrder(kind: OrderKind): string {
    const books = this.booksOf('ecommerce');
    const source = demoTryThis.ecommerce[kind];
    // Same date prefix as the seeded number, so it reads like a real order number of that day.
    const orderNo = `${source.slice(0, 8)}9${String(this.next()).padStart(5, '0')}`;
    const order = books.orders[source];
    if (!order) throw new Error(`the demo shop has no order ${source}`);
    books.orders[orderNo] = structuredClone({ ...order, orderNo });
    const refund = books.refunds[source];
    if (refund) books.refunds[orderNo] = { ...refund, orderNo };
    return orderNo;
  }

  private cloneBankCustomer(customerId: string): string {
    const books = this.booksOf('finance');
    const n = this.next();
    const newId = `B${String(n).padStart(5, '0')}`;
    const mobile = `1360000${String(n).padStart(4, '0')}`;
    const customer = books.bankCustomers[customerId];
    if (!customer) throw new Error(`the demo bank has no customer ${customerId}`);
    books.bankCustomers[newId] = { ...customer, customerId: newId, mobile };
    books.accounts.push(...books.accounts.filter((r) => r.customerId === customerId).map((r) => ({ ...r, customerId: newId })));
    books.cards.push(...books.cards.filter((r) => r.customerId === customerId).map((r) => ({ ...r, customerId: newId })));
    books.cardBills.push(...books.cardBills.filter((r) => r.customerId === customerId).map((r) => ({ ...r, customerId: newId })));
    books.transfers.push(...books.transfers.filter((r) => r.customerId === customerId).map((r, i) => ({ ...r, customerId: newId, transferId: `${newId}-${i}` })));
    return mobile;
  }

  private cloneSubscriber(sourceMobile: string): string {
    const books = this.booksOf('telecom');
    const n = this.next();
    const mobile = `1350000${String(n).padStart(4, '0')}`;
    const subscriber = books.subscribers[sourceMobile];
    if (!subscriber) throw new Error(`the demo operator has no subscriber ${sourceMobile}`);
    books.subscribers[mobile] = { ...subscriber, mobile, customerId: `U9${String(n).padStart(4, '0')}` };
    books.phoneBills.push(...books.phoneBills.filter((r) => r.mobile === sourceMobile).map((r) => ({ ...r, mobile })));
    const usage = books.usage[sourceMobile];
    if (usage) books.usage[mobile] = { ...usage };
    return mobile;
  }
}

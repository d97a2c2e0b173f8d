import type { Kysely } from 'kysely';
import type { Database } from '../../packages/server/src/db/schema.js';
import { TenantScope } from '../../packages/server/src/db/tenant-scope.js';
import { demoTryThis } from '../../packages/server/src/selfservice/demo/seed-demo-enterprise.js';
import { asSelfServiceDb, type SelfServiceDb } from '../../packages/server/src/selfservice/self-service-db.js';

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
  private readonly db: SelfServiceDb;
  private counter = 0;

  constructor(
    database: Kysely<Database>,
    private readonly tenantIds: Record<string, string>,
  ) {
    this.db = asSelfServiceDb(database);
  }

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
      // The bench owns the database and clones customers of several demo tenants: it writes as the operator.
      const value = await TenantScope.asSystem(() => this.make(placeholder));
      made.set(placeholder, value);
      return value;
    };
  }

  private async make(placeholder: string): Promise<string> {
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

  private tenant(template: string): string {
    const id = this.tenantIds[template];
    if (!id) throw new Error(`no tenant for template ${template}`);
    return id;
  }

  private async cloneOrder(kind: OrderKind): Promise<string> {
    const tenantId = this.tenant('ecommerce');
    const source = demoTryThis.ecommerce[kind];
    // Same date prefix as the seeded number, so it reads like a real order number of that day.
    const orderNo = `${source.slice(0, 8)}9${String(this.next()).padStart(5, '0')}`;
    const order = await this.db.selectFrom('demo_orders').selectAll().where('tenant_id', '=', tenantId).where('order_no', '=', source).executeTakeFirstOrThrow();
    await this.db.insertInto('demo_orders').values({ ...order, order_no: orderNo }).execute();
    const events = await this.db.selectFrom('demo_logistics_events').select(['at', 'description']).where('tenant_id', '=', tenantId).where('order_no', '=', source).execute();
    if (events.length > 0) await this.db.insertInto('demo_logistics_events').values(events.map((e) => ({ tenant_id: tenantId, order_no: orderNo, at: e.at, description: e.description }))).execute();
    const refunds = await this.db.selectFrom('demo_refunds').selectAll().where('tenant_id', '=', tenantId).where('order_no', '=', source).execute();
    if (refunds.length > 0) await this.db.insertInto('demo_refunds').values(refunds.map((r) => ({ ...r, order_no: orderNo }))).execute();
    return orderNo;
  }

  private async cloneBankCustomer(customerId: string): Promise<string> {
    const tenantId = this.tenant('finance');
    const n = this.next();
    const newId = `B${String(n).padStart(5, '0')}`;
    const mobile = `1360000${String(n).padStart(4, '0')}`;
    const customer = await this.db.selectFrom('demo_customers').selectAll().where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
    await this.db.insertInto('demo_customers').values({ ...customer, customer_id: newId, mobile }).execute();
    const own = { tenantId, customerId, newId };
    const accounts = await this.db.selectFrom('demo_accounts').selectAll().where('tenant_id', '=', own.tenantId).where('customer_id', '=', own.customerId).execute();
    if (accounts.length > 0) await this.db.insertInto('demo_accounts').values(accounts.map((r) => ({ ...r, customer_id: newId }))).execute();
    const cards = await this.db.selectFrom('demo_cards').selectAll().where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).execute();
    if (cards.length > 0) await this.db.insertInto('demo_cards').values(cards.map((r) => ({ ...r, customer_id: newId }))).execute();
    const bills = await this.db.selectFrom('demo_card_bills').selectAll().where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).execute();
    if (bills.length > 0) await this.db.insertInto('demo_card_bills').values(bills.map((r) => ({ ...r, customer_id: newId }))).execute();
    const transfers = await this.db.selectFrom('demo_transfers').selectAll().where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).execute();
    if (transfers.length > 0) await this.db.insertInto('demo_transfers').values(transfers.map((r, i) => ({ ...r, customer_id: newId, transfer_id: `${newId}-${i}` }))).execute();
    return mobile;
  }

  private async cloneSubscriber(sourceMobile: string): Promise<string> {
    const tenantId = this.tenant('telecom');
    const n = this.next();
    const mobile = `1350000${String(n).padStart(4, '0')}`;
    const subscriber = await this.db.selectFrom('demo_subscribers').selectAll().where('tenant_id', '=', tenantId).where('mobile', '=', sourceMobile).executeTakeFirstOrThrow();
    await this.db.insertInto('demo_subscribers').values({ ...subscriber, mobile, customer_id: `U9${String(n).padStart(4, '0')}` }).execute();
    const bills = await this.db.selectFrom('demo_phone_bills').selectAll().where('tenant_id', '=', tenantId).where('mobile', '=', sourceMobile).execute();
    if (bills.length > 0) await this.db.insertInto('demo_phone_bills').values(bills.map((r) => ({ ...r, mobile }))).execute();
    const usage = await this.db.selectFrom('demo_usage').selectAll().where('tenant_id', '=', tenantId).where('mobile', '=', sourceMobile).execute();
    if (usage.length > 0) await this.db.insertInto('demo_usage').values(usage.map((r) => ({ ...r, mobile }))).execute();
    return mobile;
  }
}

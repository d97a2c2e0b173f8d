import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOPPER_ID, demoTryThis, seedDemoEnterprise } from '../selfservice/demo/seed-demo-enterprise.js';
import { asSelfServiceDb } from '../selfservice/self-service-db.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { identityHash } from '../widget/identity-verifier.js';

const backends = await testBackends();
const SECRET_A = 'tenant-a-identity-secret';
const SECRET_B = 'tenant-b-identity-secret';
type Visitor = { headers: Record<string, string> };
type Item = { type: string; id: string; title: string; snippet: string; score: number };

describe.each(backends)("a verified visitor's own orders and tickets in search (%s)", (backend) => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let shopper: Visitor;
  let impostor: Visitor;
  let otherCustomer: Visitor;
  let shopperOfB: Visitor;
  const OTHER_ORDER = '20261101770001';
  const B_ORDER = '20261101990001';

  beforeAll(async () => {
    t = await TestApp.start(backend);
    a = await t.createTenant('records-a');
    b = await t.createTenant('records-b');
    await t.app.zhida.tenants.setIdentityVerification(a.id, 'optional', SECRET_A);
    await t.app.zhida.tenants.setIdentityVerification(b.id, 'optional', SECRET_B);
    const db = asSelfServiceDb(t.app.zhida.database.db);
    await seedDemoEnterprise(t.app.zhida.database.db, a.id, 'ecommerce');
    const order = (tenantId: string, orderNo: string, customerId: string, item: string) => ({
      tenant_id: tenantId, order_no: orderNo, product_id: 'p', item_summary: item, amount_cents: 100, status: 'paid' as const,
      address: '杭州', carrier: null, tracking_no: null, ordered_at: new Date(), shipped_at: null, delivered_at: null, expected_delivery: null, customer_id: customerId,
    });
    await db.insertInto('demo_orders').values([
      order(a.id, OTHER_ORDER, 'shopper-002', '机械键盘 青轴 ×1'),
      // Same customer id in another tenant is another person.
      order(b.id, B_ORDER, DEMO_SHOPPER_ID, '翡翠手镯 ×1'),
    ]).execute();
    await db.insertInto('demo_service_requests').values({ tenant_id: a.id, reference: 'GD202611250001', kind: 'ticket:complaint', subject: '快递员态度恶劣，要求道歉', detail: '{}', conversation_id: null, customer_id: DEMO_SHOPPER_ID }).execute();
    shopper = await t.startVisitor(a, { userId: DEMO_SHOPPER_ID, userHash: identityHash(SECRET_A, DEMO_SHOPPER_ID) });
    impostor = await t.startVisitor(a, { userId: DEMO_SHOPPER_ID });
    otherCustomer = await t.startVisitor(a, { userId: 'shopper-002', userHash: identityHash(SECRET_A, 'shopper-002') });
    shopperOfB = await t.startVisitor(b, { userId: DEMO_SHOPPER_ID, userHash: identityHash(SECRET_B, DEMO_SHOPPER_ID) });
  });
  afterAll(() => t.close());

  const search = async (visitor: Visitor, q: string): Promise<Item[]> => {
    const res = await t.app.inject({ url: `/api/v1/widget/search?q=${encodeURIComponent(q)}`, headers: visitor.headers });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Item[] }).items;
  };
  const records = (items: Item[]) => items.filter((i) => i.type === 'order' || i.type === 'ticket');

  it('finds their order by its number, first, with item and status', async () => {
    const items = await search(shopper, `我的订单 ${demoTryThis.ecommerce.returnable} 到哪了`);
    expect(items[0]).toMatchObject({ type: 'order', id: demoTryThis.ecommerce.returnable, title: `订单 ${demoTryThis.ecommerce.returnable}`, snippet: '华为 Mate 60 12GB+512GB 雅川青 ×1 · 已签收' });
    expect(records(items)).toHaveLength(1);
  });

  it('finds their order by product words, and only the orders those words fit', async () => {
    const items = records(await search(shopper, '羽绒服'));
    expect(items.map((i) => i.id)).toEqual([demoTryThis.ecommerce.returnWindowPassed]);
    expect(records(await search(shopper, '蓝牙耳机')).map((i) => i.id)).toEqual([demoTryThis.ecommerce.refundCompleted]);
  });

  it('finds their ticket by reference and by what it was about', async () => {
    expect((await search(shopper, 'GD202611250001'))[0]).toMatchObject({ type: 'ticket', id: 'GD202611250001', title: '投诉工单 GD202611250001', snippet: '快递员态度恶劣，要求道歉' });
    expect(records(await search(shopper, '快递员态度')).map((i) => i.id)).toEqual(['GD202611250001']);
  });

  it('gives an unverified visitor claiming the same userId nothing of that customer', async () => {
    for (const q of [demoTryThis.ecommerce.returnable, '羽绒服', 'GD202611250001', '快递员态度']) expect(records(await search(impostor, q)), q).toEqual([]);
  });

  it("never shows another customer's order, though that customer finds it", async () => {
    for (const q of [OTHER_ORDER, '机械键盘']) expect(records(await search(shopper, q)), q).toEqual([]);
    expect(records(await search(otherCustomer, '机械键盘')).map((i) => i.id)).toEqual([OTHER_ORDER]);
    expect(records(await search(otherCustomer, demoTryThis.ecommerce.returnable))).toEqual([]);
  });

  it("never shows tenant B's orders to tenant A's customer with the same id, nor the reverse", async () => {
    for (const q of [B_ORDER, '翡翠手镯']) expect(records(await search(shopper, q)), q).toEqual([]);
    expect(records(await search(shopperOfB, '翡翠手镯')).map((i) => i.id)).toEqual([B_ORDER]);
    expect(records(await search(shopperOfB, demoTryThis.ecommerce.returnable))).toEqual([]);
  });
});

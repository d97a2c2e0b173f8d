import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOPPER_ID, demoTryThis, type TenantBooks } from '@zhida/demo-enterprise';
import { addDays, chinaDay, isWorkingDay, nextWorkingDays } from '../selfservice/china-calendar.js';
import { asSelfServiceDb } from '../selfservice/self-service-db.js';
import { SelfServiceActions } from '../selfservice/self-service-actions.js';
import { RecordingLogger, RecordingSms } from '../selfservice/test-support/selfservice-fixture.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { identityHash } from '../widget/identity-verifier.js';
import { enterpriseConnectors } from '../selfservice/http/enterprise-connectors.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../test-support/demo-enterprise-service.js';

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
    t = await TestApp.start(backend, {}, { demoEnterprise: true });
    a = await t.createTenant('records-a');
    b = await t.createTenant('records-b');
    await t.app.zhida.tenants.setIdentityVerification(a.id, 'optional', SECRET_A);
    await t.app.zhida.tenants.setIdentityVerification(b.id, 'optional', SECRET_B);
    // What each tenant's enterprise holds: A the seeded shop, another customer's order and a complaint
    // filed for the shopper; B (another company) only its own shopper-001's order.
    const booksOf = (tenant: TestTenant) => t.demoEnterprise!.books(tenant.id);
    const order = (orderNo: string, customerId: string, item: string): TenantBooks['orders'][string] => ({
      ...booksOf(a).orders[demoTryThis.ecommerce.awaitingShipment]!, orderNo, customerId, itemSummary: item, status: 'paid', orderedAt: new Date().toISOString(),
    });
    booksOf(a).orders[OTHER_ORDER] = order(OTHER_ORDER, 'shopper-002', '机械键盘 青轴 ×1');
    // Same customer id in another tenant is another person.
    booksOf(b).orders = { [B_ORDER]: order(B_ORDER, DEMO_SHOPPER_ID, '翡翠手镯 ×1') };
    booksOf(b).refunds = {};
    booksOf(a).serviceRequests.push({ reference: 'GD202611250001', kind: 'ticket:complaint', subject: '快递员态度恶劣，要求道歉', customerId: DEMO_SHOPPER_ID, createdAt: new Date().toISOString() });
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

/** 09:00 China time on the first Wednesday from `from` whose Saturday and Sunday before are off and Monday to Wednesday worked. */
function ordinaryWednesdayMorning(from: Date): Date {
  for (let day = chinaDay(from); ; day = addDays(day, 1)) {
    if (new Date(`${day}T00:00:00Z`).getUTCDay() !== 3) continue;
    const worked = [-4, -3, -2, -1, 0].map((d) => isWorkingDay(addDays(day, d)));
    if (worked.join() === 'false,false,true,true,true') return new Date(`${day}T09:00:00+08:00`);
  }
}

// Made-up but well-formed mainland id numbers.
const ID_CARDS = ['11010519491231002X', '440524188001010014', '110101199003077894'];

describe.each(backends)("a verified visitor's own returns, appointments and applications in search (%s)", (backend) => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let actions: SelfServiceActions;
  let shopper: Visitor & { conversationId: string };
  let impostor: Visitor & { conversationId: string };
  let otherCustomer: Visitor & { conversationId: string };
  let shopperOfB: Visitor & { conversationId: string };
  let staff: Visitor;
  const RMA = 'RMA202611250001';
  const EXCHANGE = 'HH202611250007';
  const OTHER_RMA = 'RMA202611250002';
  const B_RMA = 'RMA202611259901';
  const OTHER_ORDER = '20261101770002';
  let appointment = '';
  let impostorAppointment = '';
  let otherAppointment = '';
  let certificate = '';
  let otherCertificate = '';
  // The enterprise's clock: 09:00 China time on the next ordinary Wednesday (its weekend before it off, Monday to
  // Wednesday worked), so that a drop-off filed on its Saturday is posted back by Tuesday 18:00 and not yet received,
  // and what is booked from it still lies ahead for Zhida, which reads today from the wall clock.
  const NOW = ordinaryWednesdayMorning(new Date());
  const bookableDay = nextWorkingDays(chinaDay(NOW), 2)[1]!;

  /** Runs an action the way the bot does in that visitor's conversation (the enterprise files it over HTTP). */
  const run = async (tenant: TestTenant, visitor: { conversationId: string }, name: string, args: Record<string, unknown>) => {
    const db = asSelfServiceDb(t.app.zhida.database.db);
    const conversation = await t.system(() => db.selectFrom('conversations').select('visitor_id').where('id', '=', visitor.conversationId).executeTakeFirstOrThrow());
    const outcome = await t.as(tenant, () => actions.execute({ tenantId: tenant.id, conversationId: visitor.conversationId, visitorId: conversation.visitor_id, now: NOW }, { id: `${name}.${Math.random()}`, name, args }));
    if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code} ${outcome.error.message}`);
    return outcome.data;
  };
  const book = async (tenant: TestTenant, visitor: { conversationId: string }, service: string, idCard: string) => {
    const list = await run(tenant, visitor, 'appointments.listSlots', { service, date: bookableDay });
    const slot = (list.slots as { id: string }[])[0]!;
    return (await run(tenant, visitor, 'appointments.book', { service, slotId: slot.id, name: '王小明', idCard })).referenceNumber as string;
  };

  beforeAll(async () => {
    t = await TestApp.start(backend, {}, { demoEnterprise: { now: () => NOW } });
    a = await t.createTenant('own-rma-a');
    b = await t.createTenant('own-rma-b');
    await t.app.zhida.tenants.setIdentityVerification(a.id, 'optional', SECRET_A);
    await t.app.zhida.tenants.setIdentityVerification(b.id, 'optional', SECRET_B);
    actions = new SelfServiceActions({ db: t.app.zhida.database.db, sms: new RecordingSms(), log: new RecordingLogger(), connectors: enterpriseConnectors(t.demoEnterprise!.backend) });
    const booksOf = (tenant: TestTenant) => t.demoEnterprise!.books(tenant.id);
    booksOf(a).orders[OTHER_ORDER] = { ...booksOf(a).orders[demoTryThis.ecommerce.returnable]!, orderNo: OTHER_ORDER, itemSummary: '机械键盘 青轴 ×1', customerId: 'shopper-002' };
    // The warehouse moves a request along from when it was filed: a drop-off filed on Saturday (10:00) has been
    // posted back by now (Tuesday 18:00) and not yet received; the others were filed an hour ago.
    const ret = (reference: string, orderNo: string, kind: 'return' | 'exchange', createdAt: Date): TenantBooks['afterSales'][number] => ({
      reference, orderNo, kind, reason: '不想要了', method: kind === 'return' ? 'dropoff' : 'pickup', newSpec: kind === 'exchange' ? '50ml' : null, status: 'submitted', createdAt: createdAt.toISOString(),
    });
    const anHourAgo = new Date(NOW.getTime() - 3600_000);
    booksOf(a).afterSales.push(
      ret(RMA, demoTryThis.ecommerce.returnable, 'return', new Date(NOW.getTime() - 4 * 86_400_000 + 3600_000)),
      ret(EXCHANGE, demoTryThis.ecommerce.cosmetics, 'exchange', anHourAgo),
      ret(OTHER_RMA, OTHER_ORDER, 'return', anHourAgo),
    );
    // Tenant B's shopper-001 is another person with the same seeded order numbers.
    booksOf(b).afterSales.push(ret(B_RMA, demoTryThis.ecommerce.returnable, 'return', anHourAgo));

    shopper = await t.startVisitor(a, { userId: DEMO_SHOPPER_ID, userHash: identityHash(SECRET_A, DEMO_SHOPPER_ID) });
    impostor = await t.startVisitor(a, { userId: DEMO_SHOPPER_ID });
    otherCustomer = await t.startVisitor(a, { userId: 'shopper-002', userHash: identityHash(SECRET_A, 'shopper-002') });
    shopperOfB = await t.startVisitor(b, { userId: DEMO_SHOPPER_ID, userHash: identityHash(SECRET_B, DEMO_SHOPPER_ID) });
    staff = await t.login(a, 'analyst');

    appointment = await book(a, shopper, 'household', ID_CARDS[0]!);
    // Booked under the shopper's claimed (unverified) id: it must not become theirs.
    impostorAppointment = await book(a, impostor, 'social_security', ID_CARDS[1]!);
    otherAppointment = await book(a, otherCustomer, 'tax', ID_CARDS[2]!);
    await book(b, shopperOfB, 'household', ID_CARDS[0]!);
    certificate = (await run(a, shopper, 'certificates.request', { type: 'no_criminal_record', idCard: ID_CARDS[0] })).applicationRef as string;
    otherCertificate = (await run(a, otherCustomer, 'certificates.request', { type: 'household', idCard: ID_CARDS[2] })).applicationRef as string;
    await run(a, impostor, 'certificates.request', { type: 'residence', idCard: ID_CARDS[1] });
    await run(a, shopper, 'materials.expect', { applicationRef: demoTryThis.government.pendingMaterials });
  });
  afterAll(() => t.close());

  const search = async (visitor: Visitor, q: string, url = '/api/v1/widget/search'): Promise<Item[]> => {
    const res = await t.app.inject({ url: `${url}?q=${encodeURIComponent(q)}&limit=10`, headers: visitor.headers });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Item[] }).items;
  };
  const ofType = async (visitor: Visitor, q: string, type: string) => (await search(visitor, q)).filter((i) => i.type === type).map((i) => i.id);

  it('finds their return by its RMA number, first, with the item and where it stands', async () => {
    const items = await search(shopper, `${RMA} 退货到哪了`);
    expect(items[0]).toMatchObject({ type: 'return', id: RMA, title: `退货 ${RMA}`, snippet: expect.stringMatching(/^华为 Mate 60 12GB\+512GB 雅川青 ×1 · 已寄回，待验收（\d+月\d+日）；预计\d+月\d+日前送达售后仓$/) });
    expect(items.filter((i) => i.type !== 'faq' && i.type !== 'article')).toHaveLength(1);
    expect((await search(shopper, RMA.slice(-8)))[0]).toMatchObject({ type: 'return', id: RMA });
  });

  it('answers “我的退货进度” / “退货到哪了” with their return, and “换货” with their exchange', async () => {
    for (const q of ['我的退货进度', '退货到哪了']) expect(await ofType(shopper, q, 'return'), q).toEqual([RMA]);
    const [exchange] = (await search(shopper, '我的换货')).filter((i) => i.type === 'return');
    expect(exchange).toMatchObject({ id: EXCHANGE, title: `换货 ${EXCHANGE}`, snippet: expect.stringMatching(/面霜.* 换 50ml · 已提交（\d+月\d+日）；预计\d+月\d+日上门取件$/) });
  });

  it('finds the appointment they booked in chat by number and by “我预约的是哪天”, with service, time and status', async () => {
    const expected = { type: 'appointment', id: appointment, title: `预约 ${appointment}`, snippet: `户籍业务（含居住证办理） · ${bookableDay} 09:00–10:00 · 已预约` };
    expect((await search(shopper, appointment))[0]).toMatchObject(expected);
    for (const q of ['我预约的是哪天', '我的预约']) {
      const found = (await search(shopper, q)).filter((i) => i.type === 'appointment');
      expect(found, q).toMatchObject([expected]);
    }
  });

  it('finds the applications they filed or sent materials for, and not seeded ones that are no one’s', async () => {
    expect((await search(shopper, certificate))[0]).toMatchObject({ type: 'application', id: certificate, title: `办事申请 ${certificate}`, snippet: expect.stringMatching(/^无犯罪记录证明 · 已受理 · 预计 \d{4}-\d\d-\d\d$/) });
    expect(new Set(await ofType(shopper, '我的申请', 'application'))).toEqual(new Set([certificate, demoTryThis.government.pendingMaterials]));
    expect(await ofType(shopper, demoTryThis.government.inReview, 'application')).toEqual([]);
  });

  it('gives an unverified visitor claiming the same userId none of it, not even what they booked themselves', async () => {
    for (const q of [RMA, '我的退货进度', EXCHANGE, appointment, impostorAppointment, '我的预约', certificate, '我的申请']) {
      expect((await search(impostor, q)).filter((i) => i.type !== 'faq' && i.type !== 'article'), q).toEqual([]);
    }
    expect(await ofType(shopper, impostorAppointment, 'appointment')).toEqual([]);
    expect(await ofType(shopper, '我的预约', 'appointment')).toEqual([appointment]);
  });

  it("never shows another customer's return, appointment or application, though that customer finds them", async () => {
    for (const q of [OTHER_RMA, otherAppointment, otherCertificate]) expect((await search(shopper, q)).filter((i) => i.type !== 'faq' && i.type !== 'article'), q).toEqual([]);
    expect(await ofType(otherCustomer, '我的退货进度', 'return')).toEqual([OTHER_RMA]);
    expect(await ofType(otherCustomer, '我的预约', 'appointment')).toEqual([otherAppointment]);
    expect(await ofType(otherCustomer, '我的申请', 'application')).toEqual([otherCertificate]);
    expect(await ofType(otherCustomer, RMA, 'return')).toEqual([]);
  });

  it("never shows tenant B's return to tenant A's customer with the same id, nor the reverse", async () => {
    expect(await ofType(shopper, B_RMA, 'return')).toEqual([]);
    expect(await ofType(shopperOfB, '我的退货进度', 'return')).toEqual([B_RMA]);
    expect(await ofType(shopperOfB, RMA, 'return')).toEqual([]);
    expect(await ofType(shopperOfB, certificate, 'application')).toEqual([]);
  });

  it('shows staff on /kb/search no customer records, and documents the new result types', async () => {
    for (const q of [RMA, appointment, certificate, '退货', '预约']) expect((await search(staff, q, '/api/v1/kb/search')).filter((i) => i.type !== 'faq' && i.type !== 'article'), q).toEqual([]);
    const doc = (await t.app.inject({ url: '/docs/json' })).json() as { paths: Record<string, { get: unknown }> };
    const response = JSON.stringify(doc.paths['/api/v1/widget/search']!.get);
    for (const type of ['return', 'appointment', 'application']) expect(response).toContain(`"${type}"`);
  });
});

// The same search when the tenant's records live in the enterprise's own system (the demo enterprise over signed HTTP):
// nothing is read from Zhida's database, ownership is still the verified customer id.
describe("a verified visitor's own records from the enterprise backend over HTTP", () => {
  let demo: RunningDemoEnterprise;
  let t: TestApp;
  let shop: TestTenant;
  let shopper: Visitor;
  let impostor: Visitor;

  beforeAll(async () => {
    demo = await startDemoEnterprise();
    t = await TestApp.start('pglite', { enterpriseBackend: demo.backend });
    shop = await t.createTenant('records-http');
    await t.app.zhida.tenants.setIdentityVerification(shop.id, 'optional', SECRET_A);
    shopper = await t.startVisitor(shop, { userId: DEMO_SHOPPER_ID, userHash: identityHash(SECRET_A, DEMO_SHOPPER_ID) });
    impostor = await t.startVisitor(shop, { userId: DEMO_SHOPPER_ID });
  });
  afterAll(async () => {
    await t?.close();
    await demo?.stop();
  });

  const search = async (visitor: Visitor, q: string): Promise<Item[]> => {
    const res = await t.app.inject({ url: `/api/v1/widget/search?q=${encodeURIComponent(q)}`, headers: visitor.headers });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Item[] }).items.filter((i) => i.type === 'order' || i.type === 'ticket' || i.type === 'return');
  };

  it('finds the orders the enterprise holds for the shopper, and a request filed there for them, only when verified', async () => {
    expect((await search(shopper, '羽绒服')).map((i) => i.id)).toEqual([demoTryThis.ecommerce.returnWindowPassed]);
    const urged = await enterpriseConnectors(demo.backend).logistics!.urge({ tenantId: shop.id, conversationId: 'c-1', now: new Date(), idempotencyKey: 'c-1:a1' }, demoTryThis.ecommerce.delayedShipment);
    expect((await search(shopper, urged.ticketNumber))[0]).toMatchObject({ id: urged.ticketNumber, title: `催件工单 ${urged.ticketNumber}` });
    expect(await search(impostor, '羽绒服')).toEqual([]);
  });
});

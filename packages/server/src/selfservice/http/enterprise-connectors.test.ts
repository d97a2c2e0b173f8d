import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTryThis } from '@zhida/demo-enterprise';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../../test-support/demo-enterprise-service.js';
import type { Connectors } from '../connectors/connectors.js';
import { chinaWorkCalendar } from '@zhida/china-calendar';
import { SelfServiceFailure } from '../selfservice-failure.js';
import { EnterpriseRequestError } from './enterprise-request-error.js';
import { enterpriseConnectors } from './enterprise-connectors.js';

const orders = demoTryThis.ecommerce;

// The HTTP connectors against the real demo enterprise service: contract, tenant separation, outage.
describe('the HTTP connectors on the demo enterprise', () => {
  let demo: RunningDemoEnterprise;
  let c: Partial<Connectors>;
  const ctx = (tenantId: string, idempotencyKey?: string) => ({ tenantId, conversationId: 'conv-1', now: new Date(), idempotencyKey });

  beforeAll(async () => {
    demo = await startDemoEnterprise();
    c = enterpriseConnectors(demo.backend);
  });
  afterAll(() => demo?.stop());

  it('puts nothing on HTTP without a configured backend', () => {
    expect(enterpriseConnectors(null)).toEqual({});
  });

  it('reads orders, parcels and phone bills, and answers "none" for an unknown order', async () => {
    expect(await c.orders!.get(ctx('t1'), orders.returnable)).toMatchObject({ orderNo: orders.returnable, status: 'delivered', deliveredAt: expect.any(Date) });
    expect(await c.orders!.get(ctx('t1'), '20990101000001')).toBeNull();
    const parcel = await c.logistics!.track(ctx('t1'), orders.delayedShipment);
    expect(parcel).toMatchObject({ carrier: '圆通速递', delivered: false });
    expect(parcel.events[0]!.description).toContain('派送延误');
    await expect(c.telecomAccounts!.getBill(ctx('t1'), demoTryThis.telecom.lowData, '2000-01')).rejects.toMatchObject({ code: 'bill_not_found' });
    expect(await c.telecomAccounts!.listPlans(ctx('t1'), demoTryThis.telecom.lowData)).toMatchObject({ currentPlan: { id: 'P59' } });
  });

  it('files writes once per idempotency key and turns refusals into the flow’s error codes', async () => {
    const filed = await c.returns!.createReturn(ctx('t2', 'conv-1:a4'), { orderNo: orders.returnable, reason: 'size', method: 'dropoff' });
    expect(await c.returns!.createReturn(ctx('t2', 'conv-1:a4'), { orderNo: orders.returnable, reason: 'size', method: 'dropoff' })).toEqual(filed);
    await expect(c.returns!.createReturn(ctx('t2', 'conv-2:a4'), { orderNo: orders.returnable, reason: 'size', method: 'dropoff' })).rejects.toMatchObject({ code: 'already_requested' });
    await expect(c.returns!.getRefund(ctx('t2'), orders.returnable)).rejects.toMatchObject({ code: 'refund_awaiting_return', message: expect.stringContaining(filed.rmaNumber) });
    expect(await c.returns!.getRefund(ctx('t2'), orders.awaitingShipment)).toBeNull();
    await expect(c.invoices!.request(ctx('t2', 'conv-1:a9'), { orderNo: orders.unpaid, titleType: 'personal', title: '张先生', taxId: null, email: 'a@example.com' })).rejects.toBeInstanceOf(SelfServiceFailure);
    expect(await c.invoices!.request(ctx('t2', 'conv-1:a8'), { orderNo: orders.returnable, titleType: 'personal', title: '张先生', taxId: null, email: 'a@example.com' })).toMatchObject({ expectedDays: 3 });
    // Another tenant's books are its own: the same order there is still returnable.
    expect(await c.returns!.createReturn(ctx('t3', 'conv-1:a4'), { orderNo: orders.returnable, reason: 'size', method: 'dropoff' })).toMatchObject({ rmaNumber: expect.stringMatching(/^RMA/) });
  });

  it('looks customers up by mobile and answers for the bank: balance, bills, transfers, card loss once per key', async () => {
    expect(await c.identity!.findByMobile(ctx('b1'), demoTryThis.finance.mobile)).toEqual({ customerId: 'C10001', name: '张伟' });
    expect(await c.identity!.findByMobile(ctx('b1'), demoTryThis.telecom.lowData)).toEqual({ customerId: 'U20001', name: '王强' });
    expect(await c.identity!.findByMobile(ctx('b1'), '13000000000')).toBeNull();
    expect(await c.banking!.getBalance(ctx('b1'), 'C10001')).toEqual({ accountLast4: '6688', availableCents: 2568050, ledgerCents: 2618050 });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(await c.banking!.findTransfer(ctx('b1'), 'C10001', today, 1200000)).toMatchObject({ status: 'processing', payeeAccountLast4: '0091' });
    await expect(c.banking!.findTransfer(ctx('b1'), 'C10001', today, 1)).rejects.toMatchObject({ code: 'transfer_not_found' });
    // Another customer's card is not found, whoever asks.
    await expect(c.banking!.reportCardLoss(ctx('b1', 'conv-1:a1'), 'C10002', '6688')).rejects.toMatchObject({ code: 'card_not_found' });
    const lost = await c.banking!.reportCardLoss(ctx('b1', 'conv-1:a2'), 'C10001', '6688');
    expect(lost.reportNumber).toMatch(/^GS\d{12}$/);
    expect(await c.banking!.reportCardLoss(ctx('b1', 'conv-1:a2'), 'C10001', '6688')).toEqual(lost);
    await expect(c.banking!.reportCardLoss(ctx('b1', 'conv-2:a2'), 'C10001', '6688')).rejects.toMatchObject({ code: 'card_already_lost' });
    await expect(c.banking!.resetPassword(ctx('b1', 'conv-2:a3'), 'C10001', '6688', 'login')).rejects.toMatchObject({ code: 'card_lost' });
  });

  it('books a counter slot once, files certificates and materials, and names a holiday', async () => {
    const now = new Date();
    const list = await c.appointments!.listSlots(ctx('g1'), 'household', nextWorkingDay(now));
    expect(list).toMatchObject({ serviceName: '户籍业务（含居住证办理）', slots: expect.arrayContaining([expect.objectContaining({ startTime: '09:00', remaining: 3 })]) });
    const slot = list.slots[0]!;
    const request = { service: 'household', slotId: slot.id, name: '张三', idCard: '110101199003071234' };
    const booked = await c.appointments!.book({ ...ctx('g1', 'conv-1:b1'), customerId: 'citizen-1' }, request);
    expect(booked.referenceNumber).toMatch(/^YY\d{12}$/);
    await expect(c.appointments!.book(ctx('g1', 'conv-2:b1'), request)).rejects.toMatchObject({ code: 'already_booked' });
    await expect(c.appointments!.listSlots(ctx('g1'), 'household', `${now.getUTCFullYear() + 1}-10-01`)).rejects.toMatchObject({ code: 'invalid_date' });
    expect(await c.applications!.getProgress(ctx('g1'), demoTryThis.government.inReview.toLowerCase())).toMatchObject({ stage: '制卡中' });
    expect(await c.applications!.getProgress(ctx('g1'), 'SQ2099010100001')).toBeNull();
    const filed = await c.applications!.requestCertificate(ctx('g1', 'conv-3:c1'), 'residence', '110101199003071234');
    expect(filed).toMatchObject({ applicationRef: expect.stringMatching(/^SQ/), expectedDays: 3 });
    expect(await c.materials!.received(ctx('g1'), { attachmentId: 'att-0', filename: 'a.pdf' })).toBeNull();
    expect(await c.materials!.expect(ctx('g1', 'conv-1:m1'), filed.applicationRef)).toEqual({ requiredMaterials: ['身份证正反面', '租房合同或房产证'], reviewDays: 3 });
    expect(await c.materials!.received(ctx('g1'), { attachmentId: 'att-1', filename: '合同.pdf' })).toEqual({ applicationRef: filed.applicationRef });
    expect(await c.applications!.getProgress(ctx('g1'), filed.applicationRef)).toMatchObject({ stage: '材料已提交，待审核' });
    // What was filed for a verified customer is among their records; another customer sees none of it.
    const mine = await c.customerRecords!.records(ctx('g1'), { customerIds: ['citizen-1'], conversationId: null }, 50);
    expect(mine.appointments).toEqual([{ reference: booked.referenceNumber, name: '张三', serviceName: '户籍业务（含居住证办理）', location: expect.any(String), day: slot.day, startTime: '09:00', endTime: '10:00', owned: true, inConversation: false }]);
    expect((await c.customerRecords!.records(ctx('g1'), { customerIds: ['citizen-2'], conversationId: null }, 50)).appointments).toEqual([]);
    // What this chat filed counts for anyone in it (the agent saw it happen), and is nobody's own.
    const here = await c.customerRecords!.records(ctx('g1'), { customerIds: [], conversationId: 'conv-1' }, 50);
    expect(here.applications).toEqual([expect.objectContaining({ reference: filed.applicationRef, owned: false, filedInConversation: true, inConversation: true })]);
    expect(here.orders).toEqual([]);
    const shopper = await c.customerRecords!.records(ctx('g1'), { customerIds: ['shopper-001'], conversationId: null }, 50);
    expect(shopper.orders.map((o) => o.orderNo)).toContain(orders.returnable);
    expect(shopper.orders[0]!.orderedAt).toBeInstanceOf(Date);
  });

  it('files broadband repairs by account or address, checks porting and replaces SIMs', async () => {
    expect(await c.telecomServices!.createFault(ctx('o1', 'conv-1:f1'), '张江路８８弄３号１２０２室', '无法上网')).toMatchObject({ ticketNumber: expect.stringMatching(/^GZ/) });
    await expect(c.telecomServices!.createFault(ctx('o1', 'conv-1:f2'), '88弄3号1202室', '无法上网')).rejects.toMatchObject({ code: 'account_not_found', message: expect.stringContaining('多条宽带') });
    expect(await c.telecomServices!.checkPorting(ctx('o1'), demoTryThis.telecom.lowData)).toMatchObject({ eligible: true, authCode: expect.stringMatching(/^\d{6}$/) });
    expect(await c.telecomServices!.checkPorting(ctx('o1'), demoTryThis.telecom.arrears)).toEqual({ eligible: false, reasonText: '账户欠费 ¥46.80，请先缴清' });
    expect(await c.telecomServices!.requestSimReplacement(ctx('o1', 'conv-1:s1'), demoTryThis.telecom.lowData, '丢失', 'mail')).toMatchObject({ orderNumber: expect.stringMatching(/^BK/) });
    await expect(c.telecomServices!.requestSimReplacement(ctx('o1', 'conv-1:s2'), '13000000000', '丢失', 'mail')).rejects.toMatchObject({ code: 'subscriber_not_found' });
  });

  it('reports an outage as an outage, not as a business answer', async () => {
    await demo.stop();
    const failure = await c.orders!.get(ctx('t4'), orders.returnable).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EnterpriseRequestError);
    expect((failure as EnterpriseRequestError).kind).toBe('network');
  });
});

/** The next Monday–Friday China day that is a working day in the hall's calendar (no holiday near the test dates matters: a holiday is skipped). */
function nextWorkingDay(now: Date): string {
  for (let i = 1; i < 30; i++) {
    const day = new Date(now.getTime() + 8 * 3600_000 + i * 86_400_000).toISOString().slice(0, 10);
    if (chinaWorkCalendar.isWorkingDay(day)) return day;
  }
  throw new Error('no working day within 30 days');
}

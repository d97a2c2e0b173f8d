import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTryThis } from '@zhida/demo-enterprise';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../../test-support/demo-enterprise-service.js';
import type { Connectors } from '../connectors/connectors.js';
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

  it('reports an outage as an outage, not as a business answer', async () => {
    await demo.stop();
    const failure = await c.orders!.get(ctx('t4'), orders.returnable).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EnterpriseRequestError);
    expect((failure as EnterpriseRequestError).kind).toBe('network');
  });
});

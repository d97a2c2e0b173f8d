import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../test-support/test-backends.js';
import { demoTryThis } from '@zhida/demo-enterprise';
import { HttpEnterpriseClient } from './http/http-enterprise-client.js';
import { HttpOrderConnector } from './http/http-order-connector.js';
import { HttpReturnConnector } from './http/http-return-connector.js';
import { SelfServiceActions } from './self-service-actions.js';
import { FAKE_CRM_SECRET, FakeCrm } from './test-support/fake-crm.js';
import { SelfServiceFixture } from './test-support/selfservice-fixture.js';

const orders = demoTryThis.ecommerce;

describe.each(await testBackends())('e-commerce self-service on %s', (backend) => {
  let f: SelfServiceFixture;
  beforeAll(async () => {
    f = await SelfServiceFixture.start(backend);
  });
  afterAll(async () => {
    await f?.close();
  });

  describe('return flow', () => {
    it('looks the order up, files the return and answers a retried turn with the same RMA', async () => {
      const ctx = await f.conversation('ecommerce');
      const order = await f.ok(ctx, 'orders.get', { orderId: orders.returnable });
      expect(order).toMatchObject({ status: 'delivered', statusText: '已签收', daysSinceDelivery: 3, returnable: true, carrier: '顺丰速运' });
      expect(order.itemSummary).toContain('Mate 60');

      const action = { id: 'a5.ecommerce.return.create', name: 'returns.create', args: { orderId: orders.returnable, reason: 'size', method: 'pickup' } };
      const first = await f.as(ctx, () => f.actions.execute(ctx, action));
      const again = await f.as(ctx, () => f.actions.execute(ctx, action));
      expect(first.ok).toBe(true);
      expect(again).toEqual(first);
      if (!first.ok) return;
      expect(first.data.rmaNumber).toMatch(/^RMA20261125\d{4}$/);
      expect(first.data.pickupWindow).toBe('2026-11-26 09:00–18:00');
      // Filed once, in the enterprise.
      expect(f.books(ctx).afterSales.filter((r) => r.orderNo === orders.returnable).map((r) => r.reference)).toEqual([first.data.rmaNumber]);
    });

    it('refuses a second return of the same order under a new action id', async () => {
      const ctx = await f.conversation('ecommerce');
      const order = orders.cosmetics;
      await f.ok(ctx, 'returns.create', { orderId: order, reason: 'no_longer_needed', method: 'dropoff' });
      expect(await f.failCode(ctx, 'returns.create', { orderId: order, reason: 'no_longer_needed', method: 'dropoff' })).toBe('already_requested');
    });

    it('gives the return address for a drop-off', async () => {
      const ctx = await f.conversation('ecommerce');
      const data = await f.ok(ctx, 'exchanges.create', { orderId: orders.returnable, newSpec: '12GB+256GB 雅丹黑', reason: 'color' });
      expect(data.exchangeNumber).toMatch(/^HH20261125\d{4}$/);
    });

    it('marks fresh food as not returnable and refuses to file it', async () => {
      const ctx = await f.conversation('ecommerce');
      const order = await f.ok(ctx, 'orders.get', { orderId: orders.freshFood });
      expect(order).toMatchObject({ status: 'delivered', returnable: false });
      expect(String(order.refusal)).toContain('生鲜');
      expect(await f.failCode(ctx, 'returns.create', { orderId: orders.freshFood, reason: 'quality', method: 'pickup' })).toBe('not_eligible');
    });

    it('counts the 7 days from delivery and refuses an older order', async () => {
      const ctx = await f.conversation('ecommerce');
      expect(await f.ok(ctx, 'orders.get', { orderId: orders.returnWindowPassed })).toMatchObject({ daysSinceDelivery: 12, returnable: false, exchangeable: false });
      expect(await f.failCode(ctx, 'returns.create', { orderId: orders.returnWindowPassed, reason: 'size', method: 'pickup' })).toBe('not_eligible');
      const eightDaysLater = { ...ctx, now: new Date(ctx.now.getTime() + 5 * 86_400_000) };
      expect(await f.ok(eightDaysLater, 'orders.get', { orderId: orders.returnable })).toMatchObject({ daysSinceDelivery: 8, returnable: false });
    });

    it('words an exchange refusal with the product\'s own window: 7 days for a down jacket, 15 for a phone', async () => {
      const ctx = await f.conversation('ecommerce');
      const jacket = await f.ok(ctx, 'orders.get', { orderId: orders.returnWindowPassed });
      expect(jacket).toMatchObject({ exchangeable: false, exchangeRefusal: '已超过签收后7天的换货期' });
      const phone = await f.ok({ ...ctx, now: new Date(ctx.now.getTime() + 30 * 86_400_000) }, 'orders.get', { orderId: orders.returnable });
      expect(phone).toMatchObject({ exchangeable: false, exchangeRefusal: '已超过签收后15天的换货期' });
      expect((await f.ok(ctx, 'orders.get', { orderId: orders.freshFood })).exchangeRefusal).toBe('该商品不支持换货');
    });

    it('says order_not_found for an unknown order and for another tenant’s order', async () => {
      const ctx = await f.conversation('ecommerce');
      expect(await f.failCode(ctx, 'orders.get', { orderId: '20990101000001' })).toBe('order_not_found');
      // The enterprise keeps books per tenant: an order only the shop's books hold is not found by another tenant.
      const onlyInShop = '20261124990001';
      f.books(ctx).orders[onlyInShop] = { ...f.books(ctx).orders[orders.returnable]!, orderNo: onlyInShop };
      expect(await f.ok(ctx, 'orders.get', { orderId: onlyInShop })).toMatchObject({ orderId: onlyInShop });
      const bank = await f.conversation('finance');
      expect(await f.failCode(bank, 'orders.get', { orderId: onlyInShop })).toBe('order_not_found');
    });
  });

  describe('orders and logistics', () => {
    it('tracks a late parcel as delayed and files an urge ticket', async () => {
      const ctx = await f.conversation('ecommerce');
      const track = await f.ok(ctx, 'logistics.track', { orderId: orders.delayedShipment });
      expect(track).toMatchObject({ carrier: '圆通速递', delayed: true });
      expect(track.trackingNumber).toMatch(/^YT\d+$/);
      expect(String(track.latestEvent)).toContain('延误');
      const urge = await f.ok(ctx, 'logistics.urge', { orderId: orders.delayedShipment });
      expect(urge).toMatchObject({ responseHours: 24 });
      expect(urge.ticketNumber).toMatch(/^GD20261125\d{4}$/);
      expect(await f.failCode(ctx, 'logistics.track', { orderId: orders.awaitingShipment })).toBe('not_shipped');
    });

    it('leaves out the tracking number of an unshipped order, so the flow can tell', async () => {
      const ctx = await f.conversation('ecommerce');
      const order = await f.ok(ctx, 'orders.get', { orderId: orders.awaitingShipment });
      expect(order.statusText).toBe('待发货');
      expect('trackingNumber' in order).toBe(false);
    });

    it('changes the address before shipment only', async () => {
      const ctx = await f.conversation('ecommerce');
      const changed = await f.ok(ctx, 'orders.updateAddress', { orderId: orders.unpaid, address: '北京市海淀区中关村大街 1 号' });
      expect(changed.address).toBe('北京市海淀区中关村大街 1 号');
      expect(await f.failCode(ctx, 'orders.updateAddress', { orderId: orders.delayedShipment, address: '北京市海淀区' })).toBe('address_locked');
    });

    it('cancels a paid order with a full refund, and not twice', async () => {
      const ctx = await f.conversation('ecommerce');
      const cancelled = await f.ok(ctx, 'orders.cancel', { orderId: orders.awaitingShipment });
      expect(cancelled).toMatchObject({ statusText: '已取消', refundAmount: '¥459.00' });
      expect(await f.failCode(ctx, 'orders.cancel', { orderId: orders.awaitingShipment })).toBe('not_cancellable');
      expect(await f.ok(ctx, 'refunds.get', { orderId: orders.awaitingShipment })).toMatchObject({ status: 'processing', amount: '¥459.00' });
    });

    it('reports refund status with amount and date', async () => {
      const ctx = await f.conversation('ecommerce');
      expect(await f.ok(ctx, 'refunds.get', { orderId: orders.refundCompleted })).toMatchObject({ status: 'completed', amount: '¥299.00' });
      expect(await f.ok(ctx, 'refunds.get', { orderId: orders.returnWindowPassed })).toMatchObject({ status: 'rejected' });
      // The cosmetics order's drop-off return (filed above) has not reached the warehouse: say so, not "no refund".
      expect(await f.failCode(ctx, 'refunds.get', { orderId: orders.cosmetics })).toBe('refund_awaiting_return');
      // Never returned: no refund, and the flow offers to file a return.
      expect(await f.failCode(ctx, 'refunds.get', { orderId: orders.delayedShipment })).toBe('refund_not_found');
      expect(await f.failCode(ctx, 'refunds.get', { orderId: '20990101000001' })).toBe('order_not_found');
    });

    it('requests an invoice and wants a tax id for a company title', async () => {
      const ctx = await f.conversation('ecommerce');
      const invoice = await f.ok(ctx, 'invoices.request', { orderId: orders.returnable, titleType: 'personal', title: '个人', taxId: '', email: 'zhang@example.com' });
      expect(await f.ok(ctx, 'invoices.request', { orderId: Number(orders.returnable), titleType: 'personal', title: '个人', taxId: null, email: 'zhang@example.com' })).toMatchObject({ expectedDays: 3 });
      expect(invoice.requestNumber).toMatch(/^FP20261125\d{4}$/);
      expect(await f.failCode(ctx, 'invoices.request', { orderId: orders.returnable, titleType: 'company', title: '杭州某某科技有限公司', taxId: '', email: 'a@b.cn' })).toBe('tax_id_required');
    });

  });

  describe('executor contract', () => {
    it('answers unknown_action and invalid_args without throwing', async () => {
      const ctx = await f.conversation('ecommerce');
      expect(await f.failCode(ctx, 'orders.explode', {})).toBe('unknown_action');
      expect(await f.failCode(ctx, 'toString', {})).toBe('unknown_action');
      expect(await f.failCode(ctx, 'orders.get', { orderId: '../../etc' })).toBe('invalid_args');
      expect(await f.failCode(ctx, 'orders.get', { orderId: null })).toBe('invalid_args');
      expect(await f.failCode(ctx, 'returns.create', { orderId: orders.returnable, reason: 'size', method: 'teleport' })).toBe('invalid_args');
    });

    it('replays a stored failure too, so a retried turn sees the same answer', async () => {
      const ctx = await f.conversation('ecommerce');
      const action = { id: 'a2.ecommerce.order_status.lookup', name: 'orders.get', args: { orderId: '20990101000002' } };
      const first = await f.as(ctx, () => f.actions.execute(ctx, action));
      expect(first).toMatchObject({ ok: false, error: { code: 'order_not_found' } });
      expect(await f.as(ctx, () => f.actions.execute(ctx, action))).toEqual(first);
    });

    it('keeps the same action id of two conversations apart', async () => {
      const a = await f.conversation('ecommerce');
      const b = await f.conversation('ecommerce');
      const id = 'a1.ecommerce.order_status.lookup';
      const one = await f.as(a, () => f.actions.execute(a, { id, name: 'orders.get', args: { orderId: orders.returnable } }));
      const two = await f.as(b, () => f.actions.execute(b, { id, name: 'orders.get', args: { orderId: orders.cosmetics } }));
      expect(one.ok && two.ok && [one.data.orderId, two.data.orderId]).toEqual([orders.returnable, orders.cosmetics]);
    });
  });

  describe('with a real shop backend over HTTP', () => {
    it('does not remember an outage: the retried turn files the return once the backend is back', async () => {
      const crm = await new FakeCrm().start();
      try {
        const client = new HttpEnterpriseClient({ baseUrl: crm.url, secret: FAKE_CRM_SECRET, retries: 0, sleep: async () => {} });
        const actions = new SelfServiceActions({ db: f.handle.db, sms: f.sms, log: f.log, connectors: { orders: new HttpOrderConnector(() => client), returns: new HttpReturnConnector(() => client) } });
        const ctx = await f.conversation('ecommerce');
        const action = { id: 'a4.ecommerce.return.create', name: 'returns.create', args: { orderId: 'E20261118000001', reason: 'size', method: 'dropoff' } };
        crm.down = true;
        expect(await f.as(ctx, () => actions.execute(ctx, action))).toMatchObject({ ok: false, error: { code: 'unavailable' } });
        crm.down = false;
        const filed = await f.as(ctx, () => actions.execute(ctx, action));
        expect(filed).toMatchObject({ ok: true, data: { rmaNumber: 'CRM-RMA-1', returnAddress: '北京市亦庄 退货仓' } });
        expect(await f.as(ctx, () => actions.execute(ctx, action))).toEqual(filed);
        expect(crm.returnsFiled).toBe(1);
        expect(await f.as(ctx, () => actions.execute(ctx, { id: 'a1.lookup', name: 'orders.get', args: { orderId: 'E20261118000001' } }))).toMatchObject({ ok: true, data: { carrier: '京东物流', daysSinceDelivery: 2 } });
      } finally {
        await crm.stop();
      }
    });
  });
});

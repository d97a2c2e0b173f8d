import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoEnterpriseApp } from './demo-enterprise-app.js';
import { demoTryThis } from './enterprise-books.js';
import { EnterpriseStore } from './enterprise-store.js';

const SECRET = 'demo-enterprise-test-secret';
const orders = demoTryThis.ecommerce;

describe('the demo enterprise HTTP API', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildDemoEnterpriseApp({ secret: SECRET, store: EnterpriseStore.inMemory() });
  });
  afterAll(() => app.close());

  function call(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const timestamp = String(Date.now());
    const signature = createHmac('sha256', SECRET).update(`${timestamp}\n${method}\n${url}\n${payload}`).digest('hex');
    return app.inject({ method, url, payload: payload || undefined, headers: { 'x-zhida-timestamp': timestamp, 'x-zhida-signature': signature, ...(payload ? { 'content-type': 'application/json' } : {}), ...headers } });
  }

  it('refuses unsigned, wrongly signed and stale requests', async () => {
    expect((await app.inject({ method: 'GET', url: `/t/a/orders/${orders.returnable}` })).statusCode).toBe(401);
    const forged = await app.inject({ method: 'GET', url: `/t/a/orders/${orders.returnable}`, headers: { 'x-zhida-timestamp': String(Date.now()), 'x-zhida-signature': 'ab'.repeat(32) } });
    expect(forged.json()).toEqual({ error: { code: 'bad_signature', message: expect.any(String) } });
    const timestamp = String(Date.now() - 10 * 60_000);
    const stale = createHmac('sha256', SECRET).update(`${timestamp}\nGET\n/t/a/orders/${orders.returnable}\n`).digest('hex');
    expect((await app.inject({ method: 'GET', url: `/t/a/orders/${orders.returnable}`, headers: { 'x-zhida-timestamp': timestamp, 'x-zhida-signature': stale } })).statusCode).toBe(401);
  });

  it('answers an order, and a refusal for an unknown one', async () => {
    const res = await call('GET', `/t/a/orders/${orders.returnable}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ orderNo: orders.returnable, status: 'delivered', carrier: '顺丰速运', latestEvent: { description: '【上海】已签收，签收人：本人' } });
    expect((await call('GET', '/t/a/orders/20990101000001')).json()).toEqual({ error: { code: 'order_not_found', message: '没有查到该订单' } });
  });

  it('files a return once per Idempotency-Key and refuses a second one for the same order', async () => {
    const body = { orderNo: orders.returnable, reason: '尺码不合适', method: 'pickup' };
    const first = await call('POST', '/t/b/returns', body, { 'idempotency-key': 'conv-1:a4' });
    expect(first.statusCode).toBe(201);
    expect(first.json().rmaNumber).toMatch(/^RMA\d{8}0001$/);
    expect((await call('POST', '/t/b/returns', body, { 'idempotency-key': 'conv-1:a4' })).json()).toEqual(first.json());
    const again = await call('POST', '/t/b/returns', body, { 'idempotency-key': 'conv-2:a4' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_requested');
    const refund = await call('GET', `/t/b/orders/${orders.returnable}/refund`);
    expect(refund.json().error).toMatchObject({ code: 'refund_awaiting_return', message: expect.stringContaining(first.json().rmaNumber) });
  });

  it('keeps each tenant’s books apart', async () => {
    await call('POST', `/t/c/orders/${orders.awaitingShipment}/cancel`, {}, { 'idempotency-key': 'k1' });
    expect((await call('GET', `/t/c/orders/${orders.awaitingShipment}`)).json().status).toBe('cancelled');
    expect((await call('GET', `/t/d/orders/${orders.awaitingShipment}`)).json().status).toBe('paid');
  });

  it('refuses a fresh-food return and answers bad input with 400', async () => {
    const fresh = await call('POST', '/t/e/returns', { orderNo: orders.freshFood, reason: '不想要了', method: 'dropoff' }, { 'idempotency-key': 'k' });
    expect(fresh.statusCode).toBe(422);
    expect(fresh.json().error).toMatchObject({ code: 'not_eligible', message: expect.stringContaining('不支持7天无理由退货') });
    const bad = await call('POST', '/t/e/returns', { orderNo: orders.returnable, reason: 'x', method: 'teleport' }, { 'idempotency-key': 'k2' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_error');
    expect((await call('POST', '/t/e/returns', { orderNo: orders.returnable, reason: 'x', method: 'pickup' })).json().error.code).toBe('idempotency_key_required');
  });

  it('takes an invoice request for a paid order and wants a tax id for a company title', async () => {
    const body = { orderNo: orders.returnable, titleType: 'company', title: '上海某某科技有限公司', taxId: null, email: 'finance@example.com' };
    expect((await call('POST', '/t/g/invoices', body, { 'idempotency-key': 'i1' })).json().error.code).toBe('tax_id_required');
    const filed = await call('POST', '/t/g/invoices', { ...body, taxId: '91310000MA1K000000' }, { 'idempotency-key': 'i2' });
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toEqual({ requestNumber: expect.stringMatching(/^FP\d{12}$/), expectedDays: 3 });
    expect((await call('POST', '/t/g/invoices', { ...body, orderNo: orders.unpaid, taxId: 'x' }, { 'idempotency-key': 'i3' })).json().error.code).toBe('not_eligible');
  });

  it('answers a phone bill, and changes a plan', async () => {
    const plans = (await call('GET', `/t/f/subscribers/${demoTryThis.telecom.lowData}/plans`)).json();
    expect(plans.currentPlan).toEqual({ id: 'P59', name: '畅享 59 元套餐' });
    const bill = await call('GET', `/t/f/subscribers/${demoTryThis.telecom.lowData}/bills/2000-01`);
    expect(bill.json().error.code).toBe('bill_not_found');
    const changed = await call('POST', `/t/f/subscribers/${demoTryThis.telecom.lowData}/plan-changes`, { planId: 'P99' }, { 'idempotency-key': 'k' });
    expect(changed.statusCode).toBe(201);
    expect((await call('GET', `/t/f/subscribers/${demoTryThis.telecom.lowData}/plans`)).json().currentPlan.id).toBe('P99');
  });

  it('publishes its contract as OpenAPI, generated from the schemas', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/t/{tenant}/orders/{orderNo}', '/t/{tenant}/returns', '/t/{tenant}/subscribers/{mobile}/bills/{month}']));
    expect(doc.paths['/t/{tenant}/returns'].post.requestBody.content['application/json'].schema.properties.method.enum).toEqual(['pickup', 'dropoff']);
  });
});

describe('the demo shop moves a return along its warehouse schedule', () => {
  let app: FastifyInstance;
  // A Wednesday morning in Shanghai; the clock moves forward as the test says.
  let clock = new Date('2026-11-25T02:00:00Z');

  beforeAll(async () => {
    app = await buildDemoEnterpriseApp({ secret: SECRET, store: EnterpriseStore.inMemory(() => clock), now: () => clock });
  });
  afterAll(() => app.close());

  function call(method: 'GET' | 'POST', url: string, body?: unknown) {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const timestamp = String(Date.now());
    const signature = createHmac('sha256', SECRET).update(`${timestamp}\n${method}\n${url}\n${payload}`).digest('hex');
    const headers: Record<string, string> = { 'x-zhida-timestamp': timestamp, 'x-zhida-signature': signature, 'idempotency-key': 'k-1' };
    if (payload) headers['content-type'] = 'application/json';
    return app.inject({ method, url, payload: payload || undefined, headers });
  }

  it('has no refund while the parcel waits, a refund under way once it left, and the refund paid after approval', async () => {
    const filed = await call('POST', '/t/s/returns', { orderNo: orders.returnable, reason: '尺码不合适', method: 'pickup' });
    expect(filed.statusCode, filed.body).toBe(201);
    const rma = (filed.json() as { rmaNumber: string }).rmaNumber;
    expect((await call('GET', `/t/s/orders/${orders.returnable}/refund`)).json()).toMatchObject({ error: { code: 'refund_awaiting_return' } });
    const returnOf = async () => ((await call('GET', '/t/s/customer-records?customerId=shopper-001')).json() as { returns: { reference: string; status: string }[] }).returns.find((r) => r.reference === rma);
    expect(await returnOf()).toMatchObject({ status: 'submitted' });

    // Thursday evening the courier has collected it (the next working day, 18:00).
    clock = new Date('2026-11-26T12:00:00Z');
    expect((await call('GET', `/t/s/orders/${orders.returnable}/refund`)).json()).toMatchObject({ status: 'processing', amountCents: 549900, channel: '原支付账户（原路退回）', expectedDate: '2026-12-01' });
    expect(await returnOf()).toMatchObject({ status: 'shipped_back' });

    // Received Friday, approved Monday, refunded Tuesday 10:00.
    clock = new Date('2026-12-01T03:00:00Z');
    expect((await call('GET', `/t/s/orders/${orders.returnable}/refund`)).json()).toMatchObject({ status: 'completed', refundedAt: '2026-12-01T02:00:00.000Z' });
    expect(await returnOf()).toMatchObject({ status: 'refunded' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SelfServiceFailure } from '../selfservice-failure.js';
import { FAKE_CRM_SECRET, FakeCrm } from '../test-support/fake-crm.js';
import { HttpEnterpriseClient } from './http-enterprise-client.js';
import { HttpOrderConnector } from './http-order-connector.js';
import { HttpReturnConnector } from './http-return-connector.js';

const ctx = { tenantId: 't', conversationId: 'c', now: new Date('2026-11-25T02:00:00Z'), idempotencyKey: 'c:a1.create' };

describe('HTTP connectors against a shop backend', () => {
  let crm: FakeCrm;
  let client: HttpEnterpriseClient;
  beforeAll(async () => {
    crm = await new FakeCrm().start();
    client = new HttpEnterpriseClient({ baseUrl: crm.url, secret: FAKE_CRM_SECRET, sleep: async () => {} });
  });
  afterAll(async () => {
    await crm.stop();
  });

  it('reads an order and turns a 404 into "no such order"', async () => {
    const orders = new HttpOrderConnector(() => client);
    expect(await orders.get(ctx, 'E20261118000001')).toMatchObject({ itemSummary: 'iPhone 15 128GB 黑色 ×1', status: 'delivered', deliveredAt: new Date('2026-11-23T02:00:00Z') });
    expect(await orders.get(ctx, 'E20990101000001')).toBeNull();
  });

  it('files a return once per idempotency key', async () => {
    const returns = new HttpReturnConnector(() => client);
    const first = await returns.createReturn(ctx, { orderNo: 'E20261118000001', reason: 'size', method: 'dropoff' });
    const again = await returns.createReturn(ctx, { orderNo: 'E20261118000001', reason: 'size', method: 'dropoff' });
    expect(again).toEqual(first);
    expect(crm.returnsFiled).toBe(1);
  });

  it('hands the backend’s refusal code to the flow', async () => {
    const returns = new HttpReturnConnector(() => client);
    const error = await returns.createReturn({ ...ctx, idempotencyKey: 'c:a2' }, { orderNo: 'E20990101000001', reason: 'size', method: 'dropoff' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SelfServiceFailure);
    expect(error).toMatchObject({ code: 'not_eligible', message: '该订单不支持退货' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { identityHash } from '../widget/identity-verifier.js';
import { DemoTicketConnector } from './demo/demo-ticket-connector.js';
import { DEMO_SHOPPER_ID, demoTryThis, seedDemoEnterprise } from './demo/seed-demo-enterprise.js';
import { asSelfServiceDb, type SelfServiceDb } from './self-service-db.js';

const backends = await testBackends();
const SECRET = 'records-identity-secret';

describe.each(backends)('who a demo record belongs to (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let db: SelfServiceDb;

  beforeAll(async () => {
    t = await TestApp.start(backend);
    shop = await t.createTenant('owner-shop');
    await t.app.zhida.tenants.setIdentityVerification(shop.id, 'optional', SECRET);
    db = asSelfServiceDb(t.app.zhida.database.db);
  });
  afterAll(() => t.close());

  const ticketOwner = (conversationId: string) => t.as(shop, () => ticketOwnerOf(conversationId));
  const ticketOwnerOf = async (conversationId: string) => {
    const { ticketNumber } = await new DemoTicketConnector(db).create({ tenantId: shop.id, conversationId, now: new Date() }, { category: 'complaint', description: '包装破损' });
    const row = await db.selectFrom('demo_service_requests').select('customer_id').where('tenant_id', '=', shop.id).where('reference', '=', ticketNumber).executeTakeFirstOrThrow();
    return row.customer_id;
  };

  it("files a verified visitor's ticket under their user id", async () => {
    const visitor = await t.startVisitor(shop, { userId: 'member-7', userHash: identityHash(SECRET, 'member-7') });
    expect(await ticketOwner(visitor.conversationId)).toBe('member-7');
  });

  it('files an unverified or anonymous visitor’s ticket under no one, whatever userId they claim', async () => {
    expect(await ticketOwner((await t.startVisitor(shop, { userId: 'member-7' })).conversationId)).toBeNull();
    expect(await ticketOwner((await t.startVisitor(shop)).conversationId)).toBeNull();
  });

  it('seeds the shop’s orders for the demo shopper, and gives pre-0005 orders back to them on the next start', async () => {
    await seedDemoEnterprise(t.app.zhida.database.db, shop.id, 'ecommerce');
    const owners = async () => (await t.as(shop, () => db.selectFrom('demo_orders').select('customer_id').where('tenant_id', '=', shop.id).execute())).map((o) => o.customer_id);
    expect(await owners()).toEqual(Object.values(demoTryThis.ecommerce).map(() => DEMO_SHOPPER_ID));
    await t.as(shop, () => db.updateTable('demo_orders').set({ customer_id: null }).where('tenant_id', '=', shop.id).execute());
    await seedDemoEnterprise(t.app.zhida.database.db, shop.id, 'ecommerce');
    expect(new Set(await owners())).toEqual(new Set([DEMO_SHOPPER_ID]));
  });
});

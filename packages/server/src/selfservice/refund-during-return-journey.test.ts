import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingLogger, RecordingSms } from './test-support/selfservice-fixture.js';
import { provisionTemplateTenant, widgetChat } from '../test-support/template-tenant.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { demoTryThis } from '@zhida/demo-enterprise';
import { enterpriseConnectors } from './http/enterprise-connectors.js';
import { SelfServiceActions } from './self-service-actions.js';

// The ecommerce template's refund flow, the real NLU and the demo shop, through the widget.
describe('asking for the refund while the return is still on its way back, end to end', () => {
  let t: TestApp;
  let shop: TestTenant;

  beforeAll(async () => {
    t = await TestApp.start('pglite', {}, { demoEnterprise: true });
    shop = await provisionTemplateTenant(t, { slug: 'refund-shop', name: '示例商城', template: 'ecommerce' });
  });
  afterAll(() => t?.close());

  it('says where the return stands instead of offering to file it again', async () => {
    const chat = await widgetChat(t, shop);
    const order = demoTryThis.ecommerce.returnable;
    const db = t.app.zhida.database.db;
    const actions = new SelfServiceActions({ db, sms: new RecordingSms(), log: new RecordingLogger(), connectors: enterpriseConnectors(t.demoEnterprise!.backend) });
    const filed = await t.as(shop, async () => {
      const { visitor_id } = await db.selectFrom('conversations').select('visitor_id').where('id', '=', chat.conversationId).executeTakeFirstOrThrow();
      return actions.execute(
        { tenantId: shop.id, conversationId: chat.conversationId, visitorId: visitor_id, now: new Date() },
        { id: 'journey.return', name: 'returns.create', args: { orderId: order, reason: 'size', method: 'pickup' } },
      );
    });
    if (!filed.ok) throw new Error(`return not filed: ${filed.error.code}`);
    const rma = filed.data.rmaNumber as string;

    expect(await chat.sayText('我的退款到哪了')).toContain('订单号');
    const answer = await chat.sayText(order);
    expect(answer).toContain(rma);
    expect(answer).toContain('已提交');
    expect(answer).toContain('验收通过后，退款将原路退回');
    expect(answer).not.toContain('没有退款记录');
  });
});

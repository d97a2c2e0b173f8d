import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChatDesk } from '../handoff/test-support/chat-desk.js';
import { provisionTemplateTenant, widgetChat } from '../test-support/template-tenant.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';

describe('the assistant bot on the e-commerce template', () => {
  let t: TestApp;
  let shop: TestTenant;

  beforeAll(async () => {
    t = await TestApp.start('pglite');
    shop = await provisionTemplateTenant(t, { slug: 'bot-shop', name: '示例商城', template: 'ecommerce' });
  });
  afterAll(() => t.close());

  const conversation = () => widgetChat(t, shop);

  it('welcomes with the template greeting and a menu', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: shop.slug } });
    const welcome = res.json().messages[0];
    expect(welcome.text).toContain('小智');
    expect(welcome.quickReplies.length).toBeGreaterThan(1);
  });

  it('speaks English to a visitor whose widget says data-locale="en"', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: shop.slug, locale: 'en' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().messages[0].text).toMatch(/[A-Za-z]{3,}/);
    expect(res.json().messages[0].text).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers "怎么退货" from the knowledge base', async () => {
    const c = await conversation();
    const replies = await c.say('怎么退货');
    expect(replies.map((r) => r.text).join('\n')).toMatch(/退货/);
  });

  it('asks one clarifying question for a vague request', async () => {
    const c = await conversation();
    const [reply] = await c.say('我的订单有问题');
    expect(reply!.meta.kind).toBe('clarified');
    expect(reply!.quickReplies.length).toBeGreaterThanOrEqual(3);
  });

  it('hands a high-risk complaint to a human at once', async () => {
    await (await ChatDesk.open(t.app.zhida.database.db, shop.id, { isDefault: true })).agent('值班客服');
    const c = await conversation();
    const replies = await c.say('你们太过分了，再不处理我就去12315投诉！');
    expect(replies[0]!.meta.handoff).toMatchObject({ reason: 'high_risk' });
    const conv = await t.as(shop, () => t.app.zhida.conversations.get({ tenantId: shop.id }, c.conversationId));
    expect(conv.handoff).toBe(true);
  });

  it('answers "运费谁出" and starts the return for "我想退货，运费谁出", recording both', async () => {
    const faqs = await t.as(shop, () => t.app.zhida.faqs.list({ tenantId: shop.id }));
    const shippingFee = faqs.find((f) => f.question === '退货运费谁承担？');
    if (!shippingFee) throw new Error('the ecommerce template has no return shipping fee FAQ');
    const c = await conversation();
    const replies = await c.say('我想退货，运费谁出');
    expect(replies[0]!.text).toBe(shippingFee.answer);
    expect(replies.at(-1)!.text).toMatch(/订单号/);
    expect(replies[0]!.meta.record).toMatchObject({ intent: 'return_request', faqId: shippingFee.id, flowId: 'ecommerce.return' });
    // The return goes on with the order number as its next answer.
    const next = await c.say('E202611250001');
    expect(next[0]!.meta.record).toMatchObject({ flowId: 'ecommerce.return', faqId: null });
  });

  it('parses the clauses of "帮我退货，另外多久发货" on their own: the whole message hits no FAQ, its second clause does', async () => {
    const faqs = await t.as(shop, () => t.app.zhida.faqs.list({ tenantId: shop.id }));
    const deliveryTime = faqs.find((f) => f.question === '下单后多久发货，多久能到？');
    if (!deliveryTime) throw new Error('the ecommerce template has no delivery time FAQ');
    const c = await conversation();
    const replies = await c.say('帮我退货，另外多久发货');
    expect(replies[0]!.text).toBe(deliveryTime.answer);
    expect(replies[0]!.meta.record).toMatchObject({ intent: 'return_request', faqId: deliveryTime.id, flowId: 'ecommerce.return' });
  });

  it('hands the dialogue each clause with its own speech act: "帮我退货" a request, "多久发货" a question', async () => {
    const brain = await t.as(shop, () => t.app.zhida.brains.get({ tenantId: shop.id }));
    const handle = vi.spyOn(brain.dialogue, 'handle');
    try {
      const c = await conversation();
      await c.say('帮我退货，另外多久发货');
      const event = handle.mock.calls.map((call) => call[1]).find((e) => e.type === 'user');
      if (event?.type !== 'user') throw new Error('the dialogue got no user event');
      expect(event.clauses?.map((clause) => (clause.nlu as { act?: { label: string } }).act?.label)).toEqual(['request', 'question']);
    } finally {
      handle.mockRestore();
    }
  });

  it('records the turn for analytics', async () => {
    const c = await conversation();
    const [reply] = await c.say('我要退货');
    expect(reply!.meta.record).toMatchObject({ intent: 'return_request' });
  });
});

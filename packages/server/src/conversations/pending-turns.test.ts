import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestApp, type TestTenant } from '../test-support/test-app.js';

/** What the holder of a conversation's turn lock does with visitor messages still waiting for the bot. */
describe('pending bot turns (pglite)', () => {
  let t: TestApp;
  let shop: TestTenant;

  beforeAll(async () => {
    t = await TestApp.start('pglite');
    shop = await t.createTenant('pending-shop');
    await t.addFaq(shop, '怎么退货？', '退货流程：在「我的订单」中申请售后，选择退货退款。', ['如何退货']);
    await t.addFaq(shop, '发票怎么开？', '下单时选择电子发票，订单完成后可在订单详情下载。', ['怎么开发票']);
  });
  afterAll(() => t.close());

  const send = (conversationId: string, headers: Record<string, string>, text: string, clientMsgId: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${conversationId}/messages`, headers, payload: { text, clientMsgId } });
  const transcript = async (conversationId: string, headers: Record<string, string>) =>
    (await t.app.inject({ url: `/api/v1/widget/conversations/${conversationId}/messages?afterSeq=0`, headers })).json().items as { id: string; seq: number; senderType: string; text: string; meta: { replyTo?: string } }[];

  it('answers a message whose send died before its turn when the next message comes, before that one', async () => {
    const v = await t.startVisitor(shop);
    const bot = t.app.zhida.bot;
    const respond = bot.respond.bind(bot);
    // The first send's turn fails (its node died, a bug): stored and acknowledged, never answered.
    const once = vi.spyOn(bot, 'respond').mockRejectedValueOnce(new Error('node died mid-turn'));
    expect((await send(v.conversationId, v.headers, '如何退货', 'a')).statusCode).toBe(500);
    once.mockImplementation(respond);
    const next = await send(v.conversationId, v.headers, '怎么开发票', 'b');
    expect(next.statusCode).toBe(201);
    expect(next.json().replies.map((r: { text: string }) => r.text).join()).toContain('电子发票');
    const messages = await transcript(v.conversationId, v.headers);
    const idOf = (text: string) => messages.find((m) => m.text === text)!.id;
    const answers = messages.filter((m) => m.senderType === 'bot' && m.meta.replyTo).map((m) => m.meta.replyTo);
    expect(answers).toEqual([idOf('如何退货'), idOf('怎么开发票')]);
    once.mockRestore();
  });

  it('skips an earlier message whose turn keeps failing instead of blocking every later one', async () => {
    const v = await t.startVisitor(shop);
    const bot = t.app.zhida.bot;
    const respond = bot.respond.bind(bot);
    const spy = vi.spyOn(bot, 'respond').mockImplementation(async (ctx, input) => {
      if (input.text === '毒') throw new Error('a message the bot cannot handle');
      return respond(ctx, input);
    });
    try {
      expect((await send(v.conversationId, v.headers, '毒', 'a')).statusCode).toBe(500);
      const next = await send(v.conversationId, v.headers, '如何退货', 'b');
      expect(next.statusCode).toBe(201);
      expect(next.json().replies[0].text).toContain('退货流程');
    } finally {
      spy.mockRestore();
    }
  });

  it('leaves messages sent while a human has the conversation to the human, also after the bot is back', async () => {
    const v = await t.startVisitor(shop);
    const staff = await t.login(shop, 'agent');
    await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${v.conversationId}/messages`, headers: staff.headers, payload: { text: '您好，我是客服小王', clientMsgId: 'agent-1' } });
    expect((await send(v.conversationId, v.headers, '如何退货', 'a')).json().replies).toEqual([]);
    await t.as(shop, () => t.app.zhida.conversationRepo.update({ tenantId: shop.id }, v.conversationId, { handoff: false }));
    const next = await send(v.conversationId, v.headers, '怎么开发票', 'b');
    expect(next.json().replies.map((r: { text: string }) => r.text).join()).toContain('电子发票');
    const messages = await transcript(v.conversationId, v.headers);
    expect(messages.filter((m) => m.senderType === 'bot' && m.meta.replyTo)).toHaveLength(1);
  });
});

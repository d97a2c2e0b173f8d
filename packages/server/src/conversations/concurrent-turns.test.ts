import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { provisionTemplateTenant, type BotReply } from '../test-support/template-tenant.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';

const backends = await testBackends();

const ORDER = '20261118883301';

// PostgreSQL: two nodes (two buildApp on one schema), where the reported bug lives. PGlite: one
// node, one connection — its requests still interleave between their awaits.
const cases = [
  ...(backends.includes('postgres') ? [{ backend: 'postgres' as const, nodes: 2, conversations: 20 }] : []),
  { backend: 'pglite' as const, nodes: 1, conversations: 5 },
];

/**
 * A new customer in two tabs (or a channel that delivers in bursts): "我要退货" and the order number
 * arrive at once, then "尺码不合适". Each turn must start from the state the previous one left, so the
 * order number is never asked for again, and the replies come in the order of the messages.
 */
describe.each(cases)('bot turns of one conversation on $backend with $nodes node(s)', ({ backend, nodes, conversations: CONVERSATIONS }) => {
  let first: TestApp;
  let second: TestApp;
  let shop: TestTenant;

  beforeAll(async () => {
    first = await TestApp.start(backend, { logLevel: 'error' }, { demoEnterprise: true });
    second = nodes === 2 ? await TestApp.startSharing(first) : first;
    shop = await provisionTemplateTenant(first, { slug: 'burst-shop', name: '示例商城', template: 'ecommerce' });
    if (second !== first) await second.as(shop, () => second.app.zhida.brains.ensureTraining({ tenantId: shop.id }));
    // Node 1 thinks a little slower (a GC pause, a slow connector): its turn is still running when
    // node 2's message arrives, as in the reported bursts. Without it this machine's timing decides.
    const bot = first.app.zhida.bot;
    const respond = bot.respond.bind(bot);
    vi.spyOn(bot, 'respond').mockImplementation(async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return respond(...args);
    });
  }, 600_000);
  afterAll(async () => {
    if (second !== first) await second?.closeShared();
    await first?.close();
  });

  /** Sends as the widget does: a 503 (a loaded machine's pool timing out) is retried with the same clientMsgId. */
  async function send(node: TestApp, conversationId: string, headers: Record<string, string>, text: string, clientMsgId: string): Promise<BotReply[]> {
    for (let attempt = 1; ; attempt++) {
      const res = await node.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${conversationId}/messages`, headers, payload: { text, clientMsgId } });
      if (res.statusCode === 201 || res.statusCode === 200) return res.json().replies as BotReply[];
      if (res.statusCode !== 503 || attempt >= 5) throw new Error(`message refused: ${res.statusCode} ${res.body}`);
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }

  /** Resolves once node 1 has stored the visitor's text, so the burst keeps its order while both turns overlap. */
  function stored(conversationId: string, text: string): Promise<void> {
    return new Promise((resolve) => {
      const off = first.app.zhida.events.on('message.created', (e) => {
        if (e.message.conversationId === conversationId && e.message.senderType === 'visitor' && e.message.text === text) {
          off();
          resolve();
        }
      });
    });
  }

  it(`keeps the order number sent together with "我要退货" in ${CONVERSATIONS} of ${CONVERSATIONS} conversations`, async () => {
    const lost: string[] = [];
    const outOfOrder: string[] = [];
    const visitors = [];
    for (let i = 0; i < CONVERSATIONS; i++) visitors.push(await first.startVisitor(shop, {}, `10.88.${i}.1`));
    // In waves of five: the race is inside each conversation, and a loaded machine must not time out the pools instead.
    for (let wave = 0; wave < CONVERSATIONS; wave += 5) {
      await Promise.all(visitors.slice(wave, wave + 5).map(async (visitor, j) => {
        const i = wave + j;
        const returnStored = stored(visitor.conversationId, '我要退货');
        const returnTurn = send(first, visitor.conversationId, visitor.headers, '我要退货', 'a');
        await returnStored;
        const orderTurn = send(second, visitor.conversationId, visitor.headers, ORDER, 'b');
        const [toReturn, toOrder] = await Promise.all([returnTurn, orderTurn]);
        const toReason = await send(i % 2 === 0 ? first : second, visitor.conversationId, visitor.headers, '尺码不合适', 'c');
        const said = (replies: BotReply[]) => replies.map((r) => `${r.text} [${(r.meta.record as { flowId?: string } | undefined)?.flowId ?? '-'}]`).join(' / ');
        const transcript = `#${i}: 我要退货 → ${said(toReturn)} | ${ORDER} → ${said(toOrder)} | 尺码不合适 → ${said(toReason)}`;
        // The order number answers the return's question, and the reason is not met with that question again.
        const inReturn = (replies: BotReply[]) => replies.some((r) => (r.meta.record as { flowId?: string } | undefined)?.flowId === 'ecommerce.return');
        if (!inReturn(toOrder) || /订单号/.test(said(toReason))) lost.push(transcript);
        // Every bot reply follows the visitor message it answers, in seq order.
        const res = await first.app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${visitor.conversationId}/messages?afterSeq=0`, headers: visitor.headers });
        const messages = res.json().items as { id: string; seq: number; senderType: string; meta: { replyTo?: string } }[];
        const seqOf = new Map(messages.map((m) => [m.id, m.seq]));
        const answered = messages.filter((m) => m.senderType === 'bot' && m.meta.replyTo).map((m) => seqOf.get(m.meta.replyTo!) ?? -1);
        if (answered.some((seq, k) => k > 0 && seq < answered[k - 1]!)) outOfOrder.push(transcript);
      }));
    }
    expect(lost, lost.join('\n')).toEqual([]);
    expect(outOfOrder, outOfOrder.join('\n')).toEqual([]);
  }, 600_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../auth/secret-token.js';
import { ChatDesk } from '../handoff/test-support/chat-desk.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';

const backends = await testBackends();

describe.each(backends)('conversations and messages (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;

  beforeAll(async () => {
    t = await TestApp.start(backend);
    shop = await t.createTenant('shop');
    await t.addFaq(shop, '怎么退货？', '退货流程：在「我的订单」中申请售后，选择退货退款，审核通过后预约上门取件。', ['退货流程是什么', '如何申请退货']);
    await t.addFaq(shop, '发票怎么开？', '下单时选择电子发票，订单完成后可在订单详情下载。', ['怎么开发票']);
  });
  afterAll(() => t.close());

  const send = (conversationId: string, headers: Record<string, string>, text: string, clientMsgId: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${conversationId}/messages`, headers, payload: { text, clientMsgId } });

  it('greets a new visitor with a welcome message', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: 'shop' } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.visitorToken.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    expect(body.messages[0]).toMatchObject({ seq: 1, senderType: 'bot' });
    expect(body.messages[0].text).toMatch(/您好/);
  });

  it('records the channel an app names when it starts through @zhida/client, and refuses a channel it may not claim', async () => {
    const app = await t.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: 'shop', channel: 'app' } });
    expect(app.statusCode).toBe(201);
    const conversation = await t.as(shop, () => t.app.zhida.conversations.get({ tenantId: shop.id }, app.json().conversationId));
    expect(conversation.channel).toBe('app');
    const wechat = await t.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: 'shop', channel: 'wechat_mp' } });
    expect(wechat.statusCode).toBe(400);
  });

  it('answers a question from the knowledge base', async () => {
    const v = await t.startVisitor(shop);
    const res = await send(v.conversationId, v.headers, '如何退货', 'q-1');
    expect(res.statusCode).toBe(201);
    const { message, replies } = res.json();
    expect(message).toMatchObject({ senderType: 'visitor', text: '如何退货', seq: 2 });
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toContain('退货流程');
    expect(replies[0].meta.replyTo).toBe(message.id);
  });

  it('asks to rephrase when it has no answer, then offers a human', async () => {
    const v = await t.startVisitor(shop);
    const first = (await send(v.conversationId, v.headers, '量子力学的基本假设有哪些', 'q-2')).json();
    expect(first.replies[0].meta.kind).toBe('fallback');
    expect(first.replies[0].text).toMatch(/换个说法/);
    const second = (await send(v.conversationId, v.headers, '薛定谔方程怎么推导', 'q-3')).json();
    expect(second.replies[0].quickReplies).toContain('转人工');
  });

  it('suggests a close FAQ rather than guessing', async () => {
    const v = await t.startVisitor(shop);
    const { replies } = (await send(v.conversationId, v.headers, '我想退货怎么办', 'q-4')).json();
    const offered = [replies[0].text, ...replies[0].quickReplies].join(' ');
    expect(offered).toMatch(/退货/);
  });

  it('hands off to a human on request, after which the bot stays quiet', async () => {
    // Someone must be there to hand off to (with nobody online the bot says so and keeps answering: handoff/handoff-flow.test.ts).
    const desk = await ChatDesk.open(t.app.zhida.database.db, shop.id);
    await desk.agent('值班客服');
    const v = await t.startVisitor(shop);
    const first = (await send(v.conversationId, v.headers, '转人工', 'h-1')).json();
    expect(first.replies[0].meta.kind).toBe('handoff');
    const conv = await t.as(shop, () => t.app.zhida.conversations.get({ tenantId: shop.id }, v.conversationId));
    expect(conv.handoff).toBe(true);
    const second = (await send(v.conversationId, v.headers, '怎么退货', 'h-2')).json();
    expect(second.replies).toEqual([]);
  });

  it('stores a retried clientMsgId once and returns identical acks', async () => {
    const v = await t.startVisitor(shop);
    const acks = [];
    for (let i = 0; i < 3; i++) acks.push(await send(v.conversationId, v.headers, '发票怎么开', 'same-id'));
    expect(acks.map((a) => a.statusCode)).toEqual([201, 200, 200]);
    expect(new Set(acks.map((a) => a.json().message.id)).size).toBe(1);
    expect(acks[2]!.json().replies).toEqual(acks[0]!.json().replies);
    const all = (await t.app.inject({ url: `/api/v1/widget/conversations/${v.conversationId}/messages`, headers: v.headers })).json().items;
    expect(all.filter((m: { clientMsgId: string }) => m.clientMsgId === 'same-id')).toHaveLength(1);
    expect(all).toHaveLength(3); // welcome, question, answer
  });

  it("stores a bot turn's replies with consecutive seqs together with its state, once", async () => {
    const v = await t.startVisitor(shop);
    const repo = t.app.zhida.conversationRepo;
    const ctx = { tenantId: shop.id };
    const replies = ['第一句', '第二句', '第三句'].map((text, i) => ({ text, clientMsgId: `bot:test:${i}`, quickReplies: i === 2 ? ['是', '否'] : [], meta: { n: i } }));
    const first = await t.as(shop, () => repo.appendBotTurn(ctx, v.conversationId, replies, { step: 'asked' }));
    expect(first.created).toBe(true);
    expect(first.messages.map((m) => [m.seq, m.text, m.sender_type])).toEqual([
      [2, '第一句', 'bot'],
      [3, '第二句', 'bot'],
      [4, '第三句', 'bot'],
    ]);
    expect(first.messages[2]!.quick_replies).toEqual(['是', '否']);
    expect(await t.as(shop, () => repo.getBotState(ctx, v.conversationId))).toEqual({ step: 'asked' });
    // The same turn again (a retry racing the first) stores nothing and leaves the state alone.
    const again = await t.as(shop, () => repo.appendBotTurn(ctx, v.conversationId, replies, { step: 'other' }));
    expect(again.created).toBe(false);
    expect(again.messages.map((m) => m.id)).toEqual(first.messages.map((m) => m.id));
    expect(await t.as(shop, () => repo.getBotState(ctx, v.conversationId))).toEqual({ step: 'asked' });
    // Another tenant's id is not found, and nothing is written there.
    const other = await t.createTenant('shop-other-turn');
    await expect(t.as(other, () => repo.appendBotTurn({ tenantId: other.id }, v.conversationId, [{ ...replies[0]!, clientMsgId: 'bot:x:0' }], null))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('accepts a visitor token that happens to start like an API key (zk_)', async () => {
    const v = await t.startVisitor(shop);
    // One random token in 64³ starts with "zk_"; give this visitor such a token.
    const token = 'zk_' + v.token.slice(3);
    await t.as(shop, () => t.app.zhida.database.db.updateTable('visitors').set({ token_hash: hashToken(token) }).where('token_hash', '=', hashToken(v.token)).execute());
    const res = await send(v.conversationId, { authorization: `Bearer ${token}` }, '发票怎么开', 'zk-visitor');
    expect(res.statusCode).toBe(201);
    expect((await send(v.conversationId, { authorization: `Bearer zk_${'x'.repeat(40)}` }, '发票怎么开', 'zk-wrong')).statusCode).toBe(401);
  });

  it('resolves a visitor token in the tenant it names, and still one issued before tokens named their tenant', async () => {
    const v = await t.startVisitor(shop);
    expect(v.token.startsWith(`${shop.id}.`)).toBe(true);
    expect((await send(v.conversationId, v.headers, '发票怎么开', 'named-1')).statusCode).toBe(201);
    // Another tenant's id in place of the visitor's: the hash no longer matches anywhere.
    const other = await t.createTenant('shop-other-token');
    const forged = `${other.id}${v.token.slice(shop.id.length)}`;
    expect((await send(v.conversationId, { authorization: `Bearer ${forged}` }, '发票怎么开', 'named-2')).statusCode).toBe(401);
    // An older token (no tenant in it) is found across tenants as before.
    const older = v.token.slice(shop.id.length + 1);
    await t.as(shop, () => t.app.zhida.database.db.updateTable('visitors').set({ token_hash: hashToken(older) }).where('token_hash', '=', hashToken(v.token)).execute());
    expect((await send(v.conversationId, { authorization: `Bearer ${older}` }, '发票怎么开', 'named-3')).statusCode).toBe(201);
    expect((await send(v.conversationId, v.headers, '发票怎么开', 'named-4')).statusCode).toBe(401);
  });

  it('gives concurrent senders strictly increasing seqs with no gaps', async () => {
    const v = await t.startVisitor(shop);
    const staff = await t.login(shop, 'agent');
    // Agents' sends do not run the bot, so exactly 50 messages are added.
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.app.inject({ method: 'POST', url: `/api/v1/conversations/${v.conversationId}/messages`, headers: staff.headers, payload: { text: `第${i}条`, clientMsgId: `c-${i}` } }),
      ),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const items = (await t.app.inject({ url: `/api/v1/conversations/${v.conversationId}/messages?limit=500`, headers: staff.headers })).json().items;
    expect(items.map((m: { seq: number }) => m.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
  });

  it('resyncs from afterSeq', async () => {
    const v = await t.startVisitor(shop);
    await send(v.conversationId, v.headers, '怎么退货', 'r-1');
    await send(v.conversationId, v.headers, '发票怎么开', 'r-2');
    const res = await t.app.inject({ url: `/api/v1/widget/conversations/${v.conversationId}/messages?afterSeq=3`, headers: v.headers });
    expect(res.json().items.map((m: { seq: number }) => m.seq)).toEqual([4, 5]);
  });

  it('lets a visitor token read only its own conversation', async () => {
    const a = await t.startVisitor(shop);
    const b = await t.startVisitor(shop);
    const read = await t.app.inject({ url: `/api/v1/widget/conversations/${b.conversationId}/messages`, headers: a.headers });
    expect(read.statusCode).toBe(404);
    const write = await send(b.conversationId, a.headers, 'hi', 'x-1');
    expect(write.statusCode).toBe(404);
    const staffRoute = await t.app.inject({ url: '/api/v1/conversations', headers: a.headers });
    expect(staffRoute.statusCode).toBe(401);
  });

  it('rejects a client-chosen or unknown visitor token', async () => {
    const v = await t.startVisitor(shop);
    const res = await send(v.conversationId, { authorization: 'Bearer my-own-token' }, 'hi', 'x-2');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });

  it('marks the conversation handed off and assigned when an agent replies', async () => {
    const v = await t.startVisitor(shop);
    const staff = await t.login(shop, 'agent');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${v.conversationId}/messages`, headers: staff.headers, payload: { text: '您好，我是客服李娜', clientMsgId: 'agent-1' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ senderType: 'agent', senderId: shop.users.agent.id });
    const conv = (await t.app.inject({ url: `/api/v1/conversations/${v.conversationId}`, headers: staff.headers })).json();
    expect(conv).toMatchObject({ handoff: true, assigneeId: shop.users.agent.id, lastMessage: { text: '您好，我是客服李娜', senderType: 'agent' } });
    const visitorView = (await t.app.inject({ url: `/api/v1/widget/conversations/${v.conversationId}/messages?afterSeq=1`, headers: v.headers })).json().items;
    expect(visitorView[0]).toMatchObject({ senderType: 'agent', text: '您好，我是客服李娜' });
  });

  describe('list paging (GET /api/v1/conversations with cursor)', () => {
    type Page = { items: { id: string; tenantId: string; status: string }[]; nextCursor: string | null };
    const list = async (headers: Record<string, string>, query: string): Promise<Page> => {
      const res = await t.app.inject({ url: `/api/v1/conversations?${query}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Page;
    };
    /** Follows nextCursor to the end; returns the ids of each page. */
    const pageAll = async (headers: Record<string, string>, query: string, from: string | null = null) => {
      const pages: string[][] = [];
      let cursor: string | null = from;
      do {
        const page: Page = await list(headers, `${query}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
        pages.push(page.items.map((c) => c.id));
        cursor = page.nextCursor;
        expect(pages.length).toBeLessThan(20);
      } while (cursor !== null);
      return pages;
    };
    const setUpdatedAt = (id: string, at: string) => t.system(() => t.app.zhida.database.db.updateTable('conversations').set({ updated_at: at as unknown as Date }).where('id', '=', id).execute());

    let pager: TestTenant;
    let staff: Awaited<ReturnType<TestApp['login']>>;
    const ids: string[] = [];

    beforeAll(async () => {
      pager = await t.createTenant('pager');
      staff = await t.login(pager, 'agent');
      for (let i = 0; i < 7; i++) ids.push((await t.startVisitor(pager, {}, `10.9.0.${i + 1}`)).conversationId);
    });

    it('pages 7 conversations by 3 as 3+3+1, in the order of one big page, with nextCursor null at the end', async () => {
      const all = await list(staff.headers, 'limit=200');
      expect(all.items).toHaveLength(7);
      expect(all.nextCursor).toBeNull();
      const pages = await pageAll(staff.headers, 'limit=3');
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(all.items.map((c) => c.id));
      expect(new Set(pages.flat()).size).toBe(7);
      // Exactly `limit` rows left: the page that ends them says so.
      expect((await list(staff.headers, 'limit=7')).nextCursor).toBeNull();
      expect((await list(staff.headers, 'limit=6')).nextCursor).not.toBeNull();
      const doc = (await t.app.inject({ url: '/docs/json' })).json();
      const listDoc = JSON.stringify(doc.paths['/api/v1/conversations'].get);
      expect(listDoc).toContain('nextCursor');
      expect(listDoc).toContain('"cursor"');
    });

    it('keeps ties stable by id and does not lose rows that differ only in microseconds', async () => {
      const times = ['2030-01-01T00:00:05.000000Z', '2030-01-01T00:00:04.000000Z', '2030-01-01T00:00:04.000000Z', '2030-01-01T00:00:04.000000Z', '2030-01-01T00:00:03.123900Z', '2030-01-01T00:00:03.123400Z', '2030-01-01T00:00:03.123100Z'];
      for (const [i, id] of ids.entries()) await setUpdatedAt(id, times[i]!);
      const ties = ids.slice(1, 4).sort().reverse();
      const expected = [ids[0]!, ...ties, ids[4]!, ids[5]!, ids[6]!];
      expect((await list(staff.headers, 'limit=200')).items.map((c) => c.id)).toEqual(expected);
      for (const limit of [1, 2, 3, 5]) expect((await pageAll(staff.headers, `limit=${limit}`)).flat()).toEqual(expected);
    });

    it('combines the status filter with the cursor', async () => {
      const closed = [ids[1]!, ids[3]!, ids[5]!];
      await t.system(() => t.app.zhida.database.db.updateTable('conversations').set({ status: 'closed' }).where('id', 'in', closed).execute());
      for (const status of ['open', 'closed'] as const) {
        const all = (await list(staff.headers, `status=${status}&limit=200`)).items;
        expect(all.every((c) => c.status === status)).toBe(true);
        const pages = await pageAll(staff.headers, `status=${status}&limit=2`);
        expect(pages.flat()).toEqual(all.map((c) => c.id));
        expect(pages.map((p) => p.length)).toEqual(status === 'open' ? [2, 2] : [2, 1]);
      }
      expect((await list(staff.headers, 'status=closed&limit=200')).items.map((c) => c.id).sort()).toEqual([...closed].sort());
    });

    it('answers 400 invalid_cursor to a malformed or tampered cursor, never a 500', async () => {
      const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
      const uuid = ids[0]!;
      const bad = [
        '',
        'not a cursor!!',
        'x'.repeat(5000),
        b64('hello'),
        b64([1, 2]),
        b64({ u: '2030-01-01T00:00:05.000000Z' }),
        b64({ u: 'yesterday', i: uuid }),
        b64({ u: '2030-02-30T00:00:00.000000Z', i: uuid }),
        b64({ u: '2030-01-01T25:00:00.000000Z', i: uuid }),
        b64({ u: '0000-01-01T00:00:00.000000Z', i: uuid }),
        b64({ u: '2030-01-01T00:00:05.000000Z', i: "x' or 1=1 --" }),
        b64({ u: "2030-01-01T00:00:05.000000Z'::timestamptz or true --", i: uuid }),
        b64({ u: '2030-01-01T00:00:05.000000Z', i: uuid, tenantId: pager.id }),
      ];
      for (const cursor of bad) {
        const res = await t.app.inject({ url: `/api/v1/conversations?limit=3&cursor=${encodeURIComponent(cursor)}`, headers: staff.headers });
        expect(res.statusCode, cursor).toBe(400);
        expect(res.json().error.code, cursor).toBe('invalid_cursor');
        expect(typeof res.json().error.message).toBe('string');
      }
    });

    it("never returns another tenant's rows for that tenant's cursor", async () => {
      const other = await t.createTenant('pager-other');
      const otherStaff = await t.login(other, 'agent');
      const otherIds = new Set<string>();
      for (let i = 0; i < 3; i++) otherIds.add((await t.startVisitor(other, {}, `10.9.1.${i + 1}`)).conversationId);
      const otherPage = await list(otherStaff.headers, 'limit=1');
      expect(otherPage.nextCursor).not.toBeNull();
      // Also a cursor positioned after this tenant's newest row (2030, set above).
      for (const id of otherIds) await setUpdatedAt(id, '2031-01-01T00:00:00.000000Z');
      const fromTheirs = await list(otherStaff.headers, 'limit=1');
      for (const cursor of [otherPage.nextCursor!, fromTheirs.nextCursor!]) {
        const pages = await pageAll(staff.headers, 'limit=2', cursor);
        const seen = pages.flat();
        expect(seen.some((id) => otherIds.has(id))).toBe(false);
        expect(seen.every((id) => ids.includes(id))).toBe(true);
      }
      // A cursor placed after everything of theirs gives this tenant all of its own rows and none of theirs.
      const beyond = Buffer.from(JSON.stringify({ u: '2099-01-01T00:00:00.000000Z', i: [...otherIds][0] })).toString('base64url');
      const res = await list(staff.headers, `limit=200&cursor=${beyond}`);
      expect(res.items.map((c) => c.id).sort()).toEqual([...ids].sort());
      expect(res.items.every((c) => c.tenantId === pager.id)).toBe(true);
    });
  });

  it('closes and reopens a conversation; a visitor message reopens it', async () => {
    const v = await t.startVisitor(shop);
    const staff = await t.login(shop, 'agent');
    const closed = await t.app.inject({ method: 'PATCH', url: `/api/v1/conversations/${v.conversationId}`, headers: staff.headers, payload: { status: 'closed' } });
    expect(closed.json().status).toBe('closed');
    const open = (await t.app.inject({ url: '/api/v1/conversations?status=open', headers: staff.headers })).json().items;
    expect(open.some((c: { id: string }) => c.id === v.conversationId)).toBe(false);
    await send(v.conversationId, v.headers, '还有问题', 'reopen-1');
    expect((await t.as(shop, () => t.app.zhida.conversations.get({ tenantId: shop.id }, v.conversationId))).status).toBe('open');
  });
});

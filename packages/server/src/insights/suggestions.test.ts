import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKbTestApp } from '../kb/articles/test-support/kb-test-app.js';
import type { StaffSession, TestApp, TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { FALLBACK_QUESTIONS } from './test-support/fallback-questions.js';

const backends = await testBackends();

type Suggestion = { id: string; kind: string; faqId: string | null; question: string; paraphrases: { text: string; count: number }[]; sampleCount: number; status: string };

describe.each(backends)('FAQ suggestions from unanswered questions (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let other: TestTenant;
  let editor: StaffSession;
  let pointsFaqId: string;

  /** Stores a visitor question and the bot reply the way ConversationService does (meta.replyTo). */
  const seedTurn = async (tenant: TestTenant, conversationId: string, question: string, meta: Record<string, unknown>) => {
    const repo = t.app.zhida.conversationRepo;
    const ctx = { tenantId: tenant.id };
    await t.as(tenant, async () => {
      const { message } = await repo.appendMessage(ctx, { conversationId, senderType: 'visitor', senderId: null, senderName: null, text: question, clientMsgId: null });
      await repo.appendMessage(ctx, { conversationId, senderType: 'bot', senderId: null, senderName: null, text: '抱歉，我没有理解', clientMsgId: null, meta: { ...meta, replyTo: message.id } });
    });
  };
  const fallback = { kind: 'fallback', record: { intent: null, confidence: null, outcome: 'fallback' } };

  beforeAll(async () => {
    ({ t } = await startKbTestApp(backend));
    shop = await t.createTenant('mining-shop');
    other = await t.createTenant('mining-other');
    editor = await t.login(shop, 'supervisor');
    pointsFaqId = (await t.addFaq(shop, '积分怎么兑换？', '积分可在「我的-积分商城」兑换商品或优惠券。', ['积分有什么用'])).id;
    const { conversationId } = await t.startVisitor(shop);
    for (const q of FALLBACK_QUESTIONS) await seedTurn(shop, conversationId, q, fallback);
    // A confident answer and a handoff request are not knowledge gaps; a low-confidence answer is.
    await seedTurn(shop, conversationId, '发货后多久能到货', { kind: 'answered', record: { intent: 'faq', confidence: 0.93, outcome: 'answered' } });
    await seedTurn(shop, conversationId, '转人工', { kind: 'handoff', record: { intent: null, confidence: 0.2, outcome: 'handoff' } });
    await seedTurn(shop, conversationId, '礼品卡能不能退', { kind: 'answered', record: { intent: 'faq', confidence: 0.41, outcome: 'answered' } });
    const otherVisitor = await t.startVisitor(other);
    await seedTurn(other, otherVisitor.conversationId, '礼品卡怎么用', fallback);
  });
  afterAll(() => t.close());

  const refresh = async (session = editor) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/kb/suggestions/refresh', headers: session.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { questions: number; items: Suggestion[] };
  };
  const accept = (id: string, payload?: object) => t.app.inject({ method: 'POST', url: `/api/v1/kb/suggestions/${id}/accept`, headers: editor.headers, ...(payload ? { payload } : {}) });

  it('mines fallbacks and low-confidence answers, clusters them and proposes FAQs', async () => {
    const { questions, items } = await refresh();
    expect(questions).toBe(FALLBACK_QUESTIONS.length + 1);
    const byTopic = (word: string) => items.find((s) => s.question.includes(word) || s.paraphrases.some((p) => p.text.includes(word)));
    expect(byTopic('发票')).toMatchObject({ kind: 'new_faq', sampleCount: 5, faqId: null });
    expect(byTopic('香港')).toMatchObject({ kind: 'new_faq', sampleCount: 4 });
    const gift = byTopic('礼品卡')!;
    expect(gift).toMatchObject({ kind: 'new_faq', question: '礼品卡怎么用' });
    expect(gift.paraphrases).toContainEqual({ text: '礼品卡能不能退', count: 1 });
    expect(byTopic('积分')).toMatchObject({ kind: 'paraphrase', faqId: pointsFaqId, question: '积分怎么兑换？' });
    expect(byTopic('积分')!.paraphrases.map((p) => p.text)).not.toContain('积分怎么兑换');
    expect(items.map((s) => s.question).join()).not.toMatch(/天气|机器人|量子|转人工|到货/);
  });

  it('accepts a new FAQ that the bot can then answer', async () => {
    const gift = (await refresh()).items.find((s) => s.question === '礼品卡怎么用')!;
    expect((await accept(gift.id)).statusCode).toBe(400); // a new FAQ needs an answer
    const answer = '礼品卡在结算页「使用礼品卡」处输入卡密即可抵扣。';
    const res = await accept(gift.id, { answer, category: '支付' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().faq).toMatchObject({ question: '礼品卡怎么用', answer, category: '支付' });
    expect(res.json().faq.paraphrases).toContain('怎么使用礼品卡');
    expect((await accept(gift.id, { answer })).statusCode).toBe(409);

    await t.as(shop, () => t.app.zhida.brains.ensureTraining({ tenantId: shop.id }));
    const v = await t.startVisitor(shop);
    const reply = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v.conversationId}/messages`, headers: v.headers, payload: { text: '礼品卡在哪里使用', clientMsgId: 'gift-1' } });
    expect(reply.json().replies.map((r: { text: string }) => r.text).join('\n')).toContain('输入卡密');
  });

  it('appends accepted paraphrases to the existing FAQ', async () => {
    const points = (await refresh()).items.find((s) => s.faqId === pointsFaqId)!;
    const before = await t.as(shop, () => t.app.zhida.faqs.version({ tenantId: shop.id }));
    const res = await accept(points.id);
    expect(res.statusCode, res.body).toBe(200);
    const faq = await t.as(shop, () => t.app.zhida.faqs.get({ tenantId: shop.id }, pointsFaqId));
    expect(faq.paraphrases).toEqual(['积分有什么用', ...points.paraphrases.map((p) => p.text)]);
    expect(await t.as(shop, () => t.app.zhida.faqs.version({ tenantId: shop.id }))).toBe(before + 1);
  });

  it('does not propose a rejected question again', async () => {
    const hk = (await refresh()).items.find((s) => s.question.includes('香港'))!;
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/kb/suggestions/${hk.id}/reject`, headers: editor.headers });
    expect(res.json().status).toBe('rejected');
    const { items } = await refresh();
    expect(items.map((s) => s.question).join()).not.toContain('香港');
    const rejected = (await t.app.inject({ url: '/api/v1/kb/suggestions?status=rejected', headers: editor.headers })).json().items;
    expect(rejected.map((s: Suggestion) => s.id)).toEqual([hk.id]);
  });

  it("keeps tenants apart: no foreign questions mined, no foreign suggestion decided", async () => {
    const otherAdmin = await t.login(other, 'admin');
    const theirs = await refresh(otherAdmin);
    expect(theirs.questions).toBe(1);
    const mine = (await refresh()).items[0]!;
    for (const action of ['accept', 'reject']) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/kb/suggestions/${mine.id}/${action}`, headers: otherAdmin.headers, payload: { answer: 'x' } });
      expect(res.statusCode, action).toBe(404);
    }
    const list = await t.app.inject({ url: '/api/v1/kb/suggestions', headers: otherAdmin.headers });
    expect(list.body).not.toContain(mine.id);
  });

  it('mines a real fallback turn of the bot', async () => {
    const fresh = await t.createTenant('mining-real');
    await t.addFaq(fresh, '怎么退货？', '在订单详情申请售后。');
    const v = await t.startVisitor(fresh);
    const sent = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v.conversationId}/messages`, headers: v.headers, payload: { text: '量子力学的基本假设有哪些', clientMsgId: 'real-1' } });
    expect(sent.json().replies[0].meta.kind).toBe('fallback');
    expect((await refresh(await t.login(fresh, 'admin'))).questions).toBe(1);
  });
});

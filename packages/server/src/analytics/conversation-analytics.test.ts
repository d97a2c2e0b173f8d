import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnRecord } from '@zhida/dialogue';
import { TenantScope } from '../db/tenant-scope.js';
import { SlaCalendarCache } from '../tickets/sla/sla-calendar-cache.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { BusinessSeconds } from './business-seconds.js';
import { ConversationAnalytics } from './conversation-analytics.js';

const backends = await testBackends();

const turn = (over: Partial<TurnRecord>): TurnRecord => ({ intent: null, confidence: null, emotion: null, flowId: null, step: null, outcome: 'answered', faqId: null, ...over });

// The turns after a conversation's first are written by one statement without the facts' lock: they must count exactly as locked ones did.
describe.each(backends)('bot turns of one conversation (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let conv: ConversationAnalytics;
  let conversationId: string;

  beforeAll(async () => {
    t = await TestApp.start(backend);
    shop = await t.createTenant('turns-shop');
    conv = new ConversationAnalytics(t.app.zhida.database.db, t.app.zhida.analytics.recorder, new BusinessSeconds(new SlaCalendarCache()));
    conversationId = (await t.startVisitor(shop, {}, '10.9.1.1')).conversationId;
    // The app's own listener records the start (and creates the facts).
    for (let i = 0; i < 100 && !(await facts()); i++) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(() => t.close());

  const query = <R>(q: ReturnType<typeof sql<R>>) => TenantScope.asTenant(shop.id, async () => (await q.execute(t.app.zhida.database.db)).rows);
  const facts = async () =>
    (await query(sql<{ bot_turns: number; visitor_messages: number; first_intent: string | null; last_intent: string | null }>`
      select bot_turns, visitor_messages, first_intent, last_intent from analytics_conversations where tenant_id = ${shop.id} and conversation_id = ${conversationId}`))[0];
  const events = async (type: string) => (await query(sql<{ n: number }>`select count(*)::int as n from analytics_events where tenant_id = ${shop.id} and conversation_id = ${conversationId} and type = ${type}`))[0]!.n;
  const cell = async (table: 'analytics_daily' | 'analytics_monthly', dimKind: string, dimKey: string, metric: string) =>
    Number((await query(sql<{ n: string | number }>`select coalesce(sum(count), 0) as n from ${sql.table(table)} where tenant_id = ${shop.id} and dim_kind = ${dimKind} and dim_key = ${dimKey} and metric = ${metric}`))[0]!.n);

  it('counts every turn once in the facts, the events and both rollups, also when turns and a handoff arrive together', async () => {
    const base = { tenantId: shop.id, conversationId, visitorId: '', question: '我的快递到哪了', flowBefore: null, flowAfter: null, handoffReason: null };
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 2, minute)).toISOString();
    // The first turn, under the lock: it is the one that decides `conversation.engaged`.
    await conv.botTurn({ ...base, records: [turn({ intent: '查物流', confidence: 0.9 })], at: at(0) });
    // Eight more at once (a burst on two nodes), one with two records and one with none of an intent, beside a handoff.
    const handoff = { tenantId: shop.id, requestId: crypto.randomUUID(), conversationId, reason: 'user_request' as const, priority: 3, groupId: null, offeredTo: null, offerExpiresAt: null, assignedTo: null };
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => conv.botTurn({ ...base, records: [turn({ intent: '退货', confidence: 0.8 })], at: at(1 + i) })),
      conv.botTurn({ ...base, records: [turn({ intent: '退货', confidence: 0.7 }), turn({ intent: '退货', outcome: 'handoff', confidence: 0.7 })], at: at(8) }),
      conv.botTurn({ ...base, question: '嗯', records: [turn({ outcome: 'fallback' })], at: at(9) }),
      conv.handoffChanged({ ...handoff, status: 'queued' }),
    ]);
    // A last one alone: its intent is the last intent; a turn without one leaves it.
    await conv.botTurn({ ...base, records: [turn({ intent: '发票', confidence: 0.95 })], at: at(10) });
    await conv.botTurn({ ...base, question: '好的', records: [turn({ outcome: 'fallback' })], at: at(11) });

    expect(await facts()).toEqual({ bot_turns: 11, visitor_messages: 11, first_intent: '查物流', last_intent: '发票' });
    expect(await events('bot.turn')).toBe(12);
    expect(await events('conversation.engaged')).toBe(1);
    expect(await events('handoff.requested')).toBe(1);
    for (const table of ['analytics_daily', 'analytics_monthly'] as const) {
      expect(await cell(table, 'all', '', 'bot.turn')).toBe(12);
      expect(await cell(table, 'intent', '退货', 'bot.turn')).toBe(8);
      expect(await cell(table, 'all', '', 'bot.turn:fallback')).toBe(2);
      expect(await cell(table, 'all', '', 'conversation.engaged:first')).toBe(1);
      // The unanswered questions are keyed by their text.
      expect(await cell(table, 'question', '好的', 'bot.turn')).toBe(1);
    }
  });
});

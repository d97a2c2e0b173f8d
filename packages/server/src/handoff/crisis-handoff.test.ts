import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantScope } from '../db/tenant-scope.js';
import { widgetChat } from '../test-support/template-tenant.js';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { staffedTemplateTenant } from './assist/test-support/agent-desk-fixture.js';
import type { ConversationContext } from './context/conversation-context-dto.js';
import { HANDOFF_PRIORITY, handoffDatabase } from './handoff-schema.js';
import { ChatDesk } from './test-support/chat-desk.js';

const backends = await testBackends();

// Issue #16 part 5: despair gets care and the crisis hotlines, and a person at the top of the queue.
describe.each(backends)('a visitor in crisis (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let agent: StaffSession;

  beforeAll(async () => {
    t = await TestApp.start(backend, {}, { demoEnterprise: true });
    shop = await staffedTemplateTenant(t, { slug: `crisis-${backend}`, template: 'ecommerce' });
    // One agent taking one chat at a time, so the second request waits in the queue behind or ahead of the first.
    const desk = await ChatDesk.open(t.app.zhida.database.db, shop.id, { isDefault: true });
    await desk.enlist(shop.users.agent.id, { maxChats: 1 });
    agent = await t.login(shop, 'agent');
    // Training the template tenant's model takes minutes on a busy shared machine.
  }, 600_000);
  afterAll(() => t.close());

  const requestOf = (conversationId: string) =>
    t.as(shop, () => handoffDatabase(t.app.zhida.database.db).selectFrom('handoff_requests').selectAll().where('tenant_id', '=', shop.id).where('conversation_id', '=', conversationId).executeTakeFirstOrThrow());

  it('answers with the hotlines, queues the chat at priority 0 ahead of earlier ones, and tells the agent why', async () => {
    const first = await widgetChat(t, shop);
    await first.say('转人工');
    const waiting = await widgetChat(t, shop);
    await waiting.say('转人工');
    expect((await requestOf(waiting.conversationId)).priority).toBe(HANDOFF_PRIORITY.normal);

    const crisis = await widgetChat(t, shop);
    const replies = await crisis.say('钱都被骗光了，活着真没意思了');
    const text = replies.map((r) => r.text).join('\n');
    expect(text).toContain('400-161-9995');
    expect(text).toContain('010-82951332');
    expect(text).not.toContain('您反映的情况我们非常重视');
    expect(replies.some((r) => r.meta.kind === 'handoff')).toBe(true);

    const request = await requestOf(crisis.conversationId);
    expect(request).toMatchObject({ reason: 'high_risk', priority: HANDOFF_PRIORITY.high_risk, status: 'queued' });
    // The agent's queue puts the crisis first although two others asked earlier.
    const queue = (await t.app.inject({ url: '/api/v1/handoff/queue', headers: agent.headers })).json().items as { conversationId: string }[];
    expect(queue[0]?.conversationId).toBe(crisis.conversationId);

    const context = (await t.app.inject({ url: `/api/v1/conversations/${crisis.conversationId}/context`, headers: agent.headers })).json() as ConversationContext;
    expect(context.understanding.risk.reasons[0]).toBe('self_harm');
    expect(context.summary).toContain('客户流露轻生念头，需立即关怀');
  });

  it('uses the tenant\'s own crisis reply when its bot configuration sets one', async () => {
    const ctx = { tenantId: shop.id };
    await TenantScope.asTenant(shop.id, async () => {
      const config = await t.app.zhida.botConfigs.get(ctx);
      if (!config) throw new Error('template tenant without bot configuration');
      const own = '我们很担心您，已为您最优先转接人工客服。本地心理援助热线：0571-85029595。';
      await t.app.zhida.botConfigs.put(ctx, { ...config, manifest: { ...config.manifest, crisisMessage: { zh: own, en: own } } });
      await t.app.zhida.brains.ensureTraining(ctx);
    });
    const chat = await widgetChat(t, shop);
    expect(await chat.sayText('我真的撑不下去了，不想活了')).toContain('0571-85029595');
  }, 600_000);
});

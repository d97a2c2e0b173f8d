import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { HandoffRefusedError } from './handoff-refused-error.js';
import { handoffDatabase } from './handoff-schema.js';
import { ChatDesk } from './test-support/chat-desk.js';

const backends = await testBackends();

/**
 * Two app nodes (two buildApp on one PostgreSQL schema, each with its own pool) enqueue, dispatch,
 * accept and close the same chats at once. Only PostgreSQL has concurrent sessions.
 */
describe.runIf(backends.includes('postgres'))('the handoff queue on two nodes (postgres)', () => {
  let first: TestApp;
  let second: TestApp;
  let tenant: TestTenant;
  const desks: ChatDesk[] = [];
  const capacity = new Map<string, number>();
  const conversations: string[] = [];
  const assignedEvents = new Map<string, number>();

  beforeAll(async () => {
    first = await TestApp.start('postgres');
    second = await TestApp.startSharing(first);
    tenant = await first.createTenant('rush-chat');
    const db = first.app.zhida.database.db;
    desks.push(await ChatDesk.open(db, tenant.id, { name: '售前', isDefault: true }), await ChatDesk.open(db, tenant.id, { name: '售后', intents: ['return_request'] }));
    // 13 slots in all; one agent works both desks with one limit for both.
    const limits = [2, 3, 1, 2, 2, 2, 1];
    for (const [i, limit] of limits.entries()) {
      const id = await desks[i % 2]!.agent(`客服${i + 1}`, { maxChats: limit });
      capacity.set(id, limit);
      if (i === 0) await desks[1]!.enlist(id, { maxChats: limit });
    }
    for (let i = 0; i < 40; i++) conversations.push((await first.startVisitor(tenant, {}, `10.77.${i}.1`)).conversationId);
    for (const node of [first, second]) {
      node.app.zhida.events.on('handoff.changed', (e) => {
        if (e.status === 'assigned') assignedEvents.set(e.requestId, (assignedEvents.get(e.requestId) ?? 0) + 1);
      });
    }
  });
  afterAll(async () => {
    await second?.closeShared();
    await first?.close();
  });

  const rows = () => first.as(tenant, () => handoffDatabase(first.app.zhida.database.db).selectFrom('handoff_requests').selectAll().where('tenant_id', '=', tenant.id).execute());

  async function expectWithinCapacity(): Promise<void> {
    const load = new Map<string, number>();
    for (const r of await rows()) {
      const holder = r.status === 'assigned' ? r.assigned_to : r.status === 'offered' ? r.offered_to : null;
      if (holder) load.set(holder, (load.get(holder) ?? 0) + 1);
    }
    for (const [agent, n] of load) expect(n, `load of ${agent}`).toBeLessThanOrEqual(capacity.get(agent)!);
    const active = (await rows()).filter((r) => ['queued', 'offered', 'assigned'].includes(r.status));
    expect(new Set(active.map((r) => r.conversation_id)).size).toBe(active.length);
  }

  it('never offers or assigns past capacity, and assigns each request once, with both nodes racing', async () => {
    const ctx = { tenantId: tenant.id };
    // Both nodes file the requests at once (each filing dispatches its group).
    await Promise.all(
      conversations.map((conversationId, i) => {
        const node = i % 2 === 0 ? first : second;
        return node.as(tenant, () => node.app.zhida.handoff.service.request(ctx, { conversationId, reason: i % 5 === 0 ? 'high_risk' : 'user_request', riskLevel: null, emotion: null, intent: i % 3 === 0 ? 'return_request' : null, locale: 'zh-CN' }));
      }),
    );
    await expectWithinCapacity();

    let accepted = 0;
    let refused = 0;
    for (let round = 0; round < 6; round++) {
      const offered = (await rows()).filter((r) => r.status === 'offered');
      const work: Promise<unknown>[] = [];
      for (const node of [first, second]) {
        for (const desk of desks) work.push(node.app.zhida.handoff.router.dispatch(tenant.id, desk.groupId));
        work.push(node.app.zhida.handoff.loop.tick());
        // Both nodes accept every offer on behalf of the offered agent: exactly one of each pair may win.
        for (const r of offered) {
          work.push(
            node.as(tenant, () =>
              node.app.zhida.handoff.service.accept({ tenantId: tenant.id, userId: r.offered_to!, name: '客服' }, r.id).then(
                () => accepted++,
                (err: unknown) => {
                  if (!(err instanceof HandoffRefusedError)) throw err;
                  refused++;
                },
              ),
            ),
          );
        }
      }
      await Promise.all(work);
      await expectWithinCapacity();
      // Free a few slots: both nodes close the same chats at once.
      const toClose = (await rows()).filter((r) => r.status === 'assigned').slice(0, 4);
      await Promise.all(
        toClose.flatMap((r) =>
          [first, second].map((node) => node.as(tenant, () => node.app.zhida.handoff.service.close(ctx, r.conversation_id, 'resolved'))),
        ),
      );
      await expectWithinCapacity();
    }

    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThanOrEqual(accepted);
    for (const [requestId, n] of assignedEvents) expect(n, requestId).toBe(1);
    const assignedRows = (await rows()).filter((r) => r.assigned_at !== null);
    expect(assignedRows.length).toBe(accepted);
    // Everyone closed or served or still waiting: nothing lost.
    const byConversation = new Map<string, string[]>();
    for (const r of await rows()) byConversation.set(r.conversation_id, [...(byConversation.get(r.conversation_id) ?? []), r.status]);
    expect(byConversation.size).toBe(40);
  });

  it('lets exactly one of two agents pull the same waiting chat', async () => {
    const ctx = { tenantId: tenant.id };
    // Empty the desks' hands so both have room, then file one more request while nobody is online.
    for (const r of (await rows()).filter((x) => ['queued', 'offered', 'assigned'].includes(x.status))) await first.as(tenant, () => first.app.zhida.handoff.service.close(ctx, r.conversation_id, 'resolved'));
    const agents = [...capacity.keys()];
    await first.as(tenant, () => handoffDatabase(first.app.zhida.database.db).updateTable('agent_profiles').set({ presence: 'away' }).where('tenant_id', '=', tenant.id).execute());
    const v = await first.startVisitor(tenant, {}, '10.78.0.1');
    await first.as(tenant, () => handoffDatabase(first.app.zhida.database.db).updateTable('agent_profiles').set({ presence: 'online' }).where('user_id', '=', agents[0]!).execute());
    const { requestId, status } = await first.as(tenant, () => first.app.zhida.handoff.service.request(ctx, { conversationId: v.conversationId, reason: 'user_request', riskLevel: null, emotion: null, intent: null, locale: 'zh-CN' }));
    expect(status).toBe('offered');
    // Withdraw the offer so the chat waits, then two online agents pull it on two nodes at once.
    await first.as(tenant, () => handoffDatabase(first.app.zhida.database.db).updateTable('handoff_requests').set({ status: 'queued', offered_to: null, offer_expires_at: null }).where('id', '=', requestId).execute());
    const pullers = agents.slice(1, 3);
    await first.as(tenant, () => handoffDatabase(first.app.zhida.database.db).updateTable('agent_profiles').set({ presence: 'online' }).where('user_id', 'in', pullers).execute());
    const outcomes = await Promise.allSettled(
      pullers.map((userId, i) => {
        const node = i === 0 ? first : second;
        return node.as(tenant, () => node.app.zhida.handoff.service.accept({ tenantId: tenant.id, userId, name: '客服' }, requestId));
      }),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const loser = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(HandoffRefusedError);
    expect((loser.reason as HandoffRefusedError).code).toBe('handoff_already_taken');
  });
});

/**
 * A dispatch that arrives while another still holds the agents (and the most urgent request) must read the queue only
 * after that one is done: reading it first, with SKIP LOCKED, it would pass over the locked high-risk request and give
 * the free agent a normal one.
 */
describe.runIf(backends.includes('postgres'))('a dispatch waiting behind another (postgres)', () => {
  let first: TestApp;
  let second: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    first = await TestApp.start('postgres');
    second = await TestApp.startSharing(first);
    tenant = await first.createTenant('queue-order');
  });
  afterAll(async () => {
    await second?.closeShared();
    await first?.close();
  });

  it('offers the high-risk request that was locked while it waited, not the normal one behind it', async () => {
    const db = handoffDatabase(first.app.zhida.database.db);
    const desk = await ChatDesk.open(first.app.zhida.database.db, tenant.id, { isDefault: true });
    const agent = await desk.agent('唯一客服', { maxChats: 1 });
    const [normal, urgent] = [crypto.randomUUID(), crypto.randomUUID()];
    await first.as(tenant, async () => {
      const older = (await first.startVisitor(tenant, {}, '10.78.0.1')).conversationId;
      const newer = (await first.startVisitor(tenant, {}, '10.78.0.2')).conversationId;
      await db
        .insertInto('handoff_requests')
        .values([
          { id: normal, tenant_id: tenant.id, conversation_id: older, group_id: desk.groupId, reason: 'user_request', priority: 3, status: 'queued', queued_at: new Date(Date.now() - 60_000) },
          { id: urgent, tenant_id: tenant.id, conversation_id: newer, group_id: desk.groupId, reason: 'high_risk', priority: 0, status: 'queued' },
        ])
        .execute();
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockHeld = new Promise<void>((resolve) => (locked = resolve));
    // Another node's dispatch in flight: it holds the agent and the urgent request, and ends without offering anything.
    const inFlight = first.as(tenant, () =>
      db.transaction().execute(async (trx) => {
        await trx.selectFrom('agent_profiles').select('user_id').where('user_id', '=', agent).forUpdate().execute();
        await trx.selectFrom('handoff_requests').select('id').where('id', '=', urgent).forUpdate().execute();
        locked();
        await released;
      }),
    );
    await lockHeld;
    const dispatched = second.app.zhida.handoff.router.dispatch(tenant.id, desk.groupId);
    // Give the second dispatch time to reach its locks; the order it must keep does not depend on how long this is.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await inFlight;
    const offered = await dispatched;
    expect(offered.map((r) => r.id)).toEqual([urgent]);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { handoffDatabase, type HandoffPriority } from './handoff-schema.js';
import { ChatDesk } from './test-support/chat-desk.js';

const backends = await testBackends();

describe.each(backends)('HandoffRouter.dispatch on the database (%s)', (backend) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await TestApp.start(backend);
  });
  afterAll(() => t.close());

  const db = () => handoffDatabase(t.app.zhida.database.db);

  async function waiting(tn: TestTenant, groupId: string, over: { priority: HandoffPriority; queuedAt: Date; skills?: string[]; skipped?: string[] }): Promise<string> {
    const visitor = await t.startVisitor(tn, {}, `10.66.${++n}.1`);
    const id = randomUUID();
    await t.as(tn, () =>
      db()
        .insertInto('handoff_requests')
        .values({
          id,
          tenant_id: tn.id,
          conversation_id: visitor.conversationId,
          group_id: groupId,
          reason: 'user_request',
          priority: over.priority,
          status: 'queued',
          queued_at: over.queuedAt,
          required_skills: JSON.stringify(over.skills ?? []),
          skipped_agents: JSON.stringify(over.skipped ?? []),
        })
        .execute(),
    );
    return id;
  }
  const status = (tn: TestTenant, id: string) => t.as(tn, () => db().selectFrom('handoff_requests').select(['status', 'offered_to', 'skipped_agents']).where('id', '=', id).executeTakeFirstOrThrow());

  it('serves priority before wait and never gives a lower-priority chat the slot a higher one could use', async () => {
    const tn = await t.createTenant(`router-${backend}-1`);
    const desk = await ChatDesk.open(t.app.zhida.database.db, tn.id);
    const agent = await desk.agent('唯一客服', { maxChats: 1, skills: ['信用卡'] });
    const early = new Date(Date.now() - 600_000);
    const normal = await waiting(tn, desk.groupId, { priority: 3, queuedAt: early });
    const urgent = await waiting(tn, desk.groupId, { priority: 0, queuedAt: new Date(), skills: ['信用卡'] });
    const offered = await t.app.zhida.handoff.router.dispatch(tn.id, desk.groupId);
    expect(offered.map((r) => r.id)).toEqual([urgent]);
    expect(await status(tn, urgent)).toMatchObject({ status: 'offered', offered_to: agent });
    expect((await status(tn, normal)).status).toBe('queued');
    // Full: dispatching again offers nothing more.
    expect(await t.app.zhida.handoff.router.dispatch(tn.id, desk.groupId)).toEqual([]);
  });

  it('skips offline agents and agents without the skill; clears the skip list when only a skipped agent remains', async () => {
    const tn = await t.createTenant(`router-${backend}-2`);
    const desk = await ChatDesk.open(t.app.zhida.database.db, tn.id);
    await desk.agent('离线', { presence: 'offline', skills: ['English'] });
    await desk.agent('不会英语', { skills: [] });
    const english = await desk.agent('会英语', { skills: ['English'] });
    const request = await waiting(tn, desk.groupId, { priority: 3, queuedAt: new Date(), skills: ['English'], skipped: [english] });
    await t.app.zhida.handoff.router.dispatch(tn.id, desk.groupId);
    expect(await status(tn, request)).toMatchObject({ status: 'offered', offered_to: english, skipped_agents: [] });
  });

  it('offers nothing in another tenant', async () => {
    const tn = await t.createTenant(`router-${backend}-3`);
    const other = await t.createTenant(`router-${backend}-4`);
    const desk = await ChatDesk.open(t.app.zhida.database.db, tn.id);
    await desk.agent('客服');
    const request = await waiting(tn, desk.groupId, { priority: 3, queuedAt: new Date() });
    expect(await t.app.zhida.handoff.router.dispatch(other.id, desk.groupId)).toEqual([]);
    expect((await status(tn, request)).status).toBe('queued');
  });
});

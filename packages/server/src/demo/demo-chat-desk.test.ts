import { loadTemplate } from '@zhida/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffDatabase } from '../handoff/handoff-schema.js';
import { TestApp } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { seedDemoChatDesk, toRendererVariables } from './demo-chat-desk.js';
import { DEMO_CHAT_DESKS } from './demo-chat-staff.js';
import { DEMO_PASSWORD, demoUsers } from './demo-tenants.js';
import { seedDemoTicketDesk } from './demo-tickets.js';

const backends = await testBackends();

describe('canned reply variables from the templates', () => {
  it('become the single-brace variables the renderer fills, unknown ones kept visible', () => {
    expect(toRendererVariables('您好{{customerName}}，订单{{orderNo}}、工单{{ ticketNo }}，金额{{amount}}')).toBe('您好{customerName}，订单{orderNumber}、工单{ticketNumber}，金额{amount}');
  });
});

describe.each(backends)('the demo chat desk (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(backend);
  });
  afterAll(() => t.close());

  it('staffs a telecom tenant with skilled agents, chat routing and canned replies — once, keeping later edits', async () => {
    const tenant = await t.createTenant('demo-chat-telecom');
    const template = await loadTemplate('telecom');
    const { users } = t.app.zhida;
    const agent1 = await t.as(tenant, () => users.create({ tenantId: tenant.id }, { email: demoUsers[1].email, name: demoUsers[1].name, role: 'agent', password: DEMO_PASSWORD }));
    const db = handoffDatabase(t.app.zhida.database.db);
    const seed = async () => {
      await seedDemoTicketDesk(t.app.zhida.database.db, tenant.id, template.ticketCategories);
      await seedDemoChatDesk(t.app.zhida.database.db, users, tenant.id, 'telecom', template.cannedReplies, DEMO_PASSWORD);
    };
    await seed();

    const desk = DEMO_CHAT_DESKS.telecom;
    const profiles = await t.as(tenant, () =>
      db.selectFrom('agent_profiles').innerJoin('users', 'users.id', 'agent_profiles.user_id').select(['users.email', 'presence', 'max_chats', 'skills']).where('agent_profiles.tenant_id', '=', tenant.id).execute(),
    );
    expect(profiles).toHaveLength(desk.agents.length + 1);
    expect(profiles.every((p) => p.presence === 'offline')).toBe(true);
    expect(profiles.find((p) => p.email === 'zhengyu@demo.zhida.cn')).toMatchObject({ max_chats: 5, skills: ['宽带'] });
    expect(profiles.find((p) => p.email === agent1.email)?.skills).toEqual(expect.arrayContaining(['宽带', '套餐', '携号转网', 'English']));

    const groups = await t.as(tenant, () => db.selectFrom('agent_groups').select(['id', 'name', 'handles_chat', 'chat_skills', 'chat_intents', 'is_chat_default']).where('tenant_id', '=', tenant.id).execute());
    expect(groups.filter((g) => g.is_chat_default).map((g) => g.name)).toEqual(['客户服务部']);
    expect(groups.find((g) => g.name === '装维服务中心')).toMatchObject({ handles_chat: true, chat_skills: ['宽带'], chat_intents: ['broadband_fault'] });
    expect(groups.filter((g) => g.handles_chat).map((g) => g.name).sort()).toEqual(desk.groups.map((g) => g.name).sort());
    const intents = new Set(template.intents.intents.map((i) => i.id));
    expect(groups.flatMap((g) => g.chat_intents).every((intent) => intents.has(intent))).toBe(true);

    const canned = await t.as(tenant, () => db.selectFrom('canned_replies').select(['shortcut', 'body', 'owner_id']).where('tenant_id', '=', tenant.id).execute());
    expect(canned).toHaveLength(template.cannedReplies.length);
    expect(canned.every((c) => c.owner_id === null && !c.shortcut.startsWith('/') && !c.body.includes('{{'))).toBe(true);

    // An admin retunes the desk; a restart must neither duplicate anything nor undo it.
    const broadband = groups.find((g) => g.name === '装维服务中心')!;
    await t.as(tenant, async () => {
      await db.updateTable('agent_groups').set({ chat_skills: JSON.stringify(['宽带', '光纤']) }).where('id', '=', broadband.id).execute();
      await db.updateTable('agent_profiles').set({ max_chats: 9 }).where('user_id', '=', agent1.id).execute();
    });
    await seed();
    const after = await t.as(tenant, async () => ({
      users: await db.selectFrom('users').select('email').where('tenant_id', '=', tenant.id).execute(),
      profiles: await db.selectFrom('agent_profiles').select(['user_id', 'max_chats']).where('tenant_id', '=', tenant.id).execute(),
      members: await db.selectFrom('agent_group_members').select('user_id').where('tenant_id', '=', tenant.id).execute(),
      canned: await db.selectFrom('canned_replies').select('id').where('tenant_id', '=', tenant.id).execute(),
      broadband: await db.selectFrom('agent_groups').select('chat_skills').where('id', '=', broadband.id).executeTakeFirstOrThrow(),
    }));
    expect(new Set(after.users.map((u) => u.email)).size).toBe(after.users.length);
    expect(after.profiles).toHaveLength(profiles.length);
    expect(after.canned).toHaveLength(canned.length);
    expect(after.profiles.find((p) => p.user_id === agent1.id)?.max_chats).toBe(9);
    expect(after.broadband.chat_skills).toEqual(['宽带', '光纤']);
    const membersBefore = after.members.length;
    await seed();
    expect(await t.as(tenant, () => db.selectFrom('agent_group_members').select('user_id').where('tenant_id', '=', tenant.id).execute())).toHaveLength(membersBefore);
  });

  it('lets a seeded agent and the supervisor sign in with the demo password', async () => {
    const tenant = await t.createTenant('demo-chat-finance');
    const template = await loadTemplate('finance');
    await seedDemoTicketDesk(t.app.zhida.database.db, tenant.id, template.ticketCategories);
    await seedDemoChatDesk(t.app.zhida.database.db, t.app.zhida.users, tenant.id, 'finance', template.cannedReplies, DEMO_PASSWORD);
    for (const email of ['guoqiang@demo.zhida.cn', 'supervisor@demo.zhida.cn']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: tenant.slug, email, password: DEMO_PASSWORD } });
      expect(res.statusCode, email).toBe(200);
    }
  });
});

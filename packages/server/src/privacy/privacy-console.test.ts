import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';

const ID = '11010519491231002X';
const MASKED_ID = '110105********002X';

describe.each(await testBackends())('the privacy page and the widget’s consents (%s)', (backend) => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let admin: StaffSession;
  let agent: StaffSession;
  let supervisor: StaffSession;
  let otherAdmin: StaffSession;

  type Visitor = Awaited<ReturnType<TestApp['startVisitor']>>;
  const say = (v: Visitor, text: string, id: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v.conversationId}/messages`, headers: v.headers, payload: { text, clientMsgId: id } });
  const consent = (v: Visitor, scope: string, action: string, noticeVersion = 1) =>
    t.app.inject({ method: 'POST', url: '/api/v1/widget/privacy/consents', headers: v.headers, payload: { scope, action, noticeVersion } });
  const visitorIdOf = async (conversationId: string) =>
    (await t.system(() => t.app.zhida.database.db.selectFrom('conversations').select('visitor_id').where('id', '=', conversationId).executeTakeFirstOrThrow())).visitor_id;

  beforeAll(async () => {
    t = await TestApp.start(backend);
    tenant = await t.createTenant('pc-a');
    other = await t.createTenant('pc-b');
    admin = await t.login(tenant, 'admin');
    agent = await t.login(tenant, 'agent');
    supervisor = await t.login(tenant, 'supervisor');
    otherAdmin = await t.login(other, 'admin');
  });
  afterAll(() => t.close());

  describe('withdrawing a consent in the widget', () => {
    it('stops the processing it covered: the bot asks again before taking an ID number, and refuses everything once the notice is withdrawn', async () => {
      const v = await t.startVisitor(tenant);
      expect((await consent(v, 'notice', 'granted')).statusCode).toBe(201);
      expect((await consent(v, 'sensitive_identity', 'granted')).statusCode).toBe(201);
      const accepted = await say(v, `身份证${ID}`, 'c1');
      expect(accepted.json().message.text).toBe(`身份证${ID}`);
      expect(accepted.json().replies.map((r: { meta?: { kind?: string } }) => r.meta?.kind)).not.toContain('consent_required');

      expect((await consent(v, 'sensitive_identity', 'withdrawn')).statusCode).toBe(201);
      const asked = await say(v, `身份证${ID}`, 'c2');
      expect(asked.json().message.text).not.toContain(ID);
      expect(asked.json().replies[0].meta.consentRequired.scope).toBe('sensitive_identity');

      expect((await consent(v, 'notice', 'withdrawn')).statusCode).toBe(201);
      const refused = await say(v, '我要退货', 'c3');
      expect(refused.json().replies[0].meta.consentRequired.scope).toBe('notice');

      const mine = await t.app.inject({ url: '/api/v1/widget/privacy/consents', headers: v.headers });
      expect(mine.json().current).toMatchObject({ notice: { granted: false }, sensitive_identity: { granted: false } });
    });
  });

  describe('finding a customer and their consent ledger', () => {
    let visitorId = '';
    beforeAll(async () => {
      const v = await t.startVisitor(tenant, { name: '欧阳锋_测试' });
      visitorId = await visitorIdOf(v.conversationId);
      await consent(v, 'notice', 'granted');
      await consent(v, 'recording', 'granted');
      await consent(v, 'recording', 'withdrawn');
    });

    it('finds the visitor by id or by a part of the name, with LIKE wildcards taken literally', async () => {
      const byId = await t.app.inject({ url: `/api/v1/privacy/subjects?q=${visitorId}`, headers: admin.headers });
      expect(byId.statusCode).toBe(200);
      expect(byId.json().items).toEqual([expect.objectContaining({ visitorId, name: '欧阳锋_测试', verified: false })]);
      const byName = await t.app.inject({ url: `/api/v1/privacy/subjects?q=${encodeURIComponent('阳锋_')}`, headers: admin.headers });
      expect(byName.json().items.map((s: { visitorId: string }) => s.visitorId)).toEqual([visitorId]);
      const wildcard = await t.app.inject({ url: `/api/v1/privacy/subjects?q=${encodeURIComponent('%')}`, headers: admin.headers });
      expect(wildcard.json().items).toEqual([]);
    });

    it('lists every grant and withdrawal in order, with the notice version', async () => {
      const res = await t.app.inject({ url: `/api/v1/privacy/subjects/${visitorId}/consents`, headers: admin.headers });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((e: { scope: string; action: string; noticeVersion: number }) => `${e.scope}:${e.action}:${e.noticeVersion}`)).toEqual([
        'notice:granted:1',
        'recording:granted:1',
        'recording:withdrawn:1',
      ]);
    });

    it('keeps tenants apart, needs privacy.manage, and answers bad input with 400', async () => {
      const fromB = await t.app.inject({ url: `/api/v1/privacy/subjects?q=${visitorId}`, headers: otherAdmin.headers });
      expect(fromB.json().items).toEqual([]);
      expect((await t.app.inject({ url: `/api/v1/privacy/subjects/${visitorId}/consents`, headers: otherAdmin.headers })).statusCode).toBe(404);
      expect((await t.app.inject({ url: `/api/v1/privacy/subjects/${visitorId}/consents`, headers: agent.headers })).statusCode).toBe(403);
      const blank = await t.app.inject({ url: '/api/v1/privacy/subjects?q=%20', headers: admin.headers });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().error.code).toBe('validation_error');
      expect((await t.app.inject({ url: '/api/v1/privacy/subjects/not-a-uuid/consents', headers: admin.headers })).statusCode).toBe(400);
    });
  });

  describe('the audit chain on the privacy page', () => {
    it('reports the chain intact, and a changed entry as a break', async () => {
      const ok = await t.app.inject({ url: '/api/v1/privacy/audit/verify', headers: admin.headers });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ intact: true, breaks: [] });
      expect(ok.json().checked).toBeGreaterThan(0);
      expect((await t.app.inject({ url: '/api/v1/privacy/audit/verify', headers: agent.headers })).statusCode).toBe(403);

      // The log refuses UPDATE through its trigger; replica mode is how an intruder with superuser rights would get past it.
      const db = t.app.zhida.database.db;
      await t.system(() =>
        db.transaction().execute(async (trx) => {
          await sql`set local role postgres`.execute(trx);
          await sql`set local session_replication_role = replica`.execute(trx);
          await sql`update audit_log set action = 'nothing.happened' where tenant_id = ${other.id} and seq = 1`.execute(trx);
        }),
      );
      const broken = await t.app.inject({ url: '/api/v1/privacy/audit/verify', headers: otherAdmin.headers });
      expect(broken.json().intact).toBe(false);
      expect(broken.json().breaks[0]).toMatchObject({ seq: 1, problem: 'changed' });
      // A's chain is A's own.
      expect((await t.app.inject({ url: '/api/v1/privacy/audit/verify', headers: admin.headers })).json().intact).toBe(true);
    });
  });

  describe("masking in the agent's context", () => {
    it('masks ID numbers in the REST context for an agent, keeps the panel fields masked for every role, and audits each reveal', async () => {
      const v = await t.startVisitor(tenant);
      await consent(v, 'notice', 'granted');
      await consent(v, 'sensitive_identity', 'granted');
      await say(v, `我的身份证是${ID}，转人工`, 'm1');
      const path = `/api/v1/conversations/${v.conversationId}/context`;

      const asAgent = await t.app.inject({ url: path, headers: agent.headers });
      expect(asAgent.statusCode).toBe(200);
      expect(asAgent.body).not.toContain(ID);
      expect(asAgent.json().messages.find((m: { senderType: string }) => m.senderType === 'visitor').text).toContain(MASKED_ID);

      const asSupervisor = await t.app.inject({ url: path, headers: supervisor.headers });
      expect(asSupervisor.json().messages.find((m: { senderType: string }) => m.senderType === 'visitor').text).toContain(ID);
      expect(asSupervisor.json().summary).not.toContain(ID);
      expect(asSupervisor.json().summary).toContain(MASKED_ID);

      expect((await t.app.inject({ method: 'POST', url: `${path}/reveal`, headers: agent.headers })).statusCode).toBe(403);
      const revealed = await t.app.inject({ method: 'POST', url: `${path}/reveal`, headers: supervisor.headers });
      expect(revealed.statusCode).toBe(200);
      expect(revealed.json().summary).toContain(ID);
      const audit = await t.as(tenant, () =>
        t.app.zhida.database.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenant.id).where('action', '=', 'pii.revealed').where('object_type', '=', 'conversation_context').execute(),
      );
      expect(audit.map((a) => [a.object_id, a.actor_id])).toEqual([[v.conversationId, tenant.users.supervisor.id]]);
    });
  });
});

import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';

const ID = '11010519491231002X';
const CARD = '6222021234567890128';
const MOBILE = '13812345678';
// The data subject's own numbers, which no other visitor of the test sends.
const SUBJECT_ID = '440305198505121008';
const SUBJECT_MOBILE = '13998765432';

async function untar(gz: Buffer): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        files.set(header.name, Buffer.concat(chunks).toString('utf8'));
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  ex.end(gunzipSync(gz));
  await done;
  return files;
}

describe.each(await testBackends())('PIPL tooling (%s)', (backend) => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let admin: StaffSession;
  let agent: StaffSession;
  let supervisor: StaffSession;

  const say = (v: { conversationId: string; headers: Record<string, string> }, text: string, id: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v.conversationId}/messages`, headers: v.headers, payload: { text, clientMsgId: id } });
  const consent = (v: { headers: Record<string, string> }, scope: string, action: string, noticeVersion: number) =>
    t.app.inject({ method: 'POST', url: '/api/v1/widget/privacy/consents', headers: v.headers, payload: { scope, action, noticeVersion } });
  const visitorIdOf = async (conversationId: string) =>
    (await t.system(() => t.app.zhida.database.db.selectFrom('conversations').select('visitor_id').where('id', '=', conversationId).executeTakeFirstOrThrow())).visitor_id;

  beforeAll(async () => {
    t = await TestApp.start(backend);
    tenant = await t.createTenant('pipl-a');
    other = await t.createTenant('pipl-b');
    admin = await t.login(tenant, 'admin');
    agent = await t.login(tenant, 'agent');
    supervisor = await t.login(tenant, 'supervisor');
  });
  afterAll(() => t.close());

  describe('staff passwords', () => {
    it('refuses "12345678" and "password" with a clear 400, and takes a strong one', async () => {
      for (const password of ['12345678', 'password', 'Password1', 'qwertyuiop']) {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { email: `u${password.length}@x.test`, name: '新同事', role: 'agent', password } });
        expect(res.statusCode, password).toBe(400);
        expect(res.json().error.code).toBe('validation_error');
        expect(res.json().error.message).toMatch(/most common/);
      }
      const changed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: agent.headers, payload: { currentPassword: 'correct horse battery', newPassword: 'password' } });
      expect(changed.statusCode).toBe(400);
      const ok = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { email: 'strong@x.test', name: '新同事', role: 'agent', password: '蓝色鲸鱼-跑步-2026' } });
      expect(ok.statusCode).toBe(201);
    });
  });

  describe('notice and consent', () => {
    it('versions the notice, records consent to the version shown, and refuses a stale one', async () => {
      const first = await t.app.inject({ url: '/api/v1/widget/privacy/notice?tenant=pipl-a' });
      expect(first.json()).toMatchObject({ version: 1, required: false });
      expect(first.json().text).toMatch(/个人信息/);
      const put = await t.app.inject({ method: 'PUT', url: '/api/v1/privacy/settings', headers: admin.headers, payload: { notice: { text: '我们仅为本次服务处理您的信息，详见隐私政策。', url: 'https://shop.example.cn/privacy' } } });
      expect(put.statusCode).toBe(200);
      expect(put.json().notice.version).toBe(2);
      // The same text again is not a new version.
      const same = await t.app.inject({ method: 'PUT', url: '/api/v1/privacy/settings', headers: admin.headers, payload: { notice: { text: '我们仅为本次服务处理您的信息，详见隐私政策。', url: 'https://shop.example.cn/privacy' } } });
      expect(same.json().notice.version).toBe(2);
      const v = await t.startVisitor(tenant);
      expect((await consent(v, 'notice', 'granted', 1)).statusCode).toBe(409);
      expect((await consent(v, 'notice', 'granted', 2)).statusCode).toBe(201);
      const ledger = await t.app.inject({ url: '/api/v1/widget/privacy/consents', headers: v.headers });
      expect(ledger.json().current.notice).toMatchObject({ granted: true, noticeVersion: 2 });
      // Another tenant's notice is untouched.
      expect((await t.app.inject({ url: '/api/v1/widget/privacy/notice?tenant=pipl-b' })).json().version).toBe(1);
    });

    it('rejects bad settings with a 400', async () => {
      for (const payload of [{ retention: { auditLog: 30 } }, { notice: { text: 'short', url: null } }, { notice: { text: '足够长的隐私告知文本内容。', url: 'javascript:alert(1)' } }, { unknown: true }]) {
        const res = await t.app.inject({ method: 'PUT', url: '/api/v1/privacy/settings', headers: admin.headers, payload });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      }
      expect((await t.app.inject({ url: '/api/v1/privacy/settings', headers: agent.headers })).statusCode).toBe(403);
    });

    it('stops processing after the notice consent is withdrawn, and resumes when given again', async () => {
      const v = await t.startVisitor(tenant);
      expect((await consent(v, 'notice', 'granted', 2)).statusCode).toBe(201);
      const before = await say(v, '你好', 'n1');
      expect(before.json().replies[0].meta.kind).not.toBe('consent_required');
      expect((await consent(v, 'notice', 'withdrawn', 2)).statusCode).toBe(201);
      const after = await say(v, '我要退货', 'n2');
      expect(after.json().replies).toHaveLength(1);
      expect(after.json().replies[0].meta).toMatchObject({ kind: 'consent_required', consentRequired: { scope: 'notice' } });
      await consent(v, 'notice', 'granted', 2);
      expect((await say(v, '我要退货', 'n3')).json().replies[0].meta.kind).not.toBe('consent_required');
      // The first bot turn of the tenant trains its model: slow on a loaded machine.
    }, 240_000);

    it('requires the current notice before any processing when the tenant says so', async () => {
      await t.app.inject({ method: 'PUT', url: '/api/v1/privacy/settings', headers: admin.headers, payload: { requireNoticeConsent: true } });
      const v = await t.startVisitor(tenant);
      expect((await say(v, '你好', 'r1')).json().replies[0].meta.consentRequired.scope).toBe('notice');
      await consent(v, 'notice', 'granted', 2);
      expect((await say(v, '你好', 'r2')).json().replies[0].meta.kind).not.toBe('consent_required');
      await t.app.inject({ method: 'PUT', url: '/api/v1/privacy/settings', headers: admin.headers, payload: { requireNoticeConsent: false } });
    });

    it('asks for separate consent before an ID or card number is processed (art. 29)', async () => {
      const v = await t.startVisitor(tenant);
      const id = await say(v, `我的身份证号是${ID}`, 's1');
      expect(id.json().replies[0].meta.consentRequired.scope).toBe('sensitive_identity');
      const card = await say(v, `卡号${CARD}`, 's2');
      expect(card.json().replies[0].meta.consentRequired.scope).toBe('sensitive_financial');
      await consent(v, 'sensitive_identity', 'granted', 2);
      expect((await say(v, `我的身份证号是${ID}`, 's3')).json().replies[0].meta.kind).not.toBe('consent_required');
      // A visitor who declines can still chat about anything else (art. 16).
      expect((await say(v, '运费怎么算', 's4')).json().replies[0].meta.kind).not.toBe('consent_required');
    });

    it('takes the separate consent in the chat: the button text records it, "不同意处理" is acknowledged, nothing else counts', async () => {
      const v = await t.startVisitor(tenant);
      const asked = (await say(v, `身份证${ID}`, 'c1')).json().replies[0];
      expect(asked.meta.consentRequired.scope).toBe('sensitive_identity');
      expect(asked.quickReplies).toEqual(['同意处理身份证号', '不同意处理']);
      // A vague yes is not the explicit act art. 29 asks for, and resending the number does not consent either.
      expect((await say(v, '好的', 'c2')).json().replies[0].meta.kind).not.toBe('consent_recorded');
      expect((await say(v, `身份证${ID}`, 'c3')).json().replies[0].meta.consentRequired.scope).toBe('sensitive_identity');
      const declined = (await say(v, '不同意处理', 'c4')).json().replies[0];
      expect(declined.meta.kind).toBe('consent_declined');
      expect(declined.quickReplies).toContain('转人工');
      const granted = (await say(v, '同意处理身份证号', 'c5')).json().replies[0];
      expect(granted.meta).toMatchObject({ kind: 'consent_recorded', scope: 'sensitive_identity' });
      const ledger = await t.app.inject({ url: '/api/v1/widget/privacy/consents', headers: v.headers });
      expect(ledger.json().current.sensitive_identity).toMatchObject({ granted: true });
      expect(ledger.json().history).toContainEqual(expect.objectContaining({ scope: 'sensitive_identity', action: 'granted' }));
      expect((await say(v, `身份证${ID}`, 'c6')).json().replies[0].meta.kind).not.toBe('consent_required');
    });

    it('never stores an ID or card number sent before its consent: it is withheld until the visitor consents', async () => {
      const v = await t.startVisitor(tenant);
      const sent = await say(v, `身份证${ID}，卡号${CARD}`, 'w1');
      expect(sent.statusCode).toBe(201);
      expect(sent.json().message.text).toBe('身份证110105＊＊＊＊＊＊＊＊002X，卡号＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊0128');
      expect(sent.json().replies[0].meta.consentRequired.scope).toBe('sensitive_identity');
      const rows = await t.as(tenant, () => t.app.zhida.database.db.selectFrom('messages').select('text').where('conversation_id', '=', v.conversationId).execute());
      for (const r of rows) {
        expect(r.text).not.toContain(ID);
        expect(r.text).not.toContain(CARD);
      }
      // With the identity consent the ID is kept, the card (no consent) still withheld, and the gate asks for that one.
      await consent(v, 'sensitive_identity', 'granted', 2);
      const again = await say(v, `身份证${ID}，卡号${CARD}`, 'w2');
      expect(again.json().message.text).toBe(`身份证${ID}，卡号＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊0128`);
      expect(again.json().replies[0].meta.consentRequired.scope).toBe('sensitive_financial');
      // A withdrawal withholds again from the next message on.
      await consent(v, 'sensitive_identity', 'withdrawn', 2);
      expect((await say(v, `身份证${ID}`, 'w3')).json().message.text).toBe('身份证110105＊＊＊＊＊＊＊＊002X');
    });
  });

  describe('masking and reveal', () => {
    it('shows agents ID and card numbers masked, reveals them to a permitted role, and audits each reveal', async () => {
      const v = await t.startVisitor(tenant);
      // Given with consent: without it the numbers are never stored (see "withheld until the visitor consents").
      await consent(v, 'sensitive_identity', 'granted', 2);
      await consent(v, 'sensitive_financial', 'granted', 2);
      await say(v, `身份证${ID} 卡号${CARD} 手机${MOBILE}`, 'm1');
      const asAgent = await t.app.inject({ url: `/api/v1/conversations/${v.conversationId}/messages`, headers: agent.headers });
      const text = asAgent.json().items.find((m: { senderType: string }) => m.senderType === 'visitor').text as string;
      expect(text).toContain('110105********002X');
      expect(text).toContain('622202*********0128');
      expect(text).not.toContain(ID);
      const messageId = asAgent.json().items.find((m: { senderType: string }) => m.senderType === 'visitor').id as string;
      const denied = await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${v.conversationId}/messages/${messageId}/reveal`, headers: agent.headers });
      expect(denied.statusCode).toBe(403);
      const revealed = await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${v.conversationId}/messages/${messageId}/reveal`, headers: supervisor.headers });
      expect(revealed.statusCode).toBe(200);
      expect(revealed.json().text).toContain(ID);
      const audit = await t.as(tenant, () => t.app.zhida.database.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenant.id).where('action', '=', 'pii.revealed').execute());
      expect(audit.map((a) => a.object_id)).toEqual([messageId]);
      expect(audit[0]!.actor_id).toBe(tenant.users.supervisor.id);
    });
  });

  describe("the person's rights", () => {
    let subject: { conversationId: string; headers: Record<string, string> };
    let bystander: { conversationId: string; headers: Record<string, string> };
    let subjectVisitor: string;
    let ticketId: string;

    beforeAll(async () => {
      subject = await t.startVisitor(tenant);
      bystander = await t.startVisitor(tenant);
      subjectVisitor = await visitorIdOf(subject.conversationId);
      await consent(subject, 'notice', 'granted', 2);
      await consent(subject, 'sensitive_identity', 'granted', 2);
      await say(subject, `我是张三丰，身份证${SUBJECT_ID}，电话${SUBJECT_MOBILE}`, 'd1');
      await say(bystander, '旁观者李四的消息', 'd2');
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4ea0000000049454e44ae426082', 'hex').toString('base64');
      const upload = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${subject.conversationId}/attachments`, headers: subject.headers, payload: { filename: '发票.png', contentType: 'image/png', dataBase64: png } });
      expect(upload.statusCode).toBe(201);
      ticketId = (await t.as(tenant, () => t.app.zhida.tickets.service.create(tenant.id, { channel: 'widget', description: `张三丰的投诉，回电${SUBJECT_MOBILE}`, contact: { name: '张三丰', phone: SUBJECT_MOBILE }, conversationId: subject.conversationId }, { type: 'api', id: null }))).id;
    });

    it('exports everything held about one customer as a streamed tar.gz with a deadline 15 working days out', async () => {
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/requests', headers: admin.headers, payload: { kind: 'export', subject: { type: 'visitor', ref: subjectVisitor } } });
      expect(created.statusCode).toBe(201);
      const request = created.json();
      const days = (Date.parse(request.dueAt) - Date.parse(request.createdAt)) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(19);
      expect(request.status).toBe('open');
      const res = await t.app.inject({ url: `/api/v1/privacy/requests/${request.id}/archive`, headers: admin.headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/gzip');
      const files = await untar(res.rawPayload);
      const names = [...files.keys()];
      expect(names).toContain('manifest.json');
      expect(names).toContain(`conversations/${subject.conversationId}/messages.json`);
      expect(names).toContain(`conversations/${subject.conversationId}/messages.csv`);
      expect(names.some((n) => n.endsWith('发票.png'))).toBe(true);
      expect(files.get('tickets/tickets.json')).toContain(ticketId);
      expect(files.get('visitor/consents.json')).toContain('sensitive_identity');
      const all = [...files.values()].join('\n');
      expect(all).toContain(SUBJECT_ID);
      expect(all).not.toContain('旁观者李四');
      expect(all).not.toContain(bystander.conversationId);
      const done = await t.app.inject({ url: `/api/v1/privacy/requests/${request.id}`, headers: admin.headers });
      expect(done.json()).toMatchObject({ status: 'completed', overdue: false });
      expect(done.json().result.records.conversations).toBeGreaterThan(0);
    });

    it('answers bad requests with 4xx: unknown visitor, wrong kind, twice', async () => {
      const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/requests', headers: admin.headers, payload: { kind: 'delete', subject: { type: 'visitor', ref: 'not-a-visitor' } } });
      expect(unknown.statusCode).toBe(404);
      const bad = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/requests', headers: admin.headers, payload: { kind: 'erase-all', subject: { type: 'visitor', ref: subjectVisitor } } });
      expect(bad.statusCode).toBe(400);
      const list = await t.app.inject({ url: '/api/v1/privacy/requests', headers: admin.headers });
      const exportId = list.json().items.find((r: { kind: string }) => r.kind === 'export').id as string;
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/privacy/requests/${exportId}/execute`, headers: admin.headers })).statusCode).toBe(409);
      expect((await t.app.inject({ url: '/api/v1/privacy/requests', headers: agent.headers })).statusCode).toBe(403);
    });

    it('deletes the customer everywhere — rows, files, search tokens, webhook copies — and keeps only a pseudonym', async () => {
      const db = t.app.zhida.database.db;
      const tokensBefore = await t.as(tenant, () => db.selectFrom('ticket_search_tokens' as never).select('ticket_id' as never).where('ticket_id' as never, '=', ticketId as never).execute());
      expect(tokensBefore.length).toBeGreaterThan(0);
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/requests', headers: admin.headers, payload: { kind: 'delete', subject: { type: 'visitor', ref: subjectVisitor }, note: '用户来电要求删除' } });
      const done = await t.app.inject({ method: 'POST', url: `/api/v1/privacy/requests/${created.json().id}/execute`, headers: admin.headers });
      expect(done.statusCode).toBe(200);
      expect(done.json().status).toBe('completed');
      expect(done.json().subjectRef).toMatch(/^erased:/);
      expect(done.json().result.removed.tickets.tickets).toBe(1);
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/privacy/requests/${created.json().id}/execute`, headers: admin.headers })).statusCode).toBe(409);

      // A scan of every table that held the customer's words or numbers finds nothing.
      const dump = await t.system(async () => {
        const tables = ['messages', 'conversations', 'visitors', 'tickets', 'ticket_events', 'ticket_search_tokens', 'ticket_attachments', 'selfservice_attachments', 'webhook_deliveries', 'privacy_consents', 'privacy_requests', 'audit_log', 'assist_suggestions', 'kb_suggestions', 'handoff_requests'];
        const out: string[] = [];
        for (const table of tables) {
          const rows = await db.selectFrom(table as 'messages').selectAll().where('tenant_id', '=', tenant.id).execute();
          out.push(JSON.stringify(rows));
        }
        return out.join('\n');
      });
      for (const needle of [SUBJECT_ID, SUBJECT_MOBILE, '张三丰', subjectVisitor, subject.conversationId, '发票']) expect(dump, needle).not.toContain(needle);
      expect(dump).toContain('旁观者李四');
      expect((await t.app.inject({ url: `/api/v1/widget/conversations/${subject.conversationId}/messages`, headers: subject.headers })).statusCode).toBe(401);
      const audit = await t.as(tenant, () => db.selectFrom('audit_log').select(['action', 'detail']).where('tenant_id', '=', tenant.id).where('action', 'like', 'privacy.%').execute());
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['privacy.request_created', 'privacy.exported', 'privacy.deleted']));
    });

    it('anonymises instead: the conversation and its message count stay, the content does not', async () => {
      const v = await t.startVisitor(tenant, { name: '王五' });
      await say(v, `王五的手机${MOBILE}`, 'a1');
      const visitorId = await visitorIdOf(v.conversationId);
      const db = t.app.zhida.database.db;
      const countBefore = await t.as(tenant, () => db.selectFrom('messages').select('id').where('conversation_id', '=', v.conversationId).execute());
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/requests', headers: admin.headers, payload: { kind: 'anonymise', subject: { type: 'visitor', ref: visitorId } } });
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/privacy/requests/${created.json().id}/execute`, headers: admin.headers })).statusCode).toBe(200);
      const after = await t.as(tenant, () => db.selectFrom('messages').select(['text']).where('conversation_id', '=', v.conversationId).execute());
      expect(after).toHaveLength(countBefore.length);
      expect(JSON.stringify(after)).not.toContain(MOBILE);
      const visitor = await t.as(tenant, () => db.selectFrom('visitors').selectAll().where('id', '=', visitorId).executeTakeFirstOrThrow());
      expect(visitor.name).toBeNull();
    });
  });

  describe('retention', () => {
    it('purges expired conversations, files and audit entries per the tenant settings, reports it, and leaves the chain verifiable', async () => {
      const db = t.app.zhida.database.db;
      await t.app.inject({ method: 'PUT', url: '/api/v1/privacy/settings', headers: admin.headers, payload: { retention: { conversations: 30, auditLog: 180 } } });
      const old = await t.startVisitor(tenant);
      const fresh = await t.startVisitor(tenant);
      const otherOld = await t.startVisitor(other);
      const longAgo = new Date(Date.now() - 40 * 86_400_000);
      await t.system(() => db.updateTable('conversations').set({ updated_at: longAgo }).where('id', 'in', [old.conversationId, otherOld.conversationId]).execute());
      const report = await t.as(tenant, () => t.app.zhida.privacy.retention.run({ tenantId: tenant.id }, new Date()));
      expect(report.conversations).toBe(1);
      expect(report.messages).toBeGreaterThan(0);
      const left = await t.system(() => db.selectFrom('conversations').select('id').where('id', 'in', [old.conversationId, fresh.conversationId, otherOld.conversationId]).execute());
      expect(left.map((c) => c.id).sort()).toEqual([fresh.conversationId, otherOld.conversationId].sort());
      // Audit entries older than 180 days go from the start of the chain; verification still holds.
      const inAYear = new Date(Date.now() + 365 * 86_400_000);
      const later = await t.as(tenant, () => t.app.zhida.privacy.retention.run({ tenantId: tenant.id }, inAYear));
      expect(later.auditEntries).toBeGreaterThan(10);
      const { AuditChainVerifier } = await import('../auth/audit-chain-verifier.js');
      const verified = await t.as(tenant, () => new AuditChainVerifier(db).verify(tenant.id));
      expect(verified.breaks).toEqual([]);
      expect(verified.firstSeq).toBeGreaterThan(1);
      const runs = await t.app.inject({ url: '/api/v1/privacy/retention/runs', headers: admin.headers });
      expect(runs.json().items[0].removed).toHaveProperty('auditEntries');
      expect(runs.json().items).toHaveLength(2);
    });
  });
});

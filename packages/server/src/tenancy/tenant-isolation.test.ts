import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackDatabase } from '../feedback/feedback-schema.js';
import { handoffDatabase } from '../handoff/handoff-schema.js';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';

const backends = await testBackends();

/**
 * The route matrix: every /api route, called by tenant A's admin with tenant
 * B's ids, must answer 404 — and every list must omit B's objects. A route the
 * matrix does not know fails the test, so new routes cannot skip this check.
 */
describe.each(backends)('tenant isolation (%s)', (backend) => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let adminA: StaffSession;
  let visitorA: { conversationId: string; headers: Record<string, string> };
  const bIds = { conversation: '', faq: '', user: '', apiKey: '', attachment: '', article: '', webhook: '', webhookDelivery: '' };
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4ea0000000049454e44ae426082', 'hex').toString('base64');
  const MARKER = 'B租户独有标记Zx9';

  beforeAll(async () => {
    t = await TestApp.start(backend);
    a = await t.createTenant('tenant-a');
    b = await t.createTenant('tenant-b');
    adminA = await t.login(a, 'admin');
    visitorA = await t.startVisitor(a);
    const visitorB = await t.startVisitor(b);
    await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${visitorB.conversationId}/messages`, headers: visitorB.headers, payload: { text: MARKER, clientMsgId: 'b-1' } });
    bIds.conversation = visitorB.conversationId;
    bIds.faq = (await t.addFaq(b, `${MARKER} 问题`, `${MARKER} 答案`)).id;
    bIds.user = b.users.agent.id;
    bIds.apiKey = (await t.as(b, () => t.app.zhida.apiKeys.create({ tenantId: b.id }, { name: MARKER, role: 'agent' }))).apiKey.id;
    const upload = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${visitorB.conversationId}/attachments`, headers: visitorB.headers, payload: { filename: 'id.png', contentType: 'image/png', dataBase64: png } });
    bIds.attachment = upload.json().id;
    const article = await t.as(b, () => t.app.zhida.kb.articles.create({ tenantId: b.id }, { title: `${MARKER} 标题`, body: `${MARKER} 正文`, category: '帮助', graphNodeIds: [] }, null));
    bIds.article = article.id;
    await t.as(b, () => t.app.zhida.kb.articles.publish({ tenantId: b.id }, article.id));
    // A public IP literal: the default SSRF policy accepts it without DNS.
    bIds.webhook = (await t.as(b, () => t.app.zhida.webhooks.create({ tenantId: b.id }, { url: 'https://203.0.113.10/hook', description: MARKER }))).endpoint.id;
    bIds.webhookDelivery = (await t.as(b, () => t.app.zhida.webhooks.sendTest({ tenantId: b.id }, bIds.webhook))).id;
  });
  afterAll(() => t.close());

  type Call = { method: string; url: string; payload?: unknown; headers: Record<string, string> };
  const matrix: Record<string, () => Call> = {
    'PATCH /api/v1/conversations/:id': () => ({ method: 'PATCH', url: `/api/v1/conversations/${bIds.conversation}`, payload: { status: 'closed' }, headers: adminA.headers }),
    'GET /api/v1/conversations/:id': () => ({ method: 'GET', url: `/api/v1/conversations/${bIds.conversation}`, headers: adminA.headers }),
    'GET /api/v1/conversations/:id/messages': () => ({ method: 'GET', url: `/api/v1/conversations/${bIds.conversation}/messages`, headers: adminA.headers }),
    'POST /api/v1/conversations/:id/messages': () => ({ method: 'POST', url: `/api/v1/conversations/${bIds.conversation}/messages`, payload: { text: 'x', clientMsgId: 'm1' }, headers: adminA.headers }),
    'GET /api/v1/kb/faqs/:id': () => ({ method: 'GET', url: `/api/v1/kb/faqs/${bIds.faq}`, headers: adminA.headers }),
    'PATCH /api/v1/kb/faqs/:id': () => ({ method: 'PATCH', url: `/api/v1/kb/faqs/${bIds.faq}`, payload: { answer: 'hacked' }, headers: adminA.headers }),
    'DELETE /api/v1/kb/faqs/:id': () => ({ method: 'DELETE', url: `/api/v1/kb/faqs/${bIds.faq}`, headers: adminA.headers }),
    'PATCH /api/v1/users/:id': () => ({ method: 'PATCH', url: `/api/v1/users/${bIds.user}`, payload: { role: 'admin' }, headers: adminA.headers }),
    'DELETE /api/v1/users/:id': () => ({ method: 'DELETE', url: `/api/v1/users/${bIds.user}`, headers: adminA.headers }),
    'DELETE /api/v1/api-keys/:id': () => ({ method: 'DELETE', url: `/api/v1/api-keys/${bIds.apiKey}`, headers: adminA.headers }),
    'POST /api/v1/widget/conversations/:id/messages': () => ({ method: 'POST', url: `/api/v1/widget/conversations/${bIds.conversation}/messages`, payload: { text: 'x', clientMsgId: 'w1' }, headers: visitorA.headers }),
    'GET /api/v1/widget/conversations/:id/messages': () => ({ method: 'GET', url: `/api/v1/widget/conversations/${bIds.conversation}/messages`, headers: visitorA.headers }),
  };
  // Routes that take no foreign id; their isolation is checked by the list tests below.
  const noObjectId = new Set([
    'POST /api/v1/auth/login', 'GET /api/v1/auth/me', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/password',
    'GET /api/v1/users', 'POST /api/v1/users', 'GET /api/v1/api-keys', 'POST /api/v1/api-keys',
    'GET /api/v1/conversations', 'GET /api/v1/kb/faqs', 'POST /api/v1/kb/faqs', 'POST /api/v1/widget/conversations', 'OPTIONS /api/v1/widget/*',
  ]);
  matrix['POST /api/v1/widget/conversations/:id/attachments'] = () => ({ method: 'POST', url: `/api/v1/widget/conversations/${bIds.conversation}/attachments`, payload: { filename: 'a.png', contentType: 'image/png', dataBase64: png }, headers: visitorA.headers });
  matrix['GET /api/v1/widget/conversations/:id/attachments/:attachmentId'] = () => ({ method: 'GET', url: `/api/v1/widget/conversations/${visitorA.conversationId}/attachments/${bIds.attachment}`, headers: visitorA.headers });
  // Suggestions: B's FAQ id stands in here; insights/suggestions.test.ts checks B's real suggestion ids.
  matrix['GET /api/v1/kb/articles/:id'] = () => ({ method: 'GET', url: `/api/v1/kb/articles/${bIds.article}`, headers: adminA.headers });
  matrix['PATCH /api/v1/kb/articles/:id'] = () => ({ method: 'PATCH', url: `/api/v1/kb/articles/${bIds.article}`, payload: { body: 'hacked' }, headers: adminA.headers });
  matrix['POST /api/v1/kb/articles/:id/publish'] = () => ({ method: 'POST', url: `/api/v1/kb/articles/${bIds.article}/publish`, headers: adminA.headers });
  matrix['POST /api/v1/kb/articles/:id/archive'] = () => ({ method: 'POST', url: `/api/v1/kb/articles/${bIds.article}/archive`, headers: adminA.headers });
  matrix['POST /api/v1/kb/suggestions/:id/accept'] = () => ({ method: 'POST', url: `/api/v1/kb/suggestions/${bIds.faq}/accept`, payload: { answer: 'hacked' }, headers: adminA.headers });
  matrix['POST /api/v1/kb/suggestions/:id/reject'] = () => ({ method: 'POST', url: `/api/v1/kb/suggestions/${bIds.faq}/reject`, headers: adminA.headers });
  // Tenant settings act on the caller's own tenant only; settings/widget-security.test.ts checks B stays untouched.
  for (const route of ['GET /api/v1/settings/widget-security', 'PUT /api/v1/settings/widget-security', 'PUT /api/v1/settings/widget-security/identity', 'POST /api/v1/settings/widget-security/identity/secret', 'GET /api/v1/settings/staff-security', 'PUT /api/v1/settings/staff-security']) noObjectId.add(route);
  // MFA acts on the caller's own account; the challenge is a bearer secret (auth/mfa.test.ts).
  for (const route of ['POST /api/v1/auth/login/mfa', 'GET /api/v1/auth/mfa', 'POST /api/v1/auth/mfa/enroll', 'POST /api/v1/auth/mfa/confirm', 'POST /api/v1/auth/mfa/disable']) noObjectId.add(route);
  for (const route of ['GET /api/v1/kb/articles', 'POST /api/v1/kb/articles', 'GET /api/v1/kb/search', 'GET /api/v1/widget/search', 'GET /api/v1/kb/suggestions', 'POST /api/v1/kb/suggestions/refresh']) noObjectId.add(route);
  // A search click names a result: B's FAQ is never among A's results (search/knowledge-search.test.ts checks the rest).
  matrix['POST /api/v1/widget/search/clicks'] = () => ({ method: 'POST', url: '/api/v1/widget/search/clicks', payload: { q: '怎么退货', type: 'faq', id: bIds.faq }, headers: visitorA.headers });
  matrix['GET /api/v1/widget/search/results/:type/:id'] = () => ({ method: 'GET', url: `/api/v1/widget/search/results/faq/${bIds.faq}`, headers: visitorA.headers });
  // Voice (#15): a recording or a spoken reply for B's conversation is a 404 before any audio is read.
  matrix['POST /api/v1/widget/conversations/:id/voice'] = () => ({ method: 'POST', url: `/api/v1/widget/conversations/${bIds.conversation}/voice?clientMsgId=v1`, payload: Buffer.from('RIFF0000WAVE'), headers: { ...visitorA.headers, 'content-type': 'audio/wav' } });
  matrix['GET /api/v1/widget/conversations/:id/messages/:seq/speech'] = () => ({ method: 'GET', url: `/api/v1/widget/conversations/${bIds.conversation}/messages/1/speech`, headers: visitorA.headers });
  for (const route of ['GET /api/v1/settings/voice', 'PUT /api/v1/settings/voice']) noObjectId.add(route);
  matrix['POST /api/v1/nlu/parse'] = () => ({ method: 'POST', url: '/api/v1/nlu/parse', payload: { text: '你好', conversationId: bIds.conversation }, headers: adminA.headers });
  // Tickets (issue #13): B's ticket (with an attachment) and category.
  const bTicket = { id: '', attachment: '', category: '', ofA: '' };
  beforeAll(async () => {
    const { tickets } = t.app.zhida;
    await t.as(b, async () => {
      bTicket.category = (await tickets.categories.create(b.id, { key: 'b_only', name: MARKER })).id;
      const file = { filename: 'b.png', contentType: 'image/png' as const, size: 1, sha256: '0', data: Buffer.from(png, 'base64') };
      bTicket.id = (await tickets.service.create(b.id, { channel: 'api', description: `${MARKER} 工单`, categoryId: bTicket.category, attachments: [file] }, { type: 'api', id: null })).id;
      bTicket.attachment = (await tickets.service.get(b.id, bTicket.id)).attachments[0]!.id;
    });
    bTicket.ofA = (await t.as(a, () => tickets.service.create(a.id, { channel: 'api', description: 'A 的工单' }, { type: 'api', id: null }))).id;
  });
  const ticketUrl = (tail = '') => `/api/v1/tickets/${bTicket.id}${tail}`;
  matrix['GET /api/v1/tickets/:id'] = () => ({ method: 'GET', url: ticketUrl(), headers: adminA.headers });
  matrix['GET /api/v1/tickets/:id/events'] = () => ({ method: 'GET', url: ticketUrl('/events'), headers: adminA.headers });
  matrix['PATCH /api/v1/tickets/:id'] = () => ({ method: 'PATCH', url: ticketUrl(), payload: { status: 'closed' }, headers: adminA.headers });
  matrix['POST /api/v1/tickets/:id/replies'] = () => ({ method: 'POST', url: ticketUrl('/replies'), payload: { body: 'hacked' }, headers: adminA.headers });
  matrix['POST /api/v1/tickets/:id/merge'] = () => ({ method: 'POST', url: `/api/v1/tickets/${bTicket.ofA}/merge`, payload: { intoTicketId: bTicket.id }, headers: adminA.headers });
  matrix['GET /api/v1/tickets/:id/attachments/:attachmentId'] = () => ({ method: 'GET', url: ticketUrl(`/attachments/${bTicket.attachment}`), headers: adminA.headers });
  matrix['POST /api/v1/tickets/bulk'] = () => ({ method: 'POST', url: '/api/v1/tickets/bulk', payload: { ids: [bTicket.id], patch: { status: 'closed' } }, headers: adminA.headers });
  matrix['POST /api/v1/tickets'] = () => ({ method: 'POST', url: '/api/v1/tickets', payload: { description: 'x', categoryId: bTicket.category }, headers: adminA.headers });
  matrix['PATCH /api/v1/ticket-categories/:id'] = () => ({ method: 'PATCH', url: `/api/v1/ticket-categories/${bTicket.category}`, payload: { name: 'hacked' }, headers: adminA.headers });
  matrix['POST /api/v1/widget/tickets'] = () => ({ method: 'POST', url: '/api/v1/widget/tickets', payload: { categoryId: bTicket.category, description: 'x' }, headers: visitorA.headers });
  matrix['GET /api/v1/widget/tickets/:id'] = () => ({ method: 'GET', url: `/api/v1/widget/tickets/${bTicket.id}`, headers: visitorA.headers });
  matrix['POST /api/v1/widget/tickets/:id/replies'] = () => ({ method: 'POST', url: `/api/v1/widget/tickets/${bTicket.id}/replies`, payload: { body: 'x' }, headers: visitorA.headers });
  matrix['POST /api/v1/widget/tickets/:id/confirm'] = () => ({ method: 'POST', url: `/api/v1/widget/tickets/${bTicket.id}/confirm`, headers: visitorA.headers });
  matrix['POST /api/v1/widget/tickets/:id/reopen'] = () => ({ method: 'POST', url: `/api/v1/widget/tickets/${bTicket.id}/reopen`, headers: visitorA.headers });
  matrix['GET /api/v1/widget/tickets/:id/attachments/:attachmentId'] = () => ({ method: 'GET', url: `/api/v1/widget/tickets/${bTicket.id}/attachments/${bTicket.attachment}`, headers: visitorA.headers });
  for (const route of ['GET /api/v1/tickets', 'GET /api/v1/ticket-categories', 'POST /api/v1/ticket-categories', 'GET /api/v1/widget/tickets', 'GET /api/v1/widget/ticket-categories']) noObjectId.add(route);

  it("never lists or searches the other tenant's tickets and categories", async () => {
    for (const url of ['/api/v1/tickets', `/api/v1/tickets?q=${encodeURIComponent(MARKER)}`, '/api/v1/ticket-categories']) {
      const res = await t.app.inject({ url, headers: adminA.headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(MARKER);
      expect(res.body, url).not.toContain(bTicket.id);
    }
    for (const url of ['/api/v1/widget/tickets', '/api/v1/widget/ticket-categories']) {
      const res = await t.app.inject({ url, headers: visitorA.headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(MARKER);
    }
  });

  // SLA settings (tickets/sla): the calendar and the policy list are the caller's own; a policy id of B is not found.
  let slaPolicyB = '';
  beforeAll(async () => {
    const adminB = await t.login(b, 'admin');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/sla-policies', headers: adminB.headers, payload: { name: `${MARKER} 策略`, firstResponseMinutes: 30 } });
    slaPolicyB = created.json().id;
  });
  for (const route of ['GET /api/v1/business-calendar', 'PUT /api/v1/business-calendar', 'GET /api/v1/business-calendar/year', 'GET /api/v1/sla-policies', 'POST /api/v1/sla-policies']) noObjectId.add(route);
  matrix['PATCH /api/v1/sla-policies/:id'] = () => ({ method: 'PATCH', url: `/api/v1/sla-policies/${slaPolicyB}`, payload: { name: 'hacked' }, headers: adminA.headers });
  matrix['DELETE /api/v1/sla-policies/:id'] = () => ({ method: 'DELETE', url: `/api/v1/sla-policies/${slaPolicyB}`, headers: adminA.headers });

  // Routing (issue #13): B's agent group and routing rule; a rule naming B's group, or members put into B's group, are 404 too.
  const routingB = { group: '', rule: '' };
  beforeAll(async () => {
    const ctx = { tenantId: b.id };
    routingB.group = (await t.as(b, () => t.app.zhida.routing.groups.create(ctx, { name: `${MARKER} 组` }))).id;
    routingB.rule = (await t.as(b, () => t.app.zhida.routing.rules.create(ctx, { name: `${MARKER} 规则`, keywords: [MARKER], groupId: routingB.group }))).id;
  });
  matrix['PATCH /api/v1/agent-groups/:id'] = () => ({ method: 'PATCH', url: `/api/v1/agent-groups/${routingB.group}`, payload: { name: 'hacked' }, headers: adminA.headers });
  matrix['DELETE /api/v1/agent-groups/:id'] = () => ({ method: 'DELETE', url: `/api/v1/agent-groups/${routingB.group}`, headers: adminA.headers });
  matrix['GET /api/v1/agent-groups/:id/members'] = () => ({ method: 'GET', url: `/api/v1/agent-groups/${routingB.group}/members`, headers: adminA.headers });
  matrix['PUT /api/v1/agent-groups/:id/members'] = () => ({ method: 'PUT', url: `/api/v1/agent-groups/${routingB.group}/members`, payload: { members: [{ userId: a.users.agent.id }] }, headers: adminA.headers });
  matrix['POST /api/v1/ticket-routing-rules'] = () => ({ method: 'POST', url: '/api/v1/ticket-routing-rules', payload: { name: 'x', groupId: routingB.group }, headers: adminA.headers });
  matrix['PATCH /api/v1/ticket-routing-rules/:id'] = () => ({ method: 'PATCH', url: `/api/v1/ticket-routing-rules/${routingB.rule}`, payload: { active: false }, headers: adminA.headers });
  matrix['DELETE /api/v1/ticket-routing-rules/:id'] = () => ({ method: 'DELETE', url: `/api/v1/ticket-routing-rules/${routingB.rule}`, headers: adminA.headers });
  for (const route of ['GET /api/v1/agent-groups', 'POST /api/v1/agent-groups', 'PUT /api/v1/agent-groups/me/duty', 'GET /api/v1/ticket-routing-rules']) noObjectId.add(route);
  it("never lists the other tenant's agent groups or routing rules, and leaves them untouched", async () => {
    for (const url of ['/api/v1/agent-groups', '/api/v1/ticket-routing-rules']) {
      const res = await t.app.inject({ url, headers: adminA.headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(MARKER);
      expect(res.body, url).not.toContain(routingB.group);
    }
    const ctx = { tenantId: b.id };
    expect((await t.as(b, () => t.app.zhida.routing.groups.get(ctx, routingB.group))).name).toBe(`${MARKER} 组`);
    expect(await t.as(b, () => t.app.zhida.routing.groups.listMembers(ctx, routingB.group))).toEqual([]);
    expect((await t.as(b, () => t.app.zhida.routing.rules.get(ctx, routingB.rule))).active).toBe(true);
  });
  // Webhooks (webhooks/webhook-routes.test.ts checks B's endpoint stays untouched and unlisted).
  matrix['PATCH /api/v1/webhooks/:id'] = () => ({ method: 'PATCH', url: `/api/v1/webhooks/${bIds.webhook}`, payload: { active: false }, headers: adminA.headers });
  matrix['DELETE /api/v1/webhooks/:id'] = () => ({ method: 'DELETE', url: `/api/v1/webhooks/${bIds.webhook}`, headers: adminA.headers });
  matrix['GET /api/v1/webhooks/:id/deliveries'] = () => ({ method: 'GET', url: `/api/v1/webhooks/${bIds.webhook}/deliveries`, headers: adminA.headers });
  matrix['POST /api/v1/webhooks/:id/deliveries/:deliveryId/retry'] = () => ({ method: 'POST', url: `/api/v1/webhooks/${bIds.webhook}/deliveries/${bIds.webhookDelivery}/retry`, headers: adminA.headers });
  matrix['POST /api/v1/webhooks/:id/test'] = () => ({ method: 'POST', url: `/api/v1/webhooks/${bIds.webhook}/test`, headers: adminA.headers });
  for (const route of ['GET /api/v1/webhooks', 'POST /api/v1/webhooks']) noObjectId.add(route);

  // The handoff queue (#14): B's request; B's conversation for transfer, notes, invite, close and the widget's handoff routes.
  const handoffB = { request: '' };
  beforeAll(async () => {
    handoffB.request = crypto.randomUUID();
    await t.as(b, () =>
      handoffDatabase(t.app.zhida.database.db)
        .insertInto('handoff_requests')
        .values({ id: handoffB.request, tenant_id: b.id, conversation_id: bIds.conversation, reason: 'user_request', priority: 3, status: 'queued' })
        .execute(),
    );
  });
  matrix['PATCH /api/v1/agents/:userId'] = () => ({ method: 'PATCH', url: `/api/v1/agents/${bIds.user}`, payload: { maxChats: 1 }, headers: adminA.headers });
  matrix['POST /api/v1/handoff/requests/:id/accept'] = () => ({ method: 'POST', url: `/api/v1/handoff/requests/${handoffB.request}/accept`, headers: adminA.headers });
  matrix['POST /api/v1/handoff/requests/:id/decline'] = () => ({ method: 'POST', url: `/api/v1/handoff/requests/${handoffB.request}/decline`, headers: adminA.headers });
  matrix['POST /api/v1/handoff/requests/:id/reassign'] = () => ({ method: 'POST', url: `/api/v1/handoff/requests/${handoffB.request}/reassign`, payload: { toUserId: a.users.admin.id }, headers: adminA.headers });
  matrix['POST /api/v1/conversations/:id/transfer'] = () => ({ method: 'POST', url: `/api/v1/conversations/${bIds.conversation}/transfer`, payload: { toUserId: a.users.agent.id }, headers: adminA.headers });
  matrix['POST /api/v1/conversations/:id/notes'] = () => ({ method: 'POST', url: `/api/v1/conversations/${bIds.conversation}/notes`, payload: { text: 'x', clientMsgId: 'n1' }, headers: adminA.headers });
  matrix['POST /api/v1/conversations/:id/invite'] = () => ({ method: 'POST', url: `/api/v1/conversations/${bIds.conversation}/invite`, payload: { userId: a.users.supervisor.id }, headers: adminA.headers });
  matrix['POST /api/v1/conversations/:id/close'] = () => ({ method: 'POST', url: `/api/v1/conversations/${bIds.conversation}/close`, payload: { disposition: 'spam' }, headers: adminA.headers });
  matrix['GET /api/v1/widget/conversations/:id/handoff'] = () => ({ method: 'GET', url: `/api/v1/widget/conversations/${bIds.conversation}/handoff`, headers: visitorA.headers });
  matrix['POST /api/v1/widget/conversations/:id/handoff/cancel'] = () => ({ method: 'POST', url: `/api/v1/widget/conversations/${bIds.conversation}/handoff/cancel`, headers: visitorA.headers });
  matrix['POST /api/v1/widget/conversations/:id/leave-message'] = () => ({ method: 'POST', url: `/api/v1/widget/conversations/${bIds.conversation}/leave-message`, payload: { text: 'x' }, headers: visitorA.headers });
  for (const route of ['GET /api/v1/agents/me', 'PUT /api/v1/agents/me/presence', 'GET /api/v1/agents', 'GET /api/v1/handoff/queue', 'GET /api/v1/handoff/mine', 'GET /api/v1/handoff/overview']) noObjectId.add(route);
  it("never lists the other tenant's agents or queue, and leaves B's request waiting", async () => {
    for (const url of ['/api/v1/agents', '/api/v1/handoff/queue', '/api/v1/handoff/overview']) {
      const res = await t.app.inject({ url, headers: adminA.headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(bIds.user);
      expect(res.body, url).not.toContain(handoffB.request);
      expect(res.body, url).not.toContain(bIds.conversation);
    }
    const row = await t.as(b, () => t.app.zhida.handoff.view.one({ tenantId: b.id }, handoffB.request));
    expect(row.status).toBe('queued');
  });

  // Agent context and assist (handoff #14): B's conversation, canned reply and shown suggestion; A's canned reply rendered on B's conversation is 404 too.
  const assistB = { canned: '', suggestion: '', cannedOfA: '' };
  beforeAll(async () => {
    const { agentAssist } = t.app.zhida;
    assistB.canned = (await t.as(b, () => agentAssist.canned.create({ tenantId: b.id, userId: null, mayWriteTenant: true }, { shortcut: 'bonly', title: `${MARKER} 话术`, body: `${MARKER} 正文`, scope: 'tenant' }))).id;
    assistB.cannedOfA = (await t.as(a, () => agentAssist.canned.create({ tenantId: a.id, userId: null, mayWriteTenant: true }, { shortcut: 'aonly', title: 'A 的话术', body: '您好{customerName}', scope: 'tenant' }))).id;
    const [shown] = await t.as(b, () => agentAssist.suggestions.recordShown({ tenantId: b.id }, { conversationId: bIds.conversation, userId: null, messageId: null }, [{ kind: 'empathy', title: MARKER, body: MARKER, refId: null, score: null }]));
    assistB.suggestion = shown!.id;
  });
  matrix['GET /api/v1/conversations/:id/context'] = () => ({ method: 'GET', url: `/api/v1/conversations/${bIds.conversation}/context`, headers: adminA.headers });
  matrix['GET /api/v1/conversations/:id/assist'] = () => ({ method: 'GET', url: `/api/v1/conversations/${bIds.conversation}/assist`, headers: adminA.headers });
  matrix['POST /api/v1/assist/suggestions/:id/used'] = () => ({ method: 'POST', url: `/api/v1/assist/suggestions/${assistB.suggestion}/used`, headers: adminA.headers });
  matrix['PATCH /api/v1/canned-replies/:id'] = () => ({ method: 'PATCH', url: `/api/v1/canned-replies/${assistB.canned}`, payload: { title: 'hacked' }, headers: adminA.headers });
  matrix['DELETE /api/v1/canned-replies/:id'] = () => ({ method: 'DELETE', url: `/api/v1/canned-replies/${assistB.canned}`, headers: adminA.headers });
  matrix['GET /api/v1/canned-replies/:id/render'] = () => ({ method: 'GET', url: `/api/v1/canned-replies/${assistB.cannedOfA}/render?conversationId=${bIds.conversation}`, headers: adminA.headers });
  matrix['GET /api/v1/conversations/:id/actions'] = () => ({ method: 'GET', url: `/api/v1/conversations/${bIds.conversation}/actions`, headers: adminA.headers });
  matrix['POST /api/v1/conversations/:id/actions'] = () => ({ method: 'POST', url: `/api/v1/conversations/${bIds.conversation}/actions`, payload: { name: 'orders.get', args: { orderId: '20261118883301' } }, headers: adminA.headers });
  for (const route of ['GET /api/v1/canned-replies', 'POST /api/v1/canned-replies', 'GET /api/v1/assist/search']) noObjectId.add(route);
  // 猜你想办 experiments and impressions, bottleneck findings (#17): B's rows, written as B.
  const bRec = { experiment: randomUUID(), impression: randomUUID(), finding: randomUUID() };
  beforeAll(async () => {
    const db = t.app.zhida.database.db;
    await t.as(b, async () => {
      await sql`insert into rec_experiments (id, tenant_id, name) values (${bRec.experiment}, ${b.id}, ${MARKER})`.execute(db);
      await sql`insert into rec_experiment_variants (tenant_id, experiment_id, key, strategy, weight) values (${b.id}, ${bRec.experiment}, 'p', 'popular', 1)`.execute(db);
      const bVisitor = await db.selectFrom('conversations').select('visitor_id').where('id', '=', bIds.conversation).executeTakeFirstOrThrow();
      await sql`insert into rec_impressions (id, tenant_id, strategy, visitor_id, moment, items) values (${bRec.impression}, ${b.id}, 'popular', ${bVisitor.visitor_id}, 'welcome', ${JSON.stringify([{ id: 'order_status', intent: 'order_status', score: 1, reason: 'popular' }])}::jsonb)`.execute(db);
      await sql`insert into analytics_findings (id, tenant_id, kind, subject_key, subject_label, day, comparison, rate, events, trials, reference_rate, reference_trials, p_value, q_value, summary, suggestion, evidence)
        values (${bRec.finding}, ${b.id}, 'faq_unhelpful', 'x', ${MARKER}, '2026-12-01', 'peers', 0.5, 10, 20, 0.1, 100, 0.001, 0.001, ${MARKER}, 'x', '{}'::jsonb)`.execute(db);
    });
  });
  for (const route of ['GET /api/v1/recommendations/experiments', 'POST /api/v1/recommendations/experiments', 'GET /api/v1/analytics/findings']) noObjectId.add(route);
  matrix['GET /api/v1/widget/recommendations'] = () => ({ method: 'GET', url: `/api/v1/widget/recommendations?conversationId=${bIds.conversation}`, headers: visitorA.headers });
  matrix['POST /api/v1/widget/recommendations/:id/click'] = () => ({ method: 'POST', url: `/api/v1/widget/recommendations/${bRec.impression}/click`, payload: { itemId: 'order_status' }, headers: visitorA.headers });
  matrix['GET /api/v1/recommendations/experiments/:id'] = () => ({ method: 'GET', url: `/api/v1/recommendations/experiments/${bRec.experiment}`, headers: adminA.headers });
  matrix['PATCH /api/v1/recommendations/experiments/:id'] = () => ({ method: 'PATCH', url: `/api/v1/recommendations/experiments/${bRec.experiment}`, payload: { status: 'stopped' }, headers: adminA.headers });
  matrix['POST /api/v1/analytics/findings/:id/dismiss'] = () => ({ method: 'POST', url: `/api/v1/analytics/findings/${bRec.finding}/dismiss`, headers: adminA.headers });
  matrix['POST /api/v1/analytics/findings/:id/done'] = () => ({ method: 'POST', url: `/api/v1/analytics/findings/${bRec.finding}/done`, headers: adminA.headers });
  it("never lists the other tenant's experiments or findings", async () => {
    for (const url of ['/api/v1/recommendations/experiments', '/api/v1/analytics/findings']) {
      const res = await t.app.inject({ url, headers: adminA.headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(MARKER);
    }
  });

  it("never lists or offers the other tenant's canned replies, and leaves them untouched", async () => {
    for (const url of ['/api/v1/canned-replies', `/api/v1/assist/search?q=${encodeURIComponent(MARKER)}`, '/api/v1/assist/search?q=bonly']) {
      const res = await t.app.inject({ url, headers: adminA.headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(MARKER);
    }
    const rendered = await t.app.inject({ url: `/api/v1/canned-replies/${assistB.canned}/render?conversationId=${visitorA.conversationId}`, headers: adminA.headers });
    expect(rendered.statusCode).toBe(404);
    const kept = await t.as(b, () => t.app.zhida.agentAssist.canned.get({ tenantId: b.id, userId: null, mayWriteTenant: true }, assistB.canned));
    expect(kept.title).toBe(`${MARKER} 话术`);
  });

  // Feedback (#17): B's rating with its follow-up and survey, on B's conversation (feedback/feedback.test.ts checks the rest).
  const feedbackB = { rating: '', followUp: '' };
  beforeAll(async () => {
    feedbackB.rating = crypto.randomUUID();
    feedbackB.followUp = crypto.randomUUID();
    const fdb = feedbackDatabase(t.app.zhida.database.db);
    const visitor = await t.as(b, () => fdb.selectFrom('conversations').select('visitor_id').where('id', '=', bIds.conversation).executeTakeFirstOrThrow());
    await t.as(b, async () => {
      await fdb.insertInto('feedback_surveys').values({ id: crypto.randomUUID(), tenant_id: b.id, conversation_id: bIds.conversation, visitor_id: visitor.visitor_id, trigger: 'closed' }).execute();
      await fdb.insertInto('conversation_ratings').values({ id: feedbackB.rating, tenant_id: b.id, conversation_id: bIds.conversation, survey_id: null, visitor_id: visitor.visitor_id, agent_id: null, group_id: null, stars: 1, comment: MARKER }).execute();
      await fdb.insertInto('follow_ups').values({ id: feedbackB.followUp, tenant_id: b.id, rating_id: feedbackB.rating, ticket_id: null, outcome: 'resolved', outcome_by: null, customer_stars: null }).execute();
    });
  });
  matrix['GET /api/v1/widget/conversations/:id/feedback'] = () => ({ method: 'GET', url: `/api/v1/widget/conversations/${bIds.conversation}/feedback`, headers: visitorA.headers });
  matrix['POST /api/v1/widget/conversations/:id/survey-shown'] = () => ({ method: 'POST', url: `/api/v1/widget/conversations/${bIds.conversation}/survey-shown`, headers: visitorA.headers });
  matrix['POST /api/v1/widget/conversations/:id/rating'] = () => ({ method: 'POST', url: `/api/v1/widget/conversations/${bIds.conversation}/rating`, payload: { stars: 5 }, headers: visitorA.headers });
  matrix['POST /api/v1/widget/conversations/:id/answer-feedback'] = () => ({ method: 'POST', url: `/api/v1/widget/conversations/${bIds.conversation}/answer-feedback`, payload: { messageId: crypto.randomUUID(), helpful: false }, headers: visitorA.headers });
  matrix['POST /api/v1/widget/follow-ups/:id/rating'] = () => ({ method: 'POST', url: `/api/v1/widget/follow-ups/${feedbackB.followUp}/rating`, payload: { stars: 5 }, headers: visitorA.headers });
  matrix['GET /api/v1/feedback/follow-ups/:id'] = () => ({ method: 'GET', url: `/api/v1/feedback/follow-ups/${feedbackB.followUp}`, headers: adminA.headers });
  matrix['PATCH /api/v1/feedback/follow-ups/:id'] = () => ({ method: 'PATCH', url: `/api/v1/feedback/follow-ups/${feedbackB.followUp}`, payload: { outcome: 'not_resolved' }, headers: adminA.headers });
  for (const route of ['GET /api/v1/feedback/summary', 'GET /api/v1/feedback/ratings', 'GET /api/v1/feedback/follow-ups']) noObjectId.add(route);
  // The monthly report (#17): B's stored report (analytics/report/monthly-report.test.ts renders a real one).
  const reportB = { id: '' };
  beforeAll(async () => {
    reportB.id = crypto.randomUUID();
    await t.as(b, () => feedbackDatabase(t.app.zhida.database.db).insertInto('monthly_reports').values({ id: reportB.id, tenant_id: b.id, month: '2026-11', html: `<p>${MARKER}</p>`, pdf: Buffer.from('%PDF-1.4'), pdf_error: null, email_error: null }).execute());
  });
  matrix['GET /api/v1/reports/monthly/:id/html'] = () => ({ method: 'GET', url: `/api/v1/reports/monthly/${reportB.id}/html`, headers: adminA.headers });
  matrix['GET /api/v1/reports/monthly/:id/pdf'] = () => ({ method: 'GET', url: `/api/v1/reports/monthly/${reportB.id}/pdf`, headers: adminA.headers });
  for (const route of ['GET /api/v1/reports/monthly', 'POST /api/v1/reports/monthly']) noObjectId.add(route);
  it("never lists or counts the other tenant's ratings and follow-ups, and leaves them untouched", async () => {
    for (const url of ['/api/v1/feedback/ratings', '/api/v1/feedback/follow-ups']) {
      const res = await t.app.inject({ url, headers: adminA.headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(MARKER);
      expect(res.body, url).not.toContain(feedbackB.followUp);
    }
    expect((await t.app.inject({ url: '/api/v1/feedback/summary', headers: adminA.headers })).json()).toMatchObject({ ratings: 0, followUps: { created: 0 } });
    expect((await t.app.inject({ url: '/api/v1/reports/monthly', headers: adminA.headers })).body).not.toContain(reportB.id);
    const kept = await t.as(b, () => feedbackDatabase(t.app.zhida.database.db).selectFrom('follow_ups').selectAll().where('id', '=', feedbackB.followUp).executeTakeFirstOrThrow());
    expect(kept).toMatchObject({ status: 'open', outcome: 'resolved', customer_stars: null });
  });

  // Analytics (issue #17): a group filter naming B's group is 404 on the dashboard and both exports; A's dashboard never shows B's numbers.
  for (const route of ['GET /api/v1/analytics/dashboard', 'GET /api/v1/analytics/export/daily.csv', 'GET /api/v1/analytics/export/conversations.csv']) {
    const path = route.slice('GET '.length);
    matrix[route] = () => ({ method: 'GET', url: `${path}?from=2026-01-01&to=2026-01-31&groupId=${routingB.group}`, headers: adminA.headers });
  }
  it("never counts the other tenant's analytics events", async () => {
    const day = new Date().toISOString().slice(0, 10);
    await t.app.zhida.analytics.recorder.record(b.id, [{ type: 'conversation.started', occurredAt: new Date(), channel: MARKER }]);
    const res = await t.app.inject({ url: `/api/v1/analytics/dashboard?from=${day}&to=${day}&channel=${encodeURIComponent(MARKER)}`, headers: adminA.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().totals.visits).toBe(0);
    const csv = await t.app.inject({ url: `/api/v1/analytics/export/conversations.csv?from=${day}&to=${day}`, headers: adminA.headers });
    expect(csv.body).not.toContain(bIds.conversation);
  });

  // Documents (#18): B's document and passage; A's admin reaches neither, nor B's file or view.
  const docsB = { document: '', passage: '' };
  beforeAll(async () => {
    const imported = await t.as(b, () =>
      t.app.zhida.documents.importer.importUpload({ tenantId: b.id }, { data: Buffer.from(`# ${MARKER} 手册\n\n## 运费\n\n${MARKER} 运费由卖家承担。`), filename: 'b.md', declaredMime: 'text/markdown', importedBy: null }),
    );
    docsB.document = imported.documentId;
    docsB.passage = (await t.as(b, () => t.app.zhida.documents.repository.passages({ tenantId: b.id }, imported.documentId)))[0]!.id;
  });
  const multipart = (text: string) => {
    const boundary = 'zhidaBoundary7';
    return {
      headers: { ...adminA.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.md"\r\nContent-Type: text/markdown\r\n\r\n${text}\r\n--${boundary}--\r\n`),
    };
  };
  matrix['GET /api/v1/documents/:id'] = () => ({ method: 'GET', url: `/api/v1/documents/${docsB.document}`, headers: adminA.headers });
  matrix['GET /api/v1/documents/:id/versions'] = () => ({ method: 'GET', url: `/api/v1/documents/${docsB.document}/versions`, headers: adminA.headers });
  matrix['POST /api/v1/documents/:id/versions'] = () => ({ method: 'POST', url: `/api/v1/documents/${docsB.document}/versions`, ...multipart('# 篡改\n\n新内容。') });
  matrix['GET /api/v1/documents/:id/versions/:version/file'] = () => ({ method: 'GET', url: `/api/v1/documents/${docsB.document}/versions/1/file`, headers: adminA.headers });
  matrix['POST /api/v1/documents/:id/refresh'] = () => ({ method: 'POST', url: `/api/v1/documents/${docsB.document}/refresh`, headers: adminA.headers });
  matrix['GET /api/v1/documents/:id/uses'] = () => ({ method: 'GET', url: `/api/v1/documents/${docsB.document}/uses`, headers: adminA.headers });
  matrix['PATCH /api/v1/documents/:id/passages/:passageId'] = () => ({ method: 'PATCH', url: `/api/v1/documents/${docsB.document}/passages/${docsB.passage}`, payload: { enabled: false }, headers: adminA.headers });
  matrix['DELETE /api/v1/documents/:id'] = () => ({ method: 'DELETE', url: `/api/v1/documents/${docsB.document}`, headers: adminA.headers });
  // The documents LLM settings act on the caller's own tenant only (documents/answer/document-answers.test.ts).
  for (const route of ['GET /api/v1/settings/document-llm', 'PUT /api/v1/settings/document-llm']) noObjectId.add(route);
  matrix['GET /api/v1/documents/:id/view'] = () => ({ method: 'GET', url: `/api/v1/documents/${docsB.document}/view`, headers: adminA.headers });
  for (const route of ['GET /api/v1/documents', 'POST /api/v1/documents', 'POST /api/v1/documents/import-url', 'GET /api/v1/documents/settings', 'PUT /api/v1/documents/settings']) noObjectId.add(route);
  it("never lists the other tenant's documents or passages, and leaves them untouched", async () => {
    const res = await t.app.inject({ url: '/api/v1/documents', headers: adminA.headers });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(MARKER);
    expect(res.body).not.toContain(docsB.document);
    // A's passage of A's own document, addressed under B's document id, is 404 too.
    const own = await t.as(a, () => t.app.zhida.documents.importer.importUpload({ tenantId: a.id }, { data: Buffer.from('A 的文档。'), filename: 'a.txt', declaredMime: 'text/plain', importedBy: null }));
    const ownPassage = (await t.as(a, () => t.app.zhida.documents.repository.passages({ tenantId: a.id }, own.documentId)))[0]!.id;
    const crossed = await t.app.inject({ method: 'PATCH', url: `/api/v1/documents/${docsB.document}/passages/${ownPassage}`, headers: adminA.headers, payload: { enabled: false } });
    expect(crossed.statusCode).toBe(404);
    const passages = await t.as(b, () => t.app.zhida.documents.passages.listEnabledPassages({ tenantId: b.id }));
    expect(passages.map((p) => p.passageId)).toEqual([docsB.passage]);
    expect(passages[0]!.text).toContain(MARKER);
    expect(await t.as(a, () => t.app.zhida.documents.passages.listEnabledPassages({ tenantId: a.id }))).not.toContainEqual(expect.objectContaining({ documentId: docsB.document }));
  });

  // Privacy (issue #19): B's data subject request and B's message; A's request naming B's visitor finds no one.
  const privacyB = { request: '', message: '', visitor: '' };
  beforeAll(async () => {
    const visitorB = await t.system(() => t.app.zhida.database.db.selectFrom('conversations').select('visitor_id').where('id', '=', bIds.conversation).executeTakeFirstOrThrow());
    privacyB.visitor = visitorB.visitor_id;
    privacyB.request = (await t.as(b, () => t.app.zhida.privacy.requests.create({ tenantId: b.id }, { kind: 'export', subjectType: 'visitor', subjectRef: visitorB.visitor_id }, { actorType: 'system', actorId: null }))).id;
    privacyB.message = (await t.system(() => t.app.zhida.database.db.selectFrom('messages').select('id').where('conversation_id', '=', bIds.conversation).executeTakeFirstOrThrow())).id;
  });
  matrix['GET /api/v1/privacy/requests/:id'] = () => ({ method: 'GET', url: `/api/v1/privacy/requests/${privacyB.request}`, headers: adminA.headers });
  matrix['POST /api/v1/privacy/requests/:id/execute'] = () => ({ method: 'POST', url: `/api/v1/privacy/requests/${privacyB.request}/execute`, headers: adminA.headers });
  matrix['GET /api/v1/privacy/requests/:id/archive'] = () => ({ method: 'GET', url: `/api/v1/privacy/requests/${privacyB.request}/archive`, headers: adminA.headers });
  matrix['POST /api/v1/privacy/requests'] = () => ({ method: 'POST', url: '/api/v1/privacy/requests', payload: { kind: 'delete', subject: { type: 'visitor', ref: privacyB.visitor } }, headers: adminA.headers });
  matrix['POST /api/v1/conversations/:id/messages/:messageId/reveal'] = () => ({ method: 'POST', url: `/api/v1/conversations/${bIds.conversation}/messages/${privacyB.message}/reveal`, headers: adminA.headers });
  matrix['POST /api/v1/widget/privacy/consents'] = () => ({ method: 'POST', url: '/api/v1/widget/privacy/consents', payload: { scope: 'notice', action: 'granted', noticeVersion: 1, conversationId: bIds.conversation }, headers: visitorA.headers });
  matrix['GET /api/v1/privacy/subjects/:id/consents'] = () => ({ method: 'GET', url: `/api/v1/privacy/subjects/${privacyB.visitor}/consents`, headers: adminA.headers });
  matrix['POST /api/v1/conversations/:id/context/reveal'] = () => ({ method: 'POST', url: `/api/v1/conversations/${bIds.conversation}/context/reveal`, headers: adminA.headers });
  // The subject search and the audit-chain check read the caller's tenant only (privacy/privacy-console.test.ts: B's visitor is not found from A).
  for (const route of ['GET /api/v1/privacy/subjects', 'GET /api/v1/privacy/audit/verify']) noObjectId.add(route);
  // Settings, the request list, retention reports and the visitor's own consents are the caller's tenant (privacy/privacy.test.ts checks B's stay apart).
  for (const route of ['GET /api/v1/privacy/settings', 'PUT /api/v1/privacy/settings', 'GET /api/v1/privacy/requests', 'GET /api/v1/privacy/retention/runs', 'GET /api/v1/widget/privacy/notice', 'GET /api/v1/widget/privacy/consents']) noObjectId.add(route);

  // WeChat channel (#15): B's account. The callback is WeChat's, public, and authenticated by the account's own
  // Token signature (channels/wechat/wechat.test.ts: a wrong signature is refused and stores nothing).
  const wechatB = { account: '' };
  beforeAll(async () => {
    wechatB.account = (
      await t.as(b, () => t.app.zhida.wechat.accounts.create({ tenantId: b.id }, { kind: 'wechat_mp', name: MARKER, appId: 'wxbbbbbbbbbbbbbbbb', secret: 'b-secret-secret', token: 'btoken' }))
    ).id;
  });
  matrix['PATCH /api/v1/channels/wechat/accounts/:id'] = () => ({ method: 'PATCH', url: `/api/v1/channels/wechat/accounts/${wechatB.account}`, payload: { name: 'A 改的' }, headers: adminA.headers });
  matrix['DELETE /api/v1/channels/wechat/accounts/:id'] = () => ({ method: 'DELETE', url: `/api/v1/channels/wechat/accounts/${wechatB.account}`, headers: adminA.headers });
  for (const route of ['GET /api/v1/channels/wechat/accounts', 'POST /api/v1/channels/wechat/accounts', 'GET /api/v1/channels/wechat/:accountId/callback', 'POST /api/v1/channels/wechat/:accountId/callback']) noObjectId.add(route);
  // Video calls (#15): B's ringing call in B's conversation; calls/calls.test.ts checks the parties within a tenant.
  const callB = { id: '' };
  beforeAll(async () => {
    await t.as(b, async () => {
      await t.app.zhida.conversationRepo.update({ tenantId: b.id }, bIds.conversation, { assigneeId: b.users.agent.id });
      callB.id = (await t.app.zhida.calls.service.start({ tenantId: b.id }, b.users.agent.id, bIds.conversation, 'video')).call.id;
    });
  });
  const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(32)]);
  matrix['POST /api/v1/conversations/:id/calls'] = () => ({ method: 'POST', url: `/api/v1/conversations/${bIds.conversation}/calls`, payload: { kind: 'video' }, headers: adminA.headers });
  matrix['GET /api/v1/conversations/:id/calls'] = () => ({ method: 'GET', url: `/api/v1/conversations/${bIds.conversation}/calls`, headers: adminA.headers });
  matrix['POST /api/v1/calls/:id/hangup'] = () => ({ method: 'POST', url: `/api/v1/calls/${callB.id}/hangup`, payload: {}, headers: adminA.headers });
  matrix['GET /api/v1/calls/:id/ice-servers'] = () => ({ method: 'GET', url: `/api/v1/calls/${callB.id}/ice-servers`, headers: adminA.headers });
  matrix['POST /api/v1/calls/:id/recording'] = () => ({ method: 'POST', url: `/api/v1/calls/${callB.id}/recording`, payload: webm, headers: { ...adminA.headers, 'content-type': 'video/webm' } });
  matrix['GET /api/v1/widget/conversations/:id/call'] = () => ({ method: 'GET', url: `/api/v1/widget/conversations/${bIds.conversation}/call`, headers: visitorA.headers });
  matrix['POST /api/v1/widget/calls/:id/accept'] = () => ({ method: 'POST', url: `/api/v1/widget/calls/${callB.id}/accept`, payload: { recordingConsent: true }, headers: visitorA.headers });
  matrix['POST /api/v1/widget/calls/:id/decline'] = () => ({ method: 'POST', url: `/api/v1/widget/calls/${callB.id}/decline`, headers: visitorA.headers });
  matrix['POST /api/v1/widget/calls/:id/hangup'] = () => ({ method: 'POST', url: `/api/v1/widget/calls/${callB.id}/hangup`, payload: {}, headers: visitorA.headers });
  // The call settings are the caller's own tenant's.
  for (const route of ['GET /api/v1/call-settings', 'PUT /api/v1/call-settings']) noObjectId.add(route);

  it('knows every /api route', () => {
    const unknown = t.app.zhida.routes.map((r) => `${r.method} ${r.url}`).filter((k) => !(k in matrix) && !noObjectId.has(k));
    expect(unknown).toEqual([]);
  });

  it("answers 404 for another tenant's object on every route", async () => {
    const results: Record<string, number> = {};
    for (const [key, call] of Object.entries(matrix)) {
      const c = call();
      const res = await t.app.inject({ method: c.method as 'GET', url: c.url, headers: c.headers, ...(c.payload ? { payload: c.payload as object } : {}) });
      results[key] = res.statusCode;
    }
    expect(Object.values(results).every((s) => s === 404), JSON.stringify(results)).toBe(true);
  });

  it("leaves the other tenant's call ringing", async () => {
    const call = await t.system(() => t.app.zhida.database.db.selectFrom('calls' as never).select('state' as never).where('id' as never, '=', callB.id as never).executeTakeFirstOrThrow());
    expect(call).toEqual({ state: 'ringing' });
  });

  it("leaves the other tenant's objects untouched", async () => {
    const ctx = { tenantId: b.id };
    await t.as(b, async () => {
      const faq = await t.app.zhida.faqs.get(ctx, bIds.faq);
      expect(faq.answer).toContain(MARKER);
      const user = await t.app.zhida.users.get(ctx, bIds.user);
      expect(user.role).toBe('agent');
      const conv = await t.app.zhida.conversations.get(ctx, bIds.conversation);
      expect(conv.status).toBe('open');
      expect((await t.app.zhida.apiKeys.list(ctx))[0]!.revokedAt).toBeNull();
    });
  });

  it("never lists, searches or counts the other tenant's objects", async () => {
    for (const url of ['/api/v1/conversations', '/api/v1/kb/faqs', `/api/v1/kb/faqs?q=${encodeURIComponent(MARKER)}`, '/api/v1/users', '/api/v1/api-keys', '/api/v1/kb/articles', `/api/v1/kb/search?q=${encodeURIComponent(MARKER)}`, '/api/v1/channels/wechat/accounts']) {
      const res = await t.app.inject({ url, headers: adminA.headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(MARKER);
      expect(res.body, url).not.toContain(bIds.conversation);
      expect(res.body, url).not.toContain(bIds.user);
    }
  });

  it("never lists the other tenant's webhook endpoints", async () => {
    const res = await t.app.inject({ url: '/api/v1/webhooks', headers: adminA.headers });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(MARKER);
    expect(res.body).not.toContain(bIds.webhook);
  });

  it('ignores a tenantId smuggled into a query string or body', async () => {
    const list = await t.app.inject({ url: `/api/v1/conversations?tenantId=${b.id}`, headers: adminA.headers });
    expect(list.statusCode).toBe(400);
    const create = await t.app.inject({ method: 'POST', url: '/api/v1/kb/faqs', headers: adminA.headers, payload: { question: 'q', answer: 'a', tenantId: b.id } });
    expect(create.statusCode).toBe(400);
  });

  it("refuses to assign a conversation to another tenant's user", async () => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/conversations/${visitorA.conversationId}`, headers: adminA.headers, payload: { assigneeId: bIds.user } });
    expect(res.statusCode).toBe(404);
    expect((await t.as(a, () => t.app.zhida.conversations.get({ tenantId: a.id }, visitorA.conversationId))).assigneeId).toBeNull();
  });

  it("refuses a login to another tenant with this tenant's credentials", async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: 'tenant-b', email: a.users.admin.email, password: 'correct horse battery' } });
    expect(res.statusCode).toBe(401);
  });

  it("never answers from the other tenant's documents", async () => {
    const hits = await t.as(a, () => t.app.zhida.documentAnswers.answerer.search({ tenantId: a.id }, `${MARKER} 运费由谁承担`));
    expect(JSON.stringify(hits)).not.toContain(MARKER);
    const answer = await t.as(a, () => t.app.zhida.documentAnswers.answerer.answer({ tenantId: a.id }, `${MARKER} 运费由谁承担`));
    expect(answer.kind).not.toBe('answer');
    const q = encodeURIComponent(`${MARKER} 运费由谁承担`);
    for (const [url, headers] of [[`/api/v1/kb/search?q=${q}`, adminA.headers], [`/api/v1/widget/search?q=${q}`, visitorA.headers]] as const) {
      const res = await t.app.inject({ url, headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(MARKER);
    }
  });
});

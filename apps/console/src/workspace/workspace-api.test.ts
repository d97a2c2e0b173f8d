import { describe, expect, it } from 'vitest';
import { ApiClient } from '../api/api-client.js';
import { ApiError } from '../api/api-error.js';
import { sendWithRetry } from '../conversations/send-with-retry.js';
import { adminSession, errorResponse, fakeApiServer, jsonResponse, type FakeCall } from '../test-support/fake-api-server.js';
import { WorkspaceApi } from './workspace-api.js';

const bodyOf = (call: FakeCall | undefined) => (call?.init.body === undefined ? undefined : JSON.parse(String(call.init.body)));
const csrfOf = (call: FakeCall | undefined) => (call?.init.headers as Record<string, string>)['x-csrf-token'];

/** A signed-in client (the login is the first answer) over the given answers. */
async function signedIn(answers: Array<Response | Error>) {
  const server = fakeApiServer([jsonResponse(200, adminSession), ...answers]);
  const client = new ApiClient({ fetch: server.fetch });
  await client.login({ tenant: 'demo-ecommerce', email: 'admin@demo.test', password: 'pw' });
  server.calls.shift();
  return { server, api: new WorkspaceApi(client) };
}

describe('workspace API: the routes of docs/design/handoff.md', () => {
  it('reads and sets the agent presence', async () => {
    const { server, api } = await signedIn([jsonResponse(200, { presence: 'offline' }), jsonResponse(200, { presence: 'online' })]);
    await api.me();
    expect(await api.setPresence('online')).toEqual({ presence: 'online' });
    expect(server.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['GET /api/v1/agents/me', 'PUT /api/v1/agents/me/presence']);
    expect(bodyOf(server.calls[1])).toEqual({ presence: 'online' });
    expect(csrfOf(server.calls[1])).toBe('csrf-123');
  });

  it('accepts and declines requests by id, escaping it', async () => {
    const { server, api } = await signedIn([jsonResponse(200, {}), jsonResponse(200, {})]);
    await api.accept('r/1');
    await api.decline('r2');
    expect(server.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['POST /api/v1/handoff/requests/r%2F1/accept', 'POST /api/v1/handoff/requests/r2/decline']);
  });

  it('turns a lost race for a chat into ApiError handoff_already_taken', async () => {
    const { api } = await signedIn([errorResponse(409, 'handoff_already_taken', 'taken')]);
    const failure = await api.accept('r1').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 409, code: 'handoff_already_taken' });
  });

  it('posts notes, transfers, invites and closes with the documented bodies', async () => {
    const { server, api } = await signedIn([jsonResponse(201, { id: 'm1', internal: true }), jsonResponse(200, {}), jsonResponse(200, {}), jsonResponse(200, {}), jsonResponse(200, { id: 'c1', status: 'closed' })]);
    await api.note('c1', '客户情绪激动', 'cm-1');
    await api.transfer('c1', { toGroupId: 'g2', note: '需要信用卡组处理' });
    await api.invite('c1', 'u-sup', '请协助');
    await api.invite('c1', 'u-sup');
    await api.close('c1', 'needs_ticket');
    expect(server.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'POST /api/v1/conversations/c1/notes',
      'POST /api/v1/conversations/c1/transfer',
      'POST /api/v1/conversations/c1/invite',
      'POST /api/v1/conversations/c1/invite',
      'POST /api/v1/conversations/c1/close',
    ]);
    expect(server.calls.map(bodyOf)).toEqual([
      { text: '客户情绪激动', clientMsgId: 'cm-1' },
      { toGroupId: 'g2', note: '需要信用卡组处理' },
      { userId: 'u-sup', note: '请协助' },
      { userId: 'u-sup' },
      { disposition: 'needs_ticket' },
    ]);
  });

  it('retries a note that met a gateway error with the same clientMsgId, so it is stored once', async () => {
    const { server, api } = await signedIn([errorResponse(503, 'unavailable'), jsonResponse(201, { id: 'm1' })]);
    await sendWithRetry(() => api.note('c1', '备注', 'cm-7'), { sleep: async () => {} });
    expect(server.calls.map(bodyOf)).toEqual([
      { text: '备注', clientMsgId: 'cm-7' },
      { text: '备注', clientMsgId: 'cm-7' },
    ]);
  });

  it('asks for assist on a given visitor message, searches the / menu and renders a canned reply for the conversation', async () => {
    const { server, api } = await signedIn([jsonResponse(200, { items: [] }), jsonResponse(200, { items: [] }), jsonResponse(200, { items: [] }), jsonResponse(200, { text: '张先生您好', missing: [], unknown: [] }), jsonResponse(200, {})]);
    await api.assist('c1', 'm-9');
    await api.assist('c1');
    await api.search('退货 地址');
    expect(await api.renderCanned('cr1', 'c1')).toEqual({ text: '张先生您好', missing: [], unknown: [] });
    await api.suggestionUsed('s1');
    expect(server.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET /api/v1/conversations/c1/assist?messageId=m-9',
      'GET /api/v1/conversations/c1/assist',
      'GET /api/v1/assist/search?q=%E9%80%80%E8%B4%A7+%E5%9C%B0%E5%9D%80',
      'GET /api/v1/canned-replies/cr1/render?conversationId=c1',
      'POST /api/v1/assist/suggestions/s1/used',
    ]);
  });

  it('lists the canned replies as / menu items for a bare slash', async () => {
    const { server, api } = await signedIn([jsonResponse(200, { items: [{ id: 'cr1', scope: 'tenant', ownerId: null, shortcut: 'thanks', title: '致谢', body: '感谢{customerName}的耐心', updatedAt: '2026-12-07T03:00:00Z' }] })]);
    expect(await api.cannedReplies()).toEqual([{ kind: 'canned', id: 'cr1', title: '致谢', body: '感谢{customerName}的耐心', shortcut: 'thanks' }]);
    expect(server.calls[0]?.url).toBe('/api/v1/canned-replies');
  });

  it('lists and runs the customer actions of a conversation', async () => {
    const { server, api } = await signedIn([jsonResponse(200, { items: [{ name: 'orders.get', usedBy: ['return'], args: {} }] }), jsonResponse(200, { ok: true, data: { status: '已发货' } })]);
    await api.actions('c1');
    expect(await api.runAction('c1', 'orders.get', { orderId: '20261118883301' })).toEqual({ ok: true, data: { status: '已发货' } });
    expect(server.calls[1]?.url).toBe('/api/v1/conversations/c1/actions');
    expect(bodyOf(server.calls[1])).toEqual({ name: 'orders.get', args: { orderId: '20261118883301' } });
  });

  it('loads the queue, my handoffs, the context and the transfer pickers', async () => {
    const { server, api } = await signedIn([jsonResponse(200, { items: [] }), jsonResponse(200, { items: [] }), jsonResponse(200, { summary: '' }), jsonResponse(200, { items: [] }), jsonResponse(200, { items: [] })]);
    await api.queue();
    await api.mine();
    await api.context('c1');
    await api.agents();
    await api.groups();
    expect(server.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET /api/v1/handoff/queue',
      'GET /api/v1/handoff/mine',
      'GET /api/v1/conversations/c1/context',
      'GET /api/v1/agents',
      'GET /api/v1/agent-groups',
    ]);
  });
});

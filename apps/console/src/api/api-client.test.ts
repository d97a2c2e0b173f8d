import { describe, expect, it } from 'vitest';
import { adminSession, fakeApiServer, jsonResponse, type FakeCall } from '../test-support/fake-api-server.js';
import { ApiClient } from './api-client.js';
import { ApiError } from './api-error.js';

const headerOf = (call: FakeCall | undefined, name: string) => (call?.init.headers as Record<string, string>)[name];

describe('staff session', () => {
  it('takes the MFA challenge of a password login to the second step, and only then writes with the CSRF token', async () => {
    const server = fakeApiServer([jsonResponse(200, { mfaRequired: true, challengeToken: 'mfa_x', expiresInSeconds: 300 }), jsonResponse(200, adminSession), jsonResponse(200, {})]);
    const api = new ApiClient({ fetch: server.fetch });
    const first = await api.login({ tenant: 'demo-ecommerce', email: 'admin@demo.test', password: 'pw' });
    expect(first).toEqual({ mfaRequired: true, challengeToken: 'mfa_x', expiresInSeconds: 300 });
    await api.loginWithMfa('mfa_x', '123456');
    expect(server.calls[1]?.url).toBe('/api/v1/auth/login/mfa');
    expect(JSON.parse(String(server.calls[1]?.init.body))).toEqual({ challengeToken: 'mfa_x', code: '123456' });
    expect(headerOf(server.calls[1], 'x-csrf-token')).toBeUndefined();
    await api.confirmMfa('654321');
    expect(headerOf(server.calls[2], 'x-csrf-token')).toBe('csrf-123');
  });

  it('sends the CSRF token returned at login on every write, and never on reads', async () => {
    const server = fakeApiServer([jsonResponse(200, adminSession), jsonResponse(200, { items: [] }), jsonResponse(201, { id: 'm1' })]);
    const api = new ApiClient({ fetch: server.fetch });

    await api.login({ tenant: 'demo-ecommerce', email: 'admin@demo.test', password: 'pw' });
    await api.listConversations('open');
    await api.sendMessage('c1', '您好', 'client-1');

    expect(headerOf(server.calls[0], 'x-csrf-token')).toBeUndefined();
    expect(headerOf(server.calls[1], 'x-csrf-token')).toBeUndefined();
    expect(headerOf(server.calls[2], 'x-csrf-token')).toBe('csrf-123');
    expect(server.calls[2]?.init.body).toBe(JSON.stringify({ text: '您好', clientMsgId: 'client-1' }));
    expect(server.calls.every((call) => call.init.credentials === 'same-origin')).toBe(true);
  });

  it('restores the token from /auth/me so a reload can still write', async () => {
    const server = fakeApiServer([jsonResponse(200, adminSession), new Response(null, { status: 204 })]);
    const api = new ApiClient({ fetch: server.fetch });

    await api.me();
    await api.deleteFaq('f1');

    expect(server.calls[1]?.init.method).toBe('DELETE');
    expect(headerOf(server.calls[1], 'x-csrf-token')).toBe('csrf-123');
  });

  it('shows the server message of a failed login and does not treat it as an expired session', async () => {
    let expired = 0;
    const server = fakeApiServer([jsonResponse(401, { error: { code: 'unauthorized', message: '邮箱或密码错误' } })]);
    const api = new ApiClient({ fetch: server.fetch, onUnauthorized: () => expired++ });

    const failure = api.login({ tenant: 'demo-ecommerce', email: 'a@b.c', password: 'wrong' });

    await expect(failure).rejects.toMatchObject({ code: 'unauthorized', message: '邮箱或密码错误', status: 401 });
    expect(expired).toBe(0);
  });

  it('reports an expired session when an authenticated call answers 401', async () => {
    let expired = 0;
    const server = fakeApiServer([jsonResponse(401, { error: { code: 'unauthorized', message: '请先登录' } })]);
    const api = new ApiClient({ fetch: server.fetch, onUnauthorized: () => expired++ });

    await expect(api.listFaqs()).rejects.toBeInstanceOf(ApiError);
    expect(expired).toBe(1);
  });

  it('changes the password with the CSRF token and both passwords in the body', async () => {
    const server = fakeApiServer([jsonResponse(200, adminSession), new Response(null, { status: 204 })]);
    const api = new ApiClient({ fetch: server.fetch });

    await api.me();
    await expect(api.changePassword('old-secret', 'new-secret-123')).resolves.toBeUndefined();

    expect(server.calls[1]?.url).toBe('/api/v1/auth/password');
    expect(headerOf(server.calls[1], 'x-csrf-token')).toBe('csrf-123');
    expect(server.calls[1]?.init.body).toBe(JSON.stringify({ currentPassword: 'old-secret', newPassword: 'new-secret-123' }));
  });

  it('forgets the token at logout even when the server is unreachable', async () => {
    const server = fakeApiServer([jsonResponse(200, adminSession), new TypeError('Failed to fetch'), jsonResponse(200, { id: 'f1' })]);
    const api = new ApiClient({ fetch: server.fetch });

    await api.login({ tenant: 'demo-ecommerce', email: 'admin@demo.test', password: 'pw' });
    await expect(api.logout()).rejects.toMatchObject({ code: 'network_error', status: 0 });
    await api.createFaq({ question: 'q', paraphrases: [], answer: 'a', category: 'c' });

    expect(headerOf(server.calls[2], 'x-csrf-token')).toBeUndefined();
  });
});

describe('request shapes', () => {
  it('builds query strings and leaves out empty filters', async () => {
    const server = fakeApiServer([jsonResponse(200, { items: [] }), jsonResponse(200, { items: [] }), jsonResponse(200, { items: [] })]);
    const api = new ApiClient({ fetch: server.fetch, baseUrl: '/api/v1' });

    await api.listFaqs({ q: '退货 运费', category: '' });
    await api.listMessages('c/1', 41);
    await api.listConversations('closed', 20);

    expect(server.calls.map((call) => call.url)).toEqual([
      '/api/v1/kb/faqs?q=%E9%80%80%E8%B4%A7+%E8%BF%90%E8%B4%B9',
      '/api/v1/conversations/c%2F1/messages?afterSeq=41&limit=200',
      '/api/v1/conversations?status=closed&limit=20',
    ]);
  });

  it('rejects a 2xx answer that is not JSON instead of handing garbage to the UI', async () => {
    const server = fakeApiServer([new Response('<html>proxy login</html>', { status: 200 })]);
    const api = new ApiClient({ fetch: server.fetch });

    await expect(api.listConversations('open')).rejects.toMatchObject({ code: 'invalid_response', status: 200 });
  });
});

describe('knowledge-base articles and suggestions', () => {
  it('filters articles only by what was chosen', async () => {
    const server = fakeApiServer([jsonResponse(200, { items: [] }), jsonResponse(200, { items: [] })]);
    const api = new ApiClient({ fetch: server.fetch });

    await api.listArticles({ status: 'published', q: '退货' });
    await api.listArticles();

    expect(server.calls[0]?.url).toBe('/api/v1/kb/articles?status=published&q=%E9%80%80%E8%B4%A7');
    expect(server.calls[1]?.url).toBe('/api/v1/kb/articles');
  });

  it('publishes the newest version unless one is named (a rollback), with the CSRF token', async () => {
    const server = fakeApiServer([jsonResponse(200, adminSession), jsonResponse(200, {}), jsonResponse(200, {})]);
    const api = new ApiClient({ fetch: server.fetch });

    await api.login({ tenant: 'demo-ecommerce', email: 'admin@demo.test', password: 'pw' });
    await api.publishArticle('a/1');
    await api.publishArticle('a1', 2);

    expect(server.calls[1]?.url).toBe('/api/v1/kb/articles/a%2F1/publish');
    expect(server.calls[1]?.init.body).toBe('{}');
    expect(server.calls[2]?.init.body).toBe(JSON.stringify({ version: 2 }));
    expect(headerOf(server.calls[2], 'x-csrf-token')).toBe('csrf-123');
  });

  it('posts accept with the reviewer’s edits and reject without a body', async () => {
    const server = fakeApiServer([jsonResponse(200, { suggestion: {}, faq: {} }), jsonResponse(200, {})]);
    const api = new ApiClient({ fetch: server.fetch });

    await api.acceptSuggestion('s1', { answer: '七天内可退', paraphrases: ['能退吗'] });
    await api.rejectSuggestion('s2');

    expect(server.calls[0]?.url).toBe('/api/v1/kb/suggestions/s1/accept');
    expect(server.calls[0]?.init.body).toBe(JSON.stringify({ answer: '七天内可退', paraphrases: ['能退吗'] }));
    expect(server.calls[1]?.init.method).toBe('POST');
    expect(server.calls[1]?.init.body).toBeUndefined();
    expect(headerOf(server.calls[1], 'content-type')).toBeUndefined();
  });

  it('turns a second decision into an already_decided error', async () => {
    const server = fakeApiServer([jsonResponse(409, { error: { code: 'already_decided', message: 'This suggestion has already been decided' } })]);
    const api = new ApiClient({ fetch: server.fetch });

    const failure = await api.rejectSuggestion('s1').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('already_decided');
    expect((failure as ApiError).status).toBe(409);
  });
});

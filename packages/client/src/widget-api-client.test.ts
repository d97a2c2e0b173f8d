import { describe, expect, it } from 'vitest';
import { WidgetApiClient } from './widget-api-client.js';
import { messageFixture } from './test-support/message-fixture.js';
import { WidgetApiError } from './widget-api-error.js';

interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(respond: (req: Recorded) => Response | Promise<Response>) {
  const requests: Recorded[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const req: Recorded = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(req);
    return respond(req);
  }) as typeof fetch;
  return { fetchFn, requests };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const session = { conversationId: 'c-1', visitorToken: 'vt-secret' };

describe('widget API client', () => {
  it('starts a conversation for the tenant, sending only the identity fields it has', async () => {
    const { fetchFn, requests } = fakeFetch(() =>
      json(201, { conversationId: 'c-1', visitorToken: 'vt', visitor: { id: 'v-1', name: null, verified: false }, messages: [messageFixture({ seq: 1 })] }),
    );
    const api = new WidgetApiClient('https://cs.example.com/', fetchFn);
    const created = await api.createConversation('demo-ecommerce', { userId: 'u-42', name: '' });
    expect(requests[0]).toMatchObject({ url: 'https://cs.example.com/api/v1/widget/conversations', method: 'POST', body: { tenant: 'demo-ecommerce', userId: 'u-42' } });
    expect(created.messages[0]?.seq).toBe(1);
  });

  it('authorises message calls with the visitor token', async () => {
    const { fetchFn, requests } = fakeFetch(() => json(201, { message: messageFixture({ seq: 2, senderType: 'visitor' }), replies: [] }));
    await new WidgetApiClient('https://cs.example.com', fetchFn).sendMessage(session, { text: '你好', clientMsgId: 'cm-1' });
    expect(requests[0]?.headers.authorization).toBe('Bearer vt-secret');
    expect(requests[0]?.body).toEqual({ text: '你好', clientMsgId: 'cm-1' });
  });

  it('asks for history after a given seq', async () => {
    const { fetchFn, requests } = fakeFetch(() => json(200, { items: [messageFixture({ seq: 4 })] }));
    const items = await new WidgetApiClient('https://cs.example.com', fetchFn).listMessages(session, 3, 50);
    expect(requests[0]?.url).toBe('https://cs.example.com/api/v1/widget/conversations/c-1/messages?afterSeq=3&limit=50');
    expect(items.map((m) => m.seq)).toEqual([4]);
  });

  it('uploads a voice recording as audio/wav with its clientMsgId, and returns the transcript and replies', async () => {
    const seen: { url: string; type: string | null; body: unknown }[] = [];
    const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: String(input), type: (init?.headers as Record<string, string>)['content-type'] ?? null, body: init?.body });
      return json(201, { transcript: '运费是多少', message: messageFixture({ seq: 3, senderType: 'visitor', text: '运费是多少', meta: { input: 'voice', mark: '🎤' } }), replies: [messageFixture({ seq: 4 })] });
    }) as typeof fetch;
    const wav = new Blob([new Uint8Array(44)], { type: 'audio/wav' });
    const spoken = await new WidgetApiClient('https://cs.example.com', fetchFn).sendVoice(session, { wav, clientMsgId: 'v 1' });
    expect(seen[0]).toMatchObject({ url: 'https://cs.example.com/api/v1/widget/conversations/c-1/voice?clientMsgId=v%201', type: 'audio/wav', body: wav });
    expect(spoken.transcript).toBe('运费是多少');
    expect(spoken.message.meta).toMatchObject({ mark: '🎤' });
    expect(spoken.replies.map((m) => m.seq)).toEqual([4]);
  });

  it('surfaces 语音识别未配置 as the typed asr_not_configured error', async () => {
    const { fetchFn } = fakeFetch(() => json(409, { error: { code: 'asr_not_configured', message: '语音识别未配置' } }));
    const failure = await new WidgetApiClient('https://x', fetchFn).sendVoice(session, { wav: new Blob([], { type: 'audio/wav' }), clientMsgId: 'v-2' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'asr_not_configured', status: 409, kind: 'rejected' });
  });

  it('fetches a message spoken as WAV with the visitor token', async () => {
    const { fetchFn, requests } = fakeFetch(() => new Response(new Uint8Array([82, 73, 70, 70]), { status: 200, headers: { 'content-type': 'audio/wav' } }));
    const speech = await new WidgetApiClient('https://cs.example.com', fetchFn).fetchSpeech(session, 7);
    expect(requests[0]).toMatchObject({ url: 'https://cs.example.com/api/v1/widget/conversations/c-1/messages/7/speech', method: 'GET' });
    expect(requests[0]?.headers.authorization).toBe('Bearer vt-secret');
    expect(speech.type).toBe('audio/wav');
    expect(speech.size).toBe(4);
  });

  it('turns a server error body into a typed error with its stable code', async () => {
    const { fetchFn } = fakeFetch(() => json(404, { error: { code: 'not_found', message: 'conversation not found' } }));
    const failure = await new WidgetApiClient('https://x', fetchFn).listMessages(session, 0).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WidgetApiError);
    expect(failure).toMatchObject({ code: 'not_found', status: 404, kind: 'session_lost' });
  });

  it('reports a dropped connection as a retryable network error', async () => {
    const { fetchFn } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const failure = await new WidgetApiClient('https://x', fetchFn).sendMessage(session, { text: 'a', clientMsgId: 'b' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'network_error', status: 0, kind: 'retryable' });
  });

  it('treats throttling and gateway errors without a JSON body as retryable', async () => {
    const { fetchFn } = fakeFetch(() => new Response('<html>Bad Gateway</html>', { status: 502 }));
    const failure = await new WidgetApiClient('https://x', fetchFn).listMessages(session, 0).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'http_502', kind: 'retryable' });
  });

  it('reads how long a 429 asks us to wait from Retry-After, in seconds or as an HTTP date', async () => {
    const limited = (retryAfter: string) => () =>
      new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests' } }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': retryAfter } });
    const now = Date.UTC(2026, 10, 25, 8, 0, 0);
    const seconds = await new WidgetApiClient('https://x', fakeFetch(limited('3')).fetchFn, () => now).sendMessage(session, { text: 'a', clientMsgId: 'b' }).catch((e: unknown) => e);
    expect(seconds).toMatchObject({ code: 'rate_limited', status: 429, kind: 'retryable', throttled: true, retryAfterMs: 3000 });
    const date = await new WidgetApiClient('https://x', fakeFetch(limited('Wed, 25 Nov 2026 08:00:07 GMT')).fetchFn, () => now).createConversation('t', {}).catch((e: unknown) => e);
    expect(date).toMatchObject({ status: 429, retryAfterMs: 7000 });
  });

  it('leaves the wait to our own backoff when a failure names none', async () => {
    const { fetchFn } = fakeFetch(() => json(429, { error: { code: 'rate_limited', message: 'Too many requests' } }));
    const failure = await new WidgetApiClient('https://x', fetchFn).listMessages(session, 0).catch((e: unknown) => e);
    expect(failure).toMatchObject({ throttled: true, retryAfterMs: null });
  });

  it('refuses a success response that does not match the contract instead of rendering garbage', async () => {
    const { fetchFn } = fakeFetch(() => json(200, { items: [{ id: 1 }] }));
    const failure = await new WidgetApiClient('https://x', fetchFn).listMessages(session, 0).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'invalid_response', kind: 'rejected' });
  });
});

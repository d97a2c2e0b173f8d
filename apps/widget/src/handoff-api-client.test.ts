import { describe, expect, it } from 'vitest';
import { HandoffApiClient } from './handoff-api-client.js';
import { WidgetApiError } from './widget-api-error.js';

interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(respond: (req: Recorded) => Response) {
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
const session = { conversationId: 'c/1', visitorToken: 'vt-secret' };

describe('handoff API client (widget)', () => {
  it('reads the status with the visitor token', async () => {
    const { fetchFn, requests } = fakeFetch(() => json(200, { state: 'waiting', ahead: 2, etaSeconds: 120, agentName: null, message: null, extra: 1 }));
    const status = await new HandoffApiClient('https://cs.example.com/', fetchFn).status(session);
    expect(status).toEqual({ state: 'waiting', ahead: 2, etaSeconds: 120, agentName: null, message: null });
    expect(requests[0]).toMatchObject({ url: 'https://cs.example.com/api/v1/widget/conversations/c%2F1/handoff', method: 'GET', headers: { authorization: 'Bearer vt-secret' } });
  });

  it('cancels, taking the server’s new status when it sends one and "no handoff" otherwise', async () => {
    const withBody = cancelAnswering(json(200, { state: 'none', ahead: null, etaSeconds: null, agentName: null, message: null }));
    expect((await withBody.client.cancel(session)).state).toBe('none');
    expect(withBody.requests[0]).toMatchObject({ url: 'https://cs.example.com/api/v1/widget/conversations/c%2F1/handoff/cancel', method: 'POST' });
    const empty = cancelAnswering(new Response(null, { status: 204 }));
    expect((await empty.client.cancel(session)).state).toBe('none');
  });

  it('leaves a message with the mobile as its contact, only when given', async () => {
    const { fetchFn, requests } = fakeFetch(() => json(201, { ticketNumber: 'GD202612070001' }));
    const client = new HandoffApiClient('https://cs.example.com', fetchFn);
    expect(await client.leaveMessage(session, { text: '请回电', phone: '13800138000' })).toEqual({ ticketNumber: 'GD202612070001' });
    await client.leaveMessage(session, { text: '请回电' });
    expect(requests.map((r) => r.body)).toEqual([{ text: '请回电', contact: '13800138000' }, { text: '请回电' }]);
    expect(requests[0]?.url).toBe('https://cs.example.com/api/v1/widget/conversations/c%2F1/leave-message');
  });

  it('surfaces the server’s refusal as a WidgetApiError with its code', async () => {
    const { fetchFn } = fakeFetch(() => json(409, { error: { code: 'handoff_not_waiting', message: '当前没有等待中的转人工请求' } }));
    const error = await new HandoffApiClient('https://cs.example.com', fetchFn).cancel(session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WidgetApiError);
    expect(error).toMatchObject({ code: 'handoff_not_waiting', status: 409 });
  });
});

function cancelAnswering(response: Response) {
  const { fetchFn, requests } = fakeFetch(() => response);
  return { client: new HandoffApiClient('https://cs.example.com', fetchFn), requests };
}

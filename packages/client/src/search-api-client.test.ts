import { describe, expect, it } from 'vitest';
import { SearchApiClient } from './search-api-client.js';
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
    const req: Recorded = { url: String(input), method: init?.method ?? 'GET', headers: (init?.headers ?? {}) as Record<string, string>, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined };
    requests.push(req);
    return respond(req);
  }) as typeof fetch;
  return { fetchFn, requests };
}

const json = (status: number, body: unknown) => new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const session = { conversationId: 'c-1', visitorToken: 'vt-secret' };
const hit = { type: 'faq', id: 'f-1', title: '怎么退货？', snippet: '在「我的订单」中申请售后。', score: 3.2 };

describe('search API client (widget)', () => {
  it('reads a document passage among the hits, with the link that opens the document there', async () => {
    const passage = { type: 'passage', id: 'p-1', title: '《售后服务手册》3.2 运费', snippet: '质量问题退货的运费由商家承担。', score: 0.91, link: '/api/v1/documents/view/abc#3-2' };
    const { fetchFn } = fakeFetch(() => json(200, { items: [hit, passage] }));
    const hits = await new SearchApiClient('https://cs.example.com', fetchFn).search(session, '退货运费谁出');
    expect(hits).toEqual([hit, passage]);
  });

  it('searches with the trimmed query and the visitor token, and reads the hits', async () => {
    const { fetchFn, requests } = fakeFetch(() => json(200, { items: [hit] }));
    const hits = await new SearchApiClient('https://cs.example.com/', fetchFn).search(session, '  怎么 退货 ');
    const url = new URL(requests[0]!.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://cs.example.com/api/v1/widget/search');
    expect(url.searchParams.get('q')).toBe('怎么 退货');
    expect(url.searchParams.get('limit')).toBe('5');
    expect(requests[0]!.headers.authorization).toBe('Bearer vt-secret');
    expect(hits).toEqual([hit]);
  });

  it('opens a knowledge result by type and id, and records a click with the query it came from', async () => {
    const { fetchFn, requests } = fakeFetch((req) => (req.method === 'POST' ? json(204, null) : json(200, { type: 'faq', id: 'f/1', title: '怎么退货？', body: '在「我的订单」中申请售后，选择退货退款。' })));
    const client = new SearchApiClient('https://x', fetchFn);
    const answer = await client.open(session, { type: 'faq', id: 'f/1' });
    expect(requests[0]!.url).toBe('https://x/api/v1/widget/search/results/faq/f%2F1');
    expect(answer.body).toContain('退货退款');
    await client.recordClick(session, { q: ' 怎么退货 ', type: 'faq', id: 'f/1' });
    expect(requests[1]).toMatchObject({ url: 'https://x/api/v1/widget/search/clicks', method: 'POST', body: { q: '怎么退货', type: 'faq', id: 'f/1' } });
  });

  it("turns the server's error into a WidgetApiError and a malformed answer into invalid_response", async () => {
    const limited = new SearchApiClient('https://x', fakeFetch(() => json(429, { error: { code: 'rate_limited', message: '搜索太频繁了' } })).fetchFn);
    await expect(limited.search(session, '退货')).rejects.toMatchObject({ code: 'rate_limited', status: 429, message: '搜索太频繁了' });
    const garbled = new SearchApiClient('https://x', fakeFetch(() => json(200, { items: [{ type: 'spaceship' }] })).fetchFn);
    await expect(garbled.search(session, '退货')).rejects.toBeInstanceOf(WidgetApiError);
    await expect(garbled.search(session, '退货')).rejects.toMatchObject({ code: 'invalid_response' });
  });
});

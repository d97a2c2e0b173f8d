import { describe, expect, it } from 'vitest';
import { TicketApiClient } from './ticket-api-client.js';
import { customerTicketFixture } from './test-support/customer-ticket-fixture.js';

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
const ticket = customerTicketFixture();

describe('tickets API client (widget)', () => {
  it('lists the categories with their extra fields, reading unknown field types as text', async () => {
    const { fetchFn, requests } = fakeFetch(() =>
      json(200, {
        items: [
          { id: 'cat-1', key: 'return_exchange', name: '退换货', fields: [{ key: 'order', label: '订单号', type: 'order_number', required: true }] },
          { id: 'cat-2', key: 'invoice', name: '发票问题', fields: [{ key: 'title', label: '抬头', type: 'rich_text', required: false }] },
        ],
      }),
    );
    const categories = await new TicketApiClient('https://cs.example.com/', fetchFn).listCategories(session);
    expect(requests[0]).toMatchObject({ url: 'https://cs.example.com/api/v1/widget/ticket-categories', method: 'GET' });
    expect(requests[0]?.headers.authorization).toBe('Bearer vt-secret');
    expect(categories.map((c) => c.fields[0]?.type)).toEqual(['order_number', 'text']);
  });

  it('submits a ticket with its attachments as base64 and the conversation it came from, leaving blank contact fields out', async () => {
    const { fetchFn, requests } = fakeFetch(() => json(201, ticket));
    const created = await new TicketApiClient('https://x', fetchFn).submit(session, {
      categoryId: 'cat-1',
      description: '收到的衣服有破洞',
      contact: { name: '张三', phone: ' ', email: '' },
      fields: { order: '20261123883308', amount: 129 },
      attachments: [{ filename: '破洞.png', contentType: 'image/png', dataBase64: 'iVBORw0KGgo=' }],
    });
    expect(requests[0]).toMatchObject({ url: 'https://x/api/v1/widget/tickets', method: 'POST' });
    expect(requests[0]?.body).toEqual({
      categoryId: 'cat-1',
      description: '收到的衣服有破洞',
      contact: { name: '张三' },
      fields: { order: '20261123883308', amount: 129 },
      conversationId: 'c-1',
      attachments: [{ filename: '破洞.png', contentType: 'image/png', dataBase64: 'iVBORw0KGgo=' }],
    });
    expect(created.number).toBe('GD202612060007');
  });

  it('lists my tickets and fetches one by id', async () => {
    const { fetchFn, requests } = fakeFetch((req) => (req.url.endsWith('/tickets') ? json(200, { items: [ticket] }) : json(200, ticket)));
    const api = new TicketApiClient('https://x', fetchFn);
    expect((await api.listMine(session)).map((t) => t.number)).toEqual(['GD202612060007']);
    expect((await api.get(session, 't/1')).id).toBe('t-1');
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET https://x/api/v1/widget/tickets', 'GET https://x/api/v1/widget/tickets/t%2F1']);
  });

  it('adds information, confirms and reopens through the ticket’s own routes', async () => {
    const { fetchFn, requests } = fakeFetch(() => json(200, ticket));
    const api = new TicketApiClient('https://x', fetchFn);
    await api.addInfo(session, 't-1', { body: '补充照片', attachments: [] });
    await api.addInfo(session, 't-1', { body: '再补充', attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', dataBase64: 'JVBERi0=' }] });
    await api.confirm(session, 't-1');
    await api.reopen(session, 't-1');
    expect(requests.map((r) => [r.method, r.url.replace('https://x/api/v1/widget/tickets/t-1', ''), r.body])).toEqual([
      ['POST', '/replies', { body: '补充照片' }],
      ['POST', '/replies', { body: '再补充', attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', dataBase64: 'JVBERi0=' }] }],
      ['POST', '/confirm', {}],
      ['POST', '/reopen', {}],
    ]);
  });

  it('surfaces the server’s Chinese message and stable code on a refusal', async () => {
    const { fetchFn } = fakeFetch(() => json(400, { error: { code: 'attachment_too_large', message: '附件不能超过 5 MB' } }));
    const failure = await new TicketApiClient('https://x', fetchFn).submit(session, { categoryId: 'c', description: 'd', contact: {} }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'attachment_too_large', status: 400, message: '附件不能超过 5 MB', kind: 'rejected' });
  });

  it('reports another visitor’s ticket as not found, and a malformed answer as invalid', async () => {
    const missing = fakeFetch(() => json(404, { error: { code: 'not_found', message: '工单不存在' } }));
    await expect(new TicketApiClient('https://x', missing.fetchFn).get(session, 'other')).rejects.toMatchObject({ code: 'not_found', status: 404 });
    const garbled = fakeFetch(() => json(200, { ...ticket, status: 'unknown' }));
    await expect(new TicketApiClient('https://x', garbled.fetchFn).get(session, 't-1')).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('downloads an attachment with the visitor token', async () => {
    const { fetchFn, requests } = fakeFetch(() => new Response(new Uint8Array([1, 2, 3]), { status: 200, headers: { 'content-type': 'image/png' } }));
    const blob = await new TicketApiClient('https://x', fetchFn).downloadAttachment(session, 't-1', 'a-1');
    expect(requests[0]?.url).toBe('https://x/api/v1/widget/tickets/t-1/attachments/a-1');
    expect(requests[0]?.headers.authorization).toBe('Bearer vt-secret');
    expect(blob.size).toBe(3);
  });
});

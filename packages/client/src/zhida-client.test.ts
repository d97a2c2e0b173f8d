import { describe, expect, it } from 'vitest';
import type { Message } from './message-schema.js';
import type { RealtimeSocket } from './realtime-socket.js';
import { ZhidaClient } from './zhida-client.js';

const message = (seq: number, senderType: Message['senderType'], text: string): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  senderType,
  senderId: null,
  senderName: null,
  text,
  clientMsgId: null,
  quickReplies: [],
  createdAt: '2026-12-07T00:00:00.000Z',
});

/** A server that answers like the widget API and records what it was asked. */
function fakeServer() {
  const calls: { method: string; url: string; body: unknown; auth: string | null }[] = [];
  const stored: Message[] = [message(1, 'bot', '您好')];
  const fetchFn = (async (url: string, init: RequestInit) => {
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method: String(init.method), url, body, auth: (init.headers as Record<string, string>).authorization ?? null });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    const path = new URL(url).pathname;
    if (path === '/api/v1/widget/conversations') return json(201, { conversationId: 'c1', visitorToken: 'tok', visitor: { id: 'v1', name: null, verified: false }, messages: [stored[0]] });
    if (path.endsWith('/messages') && init.method === 'POST') {
      if (body.text === '') return json(400, { error: { code: 'validation_error', message: 'text: must not be empty' } });
      const existing = stored.find((m) => m.clientMsgId === body.clientMsgId);
      if (existing) return json(200, { message: existing, replies: stored.filter((m) => m.seq === existing.seq + 1) });
      const mine = { ...message(stored.length + 1, 'visitor', body.text), clientMsgId: body.clientMsgId };
      const reply = message(stored.length + 2, 'bot', `答：${body.text}`);
      stored.push(mine, reply);
      return json(201, { message: mine, replies: [reply] });
    }
    if (path.endsWith('/messages')) {
      const after = Number(new URL(url).searchParams.get('afterSeq'));
      return json(200, { items: stored.filter((m) => m.seq > after) });
    }
    if (path.endsWith('/attachments')) return json(201, { id: 'a1', filename: body.filename, contentType: 'image/png', size: 3, sha256: 'x', createdAt: 'now' });
    return json(404, { error: { code: 'not_found', message: 'Not found' } });
  }) as unknown as typeof fetch;
  return { calls, stored, fetchFn };
}

function fakeSocket() {
  const handlers: Record<string, (payload?: unknown) => void> = {};
  const socket = {
    on: (event: string, fn: (payload?: unknown) => void) => void (handlers[event] = fn),
    emit: () => undefined,
    connect: () => undefined,
    disconnect: () => undefined,
    active: true,
    connected: true,
  } as unknown as RealtimeSocket;
  return { socket, fire: (event: string, payload?: unknown) => handlers[event]?.(payload) };
}

describe('ZhidaClient', () => {
  it('starts an app conversation, sends with a clientMsgId and hands each message to the listeners once, in order', async () => {
    const server = fakeServer();
    const client = new ZhidaClient({ origin: 'https://cs.example.com/', tenant: 'demo', fetch: server.fetchFn });
    const seen: string[] = [];
    client.onMessage((m) => seen.push(`${m.seq}:${m.text}`));
    await client.start();
    expect(server.calls[0]).toMatchObject({ method: 'POST', url: 'https://cs.example.com/api/v1/widget/conversations', body: { tenant: 'demo', channel: 'app' } });
    await client.send('怎么退货', 'cmid-1');
    expect(server.calls[1]).toMatchObject({ body: { text: '怎么退货', clientMsgId: 'cmid-1' }, auth: 'Bearer tok' });
    // A retry after a lost answer: same clientMsgId, stored once, nothing shown twice.
    await client.send('怎么退货', 'cmid-1');
    expect(server.stored).toHaveLength(3);
    expect(seen).toEqual(['1:您好', '2:怎么退货', '3:答：怎么退货']);
    expect(client.lastSeq).toBe(3);
  });

  it('lets a web page say it is web', async () => {
    const server = fakeServer();
    await new ZhidaClient({ origin: 'https://cs.example.com', tenant: 'demo', fetch: server.fetchFn, channel: 'web' }).start();
    expect((server.calls[0]!.body as { channel: string }).channel).toBe('web');
  });

  it('resyncs with afterSeq when realtime skips a seq, and on reconnect', async () => {
    const server = fakeServer();
    const { socket, fire } = fakeSocket();
    const client = new ZhidaClient({ origin: 'https://cs.example.com', tenant: 'demo', fetch: server.fetchFn, connect: () => socket });
    const seen: number[] = [];
    client.onMessage((m) => seen.push(m.seq));
    await client.start();
    server.stored.push(message(2, 'agent', '人工客服为您服务'), message(3, 'agent', '请问订单号？'));
    // Seq 2 was missed while offline; 3 arrives over the socket.
    fire('message', server.stored[2]);
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(server.calls.at(-1)!.url).toContain('afterSeq=1');
    expect(seen).toEqual([1, 2, 3]);
    fire('message', server.stored[2]);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('resumes a stored session from its last seq', async () => {
    const server = fakeServer();
    server.stored.push(message(2, 'visitor', '在吗'), message(3, 'agent', '在的'));
    const client = new ZhidaClient({ origin: 'https://cs.example.com', tenant: 'demo', fetch: server.fetchFn });
    const seen: number[] = [];
    client.onMessage((m) => seen.push(m.seq));
    await client.start({ resume: { conversationId: 'c1', visitorToken: 'tok' }, afterSeq: 2 });
    expect(seen).toEqual([3]);
    expect(server.calls.some((c) => c.url.endsWith('/api/v1/widget/conversations'))).toBe(false);
  });

  it('uploads into the conversation and surfaces the server’s error code', async () => {
    const server = fakeServer();
    const client = new ZhidaClient({ origin: 'https://cs.example.com', tenant: 'demo', fetch: server.fetchFn });
    await expect(client.send('x')).rejects.toThrow(/start\(\) first/);
    await client.start();
    expect(await client.upload({ filename: 'a.png', contentType: 'image/png', dataBase64: 'iVBO' })).toMatchObject({ id: 'a1', filename: 'a.png' });
    await expect(client.send('')).rejects.toMatchObject({ code: 'validation_error', status: 400 });
  });
});

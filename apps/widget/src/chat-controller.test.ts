import { describe, expect, it } from 'vitest';
import { ChatController, type ChatState } from './chat-controller.js';
import type { KeyValueStore } from './key-value-store.js';
import { MemoryStore } from './memory-store.js';
import { FakeWidgetServer } from './test-support/fake-widget-server.js';
import { ManualScheduler, settle } from './test-support/manual-scheduler.js';
import { messageFixture } from './test-support/message-fixture.js';
import type { VisitorIdentity } from './widget-api-client.js';

/** One browser tab: a controller over shared storage (so a second tab = a reload). */
function tab(server: FakeWidgetServer, store: KeyValueStore, identity: VisitorIdentity = {}) {
  const scheduler = new ManualScheduler();
  let ids = 0;
  const chat = new ChatController({
    tenant: 'demo-ecommerce',
    identity,
    api: server,
    store,
    connect: server.connect,
    scheduler,
    newId: () => `cm-${++ids}`,
    backoff: (attempt) => 1000 * 2 ** (attempt - 1),
  });
  return { chat, scheduler };
}

/** The timeline as text, pending messages marked with their status. */
const shown = (state: ChatState) =>
  state.entries.map((e) => (e.kind === 'message' ? `${e.message.senderType}: ${e.message.text}` : `[${e.pending.status}] ${e.pending.text}`));

describe('chat widget conversation', () => {
  it('starts a conversation on first open and shows the welcome message', async () => {
    const server = new FakeWidgetServer();
    const { chat } = tab(server, new MemoryStore());
    chat.open();
    await settle();
    expect(server.calls).toEqual(['create demo-ecommerce']);
    expect(chat.state.phase).toBe('ready');
    expect(shown(chat.state)).toEqual(['bot: 您好，请问有什么可以帮您？']);
    expect(server.lastSocket.session).toMatchObject({ conversationId: 'conv-1', visitorToken: 'token-1' });
  });

  it('resumes the same conversation after a page reload and loads its history', async () => {
    const server = new FakeWidgetServer();
    const store = new MemoryStore();
    const first = tab(server, store);
    first.chat.open();
    await settle();
    first.chat.send('你好');
    await settle();

    const reloaded = tab(server, store);
    expect(reloaded.chat.hasSomethingToResume).toBe(true);
    reloaded.chat.open();
    await settle();
    expect(server.calls.filter((c) => c.startsWith('create'))).toHaveLength(1);
    expect(server.calls.at(-1)).toBe('list 0');
    expect(shown(reloaded.chat.state)).toEqual(['bot: 您好，请问有什么可以帮您？', 'visitor: 你好', 'bot: 已收到：你好']);
  });

  it('shows a sent message at once as sending, then once confirmed with the reply', async () => {
    const server = new FakeWidgetServer();
    const { chat } = tab(server, new MemoryStore());
    chat.open();
    await settle();
    chat.send('  我的快递到哪了  ');
    expect(shown(chat.state).at(-1)).toBe('[sending] 我的快递到哪了');
    await settle();
    // The bot reply also arrives over the socket: it must not show twice.
    const reply = server.conversations.get('conv-1')!.messages.at(-1)!;
    server.lastSocket.fire('message', reply);
    expect(shown(chat.state)).toEqual(['bot: 您好，请问有什么可以帮您？', 'visitor: 我的快递到哪了', 'bot: 已收到：我的快递到哪了']);
  });

  it('merges a voice message and its replies that came back from the upload, once, also when the socket pushes them too', async () => {
    const server = new FakeWidgetServer();
    const { chat } = tab(server, new MemoryStore());
    chat.open();
    await settle();
    const spoken = messageFixture({ seq: 2, conversationId: 'conv-1', senderType: 'visitor', text: '运费是多少', meta: { input: 'voice', mark: '🎤' } });
    const reply = messageFixture({ seq: 3, conversationId: 'conv-1', senderType: 'bot', text: '满99包邮' });
    chat.receiveMessages([spoken, reply]);
    server.lastSocket.fire('message', spoken);
    expect(shown(chat.state)).toEqual(['bot: 您好，请问有什么可以帮您？', 'visitor: 运费是多少', 'bot: 满99包邮']);
  });

  it('ignores blank messages', async () => {
    const server = new FakeWidgetServer();
    const { chat } = tab(server, new MemoryStore());
    expect(chat.send(' \n ')).toBe(false);
    expect(chat.state.entries).toEqual([]);
  });

  it('keeps retrying with the same id while offline and delivers exactly once when back', async () => {
    const server = new FakeWidgetServer();
    const { chat, scheduler } = tab(server, new MemoryStore());
    chat.open();
    await settle();
    server.online = false;
    chat.send('在吗');
    await settle();
    expect(shown(chat.state).at(-1)).toBe('[retrying] 在吗');
    scheduler.advance(1000);
    await settle();
    server.online = true;
    scheduler.advance(2000);
    await settle();
    expect(server.calls.filter((c) => c.startsWith('send'))).toEqual(['send cm-1 在吗', 'send cm-1 在吗', 'send cm-1 在吗']);
    expect(server.conversations.get('conv-1')!.messages.filter((m) => m.senderType === 'visitor')).toHaveLength(1);
    expect(shown(chat.state).slice(-2)).toEqual(['visitor: 在吗', 'bot: 已收到：在吗']);
  });

  it('sends a message typed while offline after a reload, with the id it was given when typed', async () => {
    const server = new FakeWidgetServer();
    const store = new MemoryStore();
    const first = tab(server, store);
    first.chat.open();
    await settle();
    server.online = false;
    first.chat.send('离线时写的消息');
    await settle();

    server.online = true;
    const reloaded = tab(server, store);
    expect(shown(reloaded.chat.state)).toEqual(['[retrying] 离线时写的消息']);
    await reloaded.chat.start();
    await settle();
    expect(server.calls.filter((c) => c.startsWith('send'))).toEqual(['send cm-1 离线时写的消息', 'send cm-1 离线时写的消息']);
    expect(shown(reloaded.chat.state).slice(-2)).toEqual(['visitor: 离线时写的消息', 'bot: 已收到：离线时写的消息']);
  });

  it('fetches what it missed while disconnected, starting after the last seq it has', async () => {
    const server = new FakeWidgetServer();
    const { chat } = tab(server, new MemoryStore());
    chat.open();
    await settle();
    const socket = server.lastSocket;
    socket.fire('connect');
    await settle();
    socket.fire('disconnect', 'transport close');
    expect(chat.state.connection).toBe('reconnecting');

    server.append('conv-1', { senderType: 'agent', senderName: '小王', text: '您好，我是人工客服小王' });
    socket.fire('connect');
    await settle();
    expect(server.calls.slice(-1)).toEqual(['list 1']);
    expect(shown(chat.state).at(-1)).toBe('agent: 您好，我是人工客服小王');
    expect(chat.state.connection).toBe('online');
  });

  it('still fetches an agent message missed while disconnected when later messages already came back by HTTP', async () => {
    const server = new FakeWidgetServer();
    const { chat } = tab(server, new MemoryStore());
    chat.open();
    await settle();
    const socket = server.lastSocket;
    socket.fire('connect');
    await settle();
    socket.fire('disconnect', 'transport close');
    server.append('conv-1', { senderType: 'agent', senderName: '小王', text: '请提供订单号' }); // seq 2, pushed while we were away
    chat.send('订单号 123456'); // seq 3 and the bot reply seq 4 come back in the POST response
    await settle();
    expect(shown(chat.state).map((line) => line.split(':')[0])).toEqual(['bot', 'visitor', 'bot']);

    socket.fire('connect');
    await settle();
    expect(server.calls.at(-1)).toBe('list 1');
    expect(shown(chat.state)).toEqual(['bot: 您好，请问有什么可以帮您？', 'agent: 请提供订单号', 'visitor: 订单号 123456', 'bot: 已收到：订单号 123456']);
  });

  it('starts a new conversation and resends queued messages there when the stored one is gone', async () => {
    const server = new FakeWidgetServer();
    const store = new MemoryStore();
    const first = tab(server, store);
    first.chat.open();
    await settle();
    server.online = false;
    first.chat.send('还在吗');
    await settle();
    server.online = true;
    server.conversations.clear(); // e.g. the server's data was reset

    const reloaded = tab(server, store);
    reloaded.chat.open();
    await settle();
    expect(server.calls.filter((c) => c.startsWith('create'))).toHaveLength(2);
    expect(server.conversations.get('conv-2')!.messages.map((m) => m.text)).toEqual(['您好，请问有什么可以帮您？', '还在吗', '已收到：还在吗']);
    expect(shown(reloaded.chat.state)).toEqual(['bot: 您好，请问有什么可以帮您？', 'visitor: 还在吗', 'bot: 已收到：还在吗']);
  });

  it('does not show one signed-in user the conversation of another', async () => {
    const server = new FakeWidgetServer();
    const store = new MemoryStore();
    const alice = tab(server, store, { userId: 'alice', userHash: 'h1' });
    alice.chat.open();
    await settle();
    const bob = tab(server, store, { userId: 'bob', userHash: 'h2' });
    bob.chat.open();
    await settle();
    expect(server.lastSocket.session.conversationId).toBe('conv-2');
    expect(server.conversations.get('conv-2')!.userId).toBe('bob');
  });

  it('applies setUser only before the conversation starts', async () => {
    const server = new FakeWidgetServer();
    const { chat } = tab(server, new MemoryStore());
    expect(chat.setUser({ userId: 'u-1', userHash: 'abc', name: '李女士' })).toBe(true);
    chat.open();
    await settle();
    expect(server.conversations.get('conv-1')!.userId).toBe('u-1');
    expect(chat.setUser({ userId: 'u-2' })).toBe(false);
  });

  it('explains a rejected identity instead of retrying forever', async () => {
    const server = new FakeWidgetServer();
    server.rejectIdentity = true;
    const { chat } = tab(server, new MemoryStore(), { userId: 'u-1', userHash: 'forged' });
    chat.open();
    await settle();
    expect(chat.state).toMatchObject({ phase: 'failed', failure: 'identity' });
    expect(server.calls).toEqual(['create demo-ecommerce']);
  });

  it('gives up starting after a few network failures and can be retried', async () => {
    const server = new FakeWidgetServer();
    server.online = false;
    const { chat, scheduler } = tab(server, new MemoryStore());
    chat.open();
    for (let i = 0; i < 6; i++) {
      await settle();
      scheduler.advance(60_000);
    }
    await settle();
    expect(chat.state).toMatchObject({ phase: 'failed', failure: 'unavailable' });
    expect(server.calls).toHaveLength(5);

    server.online = true;
    chat.networkRestored();
    await settle();
    expect(chat.state.phase).toBe('ready');
  });

  it('waits out a 429 at start-up as long as Retry-After says, shows it is busy, then sends the waiting message by itself', async () => {
    const server = new FakeWidgetServer();
    // More refusals than start-up attempts: throttling must not end in "try again later" with a manual button.
    server.throttle = { calls: 7, retryAfterMs: 3000 };
    const { chat, scheduler } = tab(server, new MemoryStore());
    chat.open();
    chat.send('我要退货');
    await settle();
    expect(chat.state).toMatchObject({ phase: 'starting', busy: { retryAt: 3000 } });
    expect(shown(chat.state)).toEqual(['[waiting] 我要退货']);
    expect(scheduler.pendingDelays()).toEqual([3000]);
    for (let i = 0; i < 7; i++) {
      scheduler.advance(3000);
      await settle();
    }
    expect(chat.state).toMatchObject({ phase: 'ready', busy: null });
    expect(server.calls.filter((c) => c.startsWith('create'))).toHaveLength(8);
    expect(server.calls.filter((c) => c.startsWith('send'))).toEqual(['send cm-1 我要退货']);
    expect(shown(chat.state).slice(-2)).toEqual(['visitor: 我要退货', 'bot: 已收到：我要退货']);
  });

  it('waits out a 429 on a send, shows when it will try again, and delivers without a click', async () => {
    const server = new FakeWidgetServer();
    const { chat, scheduler } = tab(server, new MemoryStore());
    chat.open();
    await settle();
    server.throttle = { calls: 1, retryAfterMs: 5000 };
    scheduler.advance(1000);
    chat.send('在吗');
    await settle();
    expect(chat.state.busy).toEqual({ retryAt: 6000 });
    expect(shown(chat.state).at(-1)).toBe('[waiting] 在吗');
    // Typed while the service is busy: it queues behind, and says so.
    chat.send('还在吗');
    expect(shown(chat.state).at(-1)).toBe('[waiting] 还在吗');
    scheduler.advance(4999);
    await settle();
    expect(server.calls.filter((c) => c.startsWith('send'))).toEqual(['send cm-1 在吗']);
    scheduler.advance(1);
    await settle();
    expect(chat.state.busy).toBeNull();
    expect(server.calls.filter((c) => c.startsWith('send'))).toEqual(['send cm-1 在吗', 'send cm-1 在吗', 'send cm-2 还在吗']);
    expect(shown(chat.state).slice(-4)).toEqual(['visitor: 在吗', 'bot: 已收到：在吗', 'visitor: 还在吗', 'bot: 已收到：还在吗']);
  });

  it('still gives up starting after a few real outages, not shown as busy, and sends the waiting message on retry', async () => {
    const server = new FakeWidgetServer();
    server.online = false;
    const { chat, scheduler } = tab(server, new MemoryStore());
    chat.open();
    chat.send('有人吗');
    await settle();
    expect(chat.state.busy).toBeNull();
    for (let i = 0; i < 6; i++) {
      scheduler.advance(60_000);
      await settle();
    }
    expect(chat.state).toMatchObject({ phase: 'failed', failure: 'unavailable', busy: null });
    // Nothing is being sent while start-up has given up: not "发送中…".
    expect(shown(chat.state)).toEqual(['[waiting] 有人吗']);
    server.online = true;
    await chat.start();
    await settle();
    expect(shown(chat.state).slice(-2)).toEqual(['visitor: 有人吗', 'bot: 已收到：有人吗']);
  });

  it('counts unread replies while the panel is closed and clears them on open', async () => {
    const server = new FakeWidgetServer();
    const { chat } = tab(server, new MemoryStore());
    chat.open();
    await settle();
    chat.close();
    server.lastSocket.fire('message', server.append('conv-1', { senderType: 'agent', text: '请问还需要帮助吗？' }));
    server.lastSocket.fire('message', server.append('conv-1', { senderType: 'system', text: '对话已转接' }));
    expect(chat.state.unread).toBe(1);
    chat.open();
    expect(chat.state.unread).toBe(0);
  });

  it('remembers what was read across reloads: old history is not unread, a reply that came while away is', async () => {
    const server = new FakeWidgetServer();
    const store = new MemoryStore();
    const first = tab(server, store);
    first.chat.open();
    await settle();
    first.chat.send('人工');
    await settle();

    server.append('conv-1', { senderType: 'agent', senderName: '小王', text: '您好，我是小王' }); // arrives after the visitor left
    const reloaded = tab(server, store);
    await reloaded.chat.start();
    await settle();
    expect(reloaded.chat.state.unread).toBe(1);
    reloaded.chat.open();
    expect(reloaded.chat.state.unread).toBe(0);

    const again = tab(server, store);
    await again.chat.start();
    await settle();
    expect(again.chat.state.unread).toBe(0);
  });

  it('shows the agent typing until the message arrives', async () => {
    const server = new FakeWidgetServer();
    const { chat, scheduler } = tab(server, new MemoryStore());
    chat.open();
    await settle();
    const socket = server.lastSocket;
    socket.fire('typing', { senderType: 'agent', isTyping: true });
    expect(chat.state.typing).toEqual({ senderType: 'agent' });
    socket.fire('message', server.append('conv-1', { senderType: 'agent', text: '好的' }));
    expect(chat.state.typing).toBeNull();

    socket.fire('typing', { senderType: 'agent', isTyping: true });
    scheduler.advance(10_000);
    expect(chat.state.typing).toBeNull();
  });

  it('tells the service side the visitor is typing, but only while connected', async () => {
    const server = new FakeWidgetServer();
    const { chat } = tab(server, new MemoryStore());
    chat.open();
    await settle();
    const socket = server.lastSocket;
    chat.keystroke();
    expect(socket.emitted).toEqual([]);
    socket.fire('connect');
    await settle();
    chat.keystroke();
    chat.keystroke();
    chat.send('hi');
    expect(socket.emitted).toEqual([
      { event: 'typing', payload: { isTyping: true } },
      { event: 'typing', payload: { isTyping: false } },
    ]);
  });

  it('drops socket messages that belong to another conversation or do not match the contract', async () => {
    const server = new FakeWidgetServer();
    const { chat } = tab(server, new MemoryStore());
    chat.open();
    await settle();
    server.lastSocket.fire('message', { ...server.conversations.get('conv-1')!.messages[0]!, id: 'x', seq: 9, conversationId: 'conv-other' });
    server.lastSocket.fire('message', { id: 'y', text: 'no seq' });
    expect(chat.state.entries).toHaveLength(1);
  });
  it('hands the visitor session to the ticket screens, starting the conversation first if there is none', async () => {
    const server = new FakeWidgetServer();
    const { chat } = tab(server, new MemoryStore());
    expect(chat.state.phase).toBe('idle');
    expect(await chat.ensureSession()).toEqual({ conversationId: 'conv-1', visitorToken: 'token-1' });
    expect(server.calls).toEqual(['create demo-ecommerce']);
  });

  it('has no session to hand over when the identity was refused', async () => {
    const server = new FakeWidgetServer();
    server.rejectIdentity = true;
    const { chat } = tab(server, new MemoryStore(), { userId: 'u-1', userHash: 'bad' });
    expect(await chat.ensureSession()).toBeNull();
  });

  it('passes on the ticket.changed pushes of its socket, ignoring malformed ones', async () => {
    const server = new FakeWidgetServer();
    const { chat } = tab(server, new MemoryStore());
    const changed: string[] = [];
    const unsubscribe = chat.onTicketChanged((id) => changed.push(id));
    chat.open();
    await settle();
    server.lastSocket.fire('connect');
    server.lastSocket.fire('ticket.changed', { ticketId: 't-7', number: 'GD202612060007' });
    server.lastSocket.fire('ticket.changed', { id: 't-8' });
    unsubscribe();
    server.lastSocket.fire('ticket.changed', { ticketId: 't-9' });
    expect(changed).toEqual(['t-7']);
  });
  it('passes on the handoff.status pushes of its current socket only', async () => {
    const server = new FakeWidgetServer();
    const { chat } = tab(server, new MemoryStore());
    const pushed: unknown[] = [];
    chat.onHandoffStatus((payload) => pushed.push(payload));
    chat.open();
    await settle();
    const status = { state: 'waiting', ahead: 1, etaSeconds: 90, agentName: null, message: null };
    server.lastSocket.fire('handoff.status', status);
    expect(pushed).toEqual([status]);
  });

  it('never shows an internal note pushed to the visitor’s socket', async () => {
    const server = new FakeWidgetServer();
    const { chat } = tab(server, new MemoryStore());
    chat.open();
    await settle();
    const note = server.append('conv-1', { senderType: 'agent', text: '内部：此客户投诉过两次', internal: true });
    server.lastSocket.fire('message', note);
    expect(shown(chat.state)).toEqual(['bot: 您好，请问有什么可以帮您？']);
  });
});

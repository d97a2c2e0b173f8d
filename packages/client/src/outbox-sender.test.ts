import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { Outbox, type OutboxItem } from './outbox.js';
import { OutboxSender } from './outbox-sender.js';
import { ManualScheduler, settle } from './test-support/manual-scheduler.js';
import { WidgetApiError } from './widget-api-error.js';

type Outcome = 'ok' | WidgetApiError;

/** A fake server endpoint that answers each delivery with the next scripted outcome. */
function harness(outcomes: Outcome[]) {
  const store = new MemoryStore();
  const outbox = new Outbox(store, 'outbox');
  const scheduler = new ManualScheduler();
  const calls: Pick<OutboxItem, 'clientMsgId' | 'text'>[] = [];
  const log: string[] = [];
  const sender = new OutboxSender(
    outbox,
    async (item) => {
      calls.push({ clientMsgId: item.clientMsgId, text: item.text });
      const outcome = outcomes.shift() ?? 'ok';
      if (outcome !== 'ok') throw outcome;
      return `stored:${item.text}`;
    },
    {
      onSending: (item) => log.push(`sending ${item.text}`),
      onDelivered: (item, result) => log.push(`delivered ${item.text} as ${result}`),
      onRetrying: (item, error, delayMs) => log.push(`retry ${item.text} in ${delayMs}ms after ${error.code}`),
      onRejected: (item, error) => log.push(`rejected ${item.text}: ${error.code}`),
      onSessionLost: (item) => log.push(`session lost at ${item.text}`),
    },
    { scheduler, backoff: (attempt) => 1000 * 2 ** (attempt - 1) },
  );
  const add = (clientMsgId: string, text: string) => outbox.add({ clientMsgId, text, createdAt: '2026-11-25T08:00:00.000Z' });
  return { store, outbox, scheduler, sender, calls, log, add };
}

const offline = () => new WidgetApiError('network_error', 0, 'Failed to fetch');

describe('sending queued messages', () => {
  it('retries a failed send with the same clientMsgId until the server acknowledges it', async () => {
    const h = harness([offline(), offline(), 'ok']);
    h.add('cm-1', '我要退货');
    h.sender.start();
    await settle();
    expect(h.log).toEqual(['sending 我要退货', 'retry 我要退货 in 1000ms after network_error']);

    h.scheduler.advance(1000);
    await settle();
    h.scheduler.advance(2000);
    await settle();

    expect(h.calls.map((c) => c.clientMsgId)).toEqual(['cm-1', 'cm-1', 'cm-1']);
    expect(h.log.at(-1)).toBe('delivered 我要退货 as stored:我要退货');
    expect(h.outbox.size).toBe(0);
  });

  it('backs off further with every failure', async () => {
    const h = harness([offline(), offline(), offline()]);
    h.add('cm-1', 'hello');
    h.sender.start();
    await settle();
    expect(h.scheduler.pendingDelays()).toEqual([1000]);
    h.scheduler.advance(1000);
    await settle();
    expect(h.scheduler.pendingDelays()).toEqual([2000]);
    h.scheduler.advance(2000);
    await settle();
    expect(h.scheduler.pendingDelays()).toEqual([4000]);
  });

  it('waits as long as the server\'s Retry-After says on a 429, not its own backoff', async () => {
    const h = harness([new WidgetApiError('rate_limited', 429, 'Too many requests', 3000), 'ok']);
    h.add('cm-1', '在吗');
    h.sender.start();
    await settle();
    expect(h.log.at(-1)).toBe('retry 在吗 in 3000ms after rate_limited');
    h.scheduler.advance(2999);
    await settle();
    expect(h.calls).toHaveLength(1);
    h.scheduler.advance(1);
    await settle();
    expect(h.calls.map((c) => c.clientMsgId)).toEqual(['cm-1', 'cm-1']);
    expect(h.outbox.size).toBe(0);
  });

  it('does not cut a Retry-After wait short when the connection comes back', async () => {
    const h = harness([new WidgetApiError('rate_limited', 429, 'Too many requests', 3000), 'ok']);
    h.add('cm-1', '在吗');
    h.sender.start();
    await settle();
    h.sender.retryNow();
    await settle();
    expect(h.calls).toHaveLength(1);
    expect(h.scheduler.pendingDelays()).toEqual([3000]);
  });

  it('sends in the order the visitor typed, never overtaking a message that is still being retried', async () => {
    const h = harness([offline(), 'ok', 'ok']);
    h.add('a', 'first');
    h.add('b', 'second');
    h.sender.start();
    await settle();
    expect(h.calls.map((c) => c.text)).toEqual(['first']);
    h.scheduler.advance(1000);
    await settle();
    expect(h.calls.map((c) => c.text)).toEqual(['first', 'first', 'second']);
  });

  it('keeps an unsent message in storage so a reload can send it later with the same id', async () => {
    const h = harness([offline()]);
    h.add('cm-offline', '晚上好');
    h.sender.start();
    await settle();

    // The page reloads: a new outbox over the same storage still holds the message.
    const reloaded = new Outbox(h.store, 'outbox');
    expect(reloaded.items()).toEqual([{ clientMsgId: 'cm-offline', text: '晚上好', createdAt: '2026-11-25T08:00:00.000Z', attempts: 1 }]);
  });

  it('skips the backoff wait when asked to retry now (the browser came back online)', async () => {
    const h = harness([offline(), 'ok']);
    h.add('cm-1', 'ping');
    h.sender.start();
    await settle();
    h.sender.retryNow();
    await settle();
    expect(h.calls).toHaveLength(2);
    expect(h.scheduler.pendingDelays()).toEqual([]);
    expect(h.outbox.size).toBe(0);
  });

  it('drops a message the server rejects for good and carries on with the next one', async () => {
    const h = harness([new WidgetApiError('validation_error', 400, 'text too long'), 'ok']);
    h.add('a', 'x'.repeat(5000));
    h.add('b', 'short');
    h.sender.start();
    await settle();
    expect(h.log.filter((l) => !l.startsWith('sending'))).toEqual([
      `rejected ${'x'.repeat(5000)}: validation_error`,
      'delivered short as stored:short',
    ]);
    expect(h.outbox.size).toBe(0);
  });

  it('stops and keeps everything queued when the conversation no longer exists', async () => {
    const h = harness([new WidgetApiError('not_found', 404, 'conversation not found'), 'ok']);
    h.add('a', 'still here');
    h.sender.start();
    await settle();
    expect(h.log.at(-1)).toBe('session lost at still here');
    expect(h.outbox.items().map((i) => i.clientMsgId)).toEqual(['a']);

    // A new conversation was created; sending resumes with the same id.
    h.sender.start();
    await settle();
    expect(h.calls.map((c) => c.clientMsgId)).toEqual(['a', 'a']);
    expect(h.outbox.size).toBe(0);
  });

  it('does not send while paused and resumes where it left off', async () => {
    const h = harness([]);
    h.add('a', 'queued');
    h.sender.notify();
    await settle();
    expect(h.calls).toEqual([]);
    h.sender.start();
    await settle();
    expect(h.calls.map((c) => c.text)).toEqual(['queued']);
  });
});

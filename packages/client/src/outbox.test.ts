import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { Outbox } from './outbox.js';

const at = '2026-11-25T08:00:00.000Z';

describe('outbox', () => {
  it('keeps messages in the order they were typed', () => {
    const outbox = new Outbox(new MemoryStore(), 'k');
    outbox.add({ clientMsgId: 'a', text: '一', createdAt: at });
    outbox.add({ clientMsgId: 'b', text: '二', createdAt: at });
    expect(outbox.items().map((i) => i.text)).toEqual(['一', '二']);
    expect(outbox.peek()?.clientMsgId).toBe('a');
  });

  it('does not queue the same clientMsgId twice', () => {
    const outbox = new Outbox(new MemoryStore(), 'k');
    outbox.add({ clientMsgId: 'a', text: '一', createdAt: at });
    outbox.add({ clientMsgId: 'a', text: '一', createdAt: at });
    expect(outbox.size).toBe(1);
  });

  it('does not lose a message queued by another tab of the same site', () => {
    const shared = new MemoryStore();
    const tabA = new Outbox(shared, 'k');
    const tabB = new Outbox(shared, 'k');
    tabA.add({ clientMsgId: 'from-a', text: 'A', createdAt: at });
    tabB.add({ clientMsgId: 'from-b', text: 'B', createdAt: at });
    tabB.remove('from-b');
    expect(tabA.items().map((i) => i.clientMsgId)).toEqual(['from-a']);
  });

  it('clears its storage entry once everything is sent', () => {
    const store = new MemoryStore();
    const outbox = new Outbox(store, 'k');
    outbox.add({ clientMsgId: 'a', text: '一', createdAt: at });
    outbox.remove('a');
    expect(store.getItem('k')).toBeNull();
  });

  it('starts empty instead of failing when the stored entry is corrupted', () => {
    const store = new MemoryStore();
    store.setItem('k', '{not json');
    expect(new Outbox(store, 'k').items()).toEqual([]);
    store.setItem('k', JSON.stringify([{ clientMsgId: 1 }]));
    expect(new Outbox(store, 'k').items()).toEqual([]);
  });
});

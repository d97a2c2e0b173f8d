import * as z from 'zod/mini';
import type { KeyValueStore } from './key-value-store.js';

const OutboxItemSchema = z.object({
  clientMsgId: z.string(),
  text: z.string(),
  createdAt: z.string(),
  attempts: z.number(),
});
/** A visitor message that the server has not acknowledged yet. */
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

const OutboxSchema = z.array(OutboxItemSchema);

/**
 * Persistent FIFO of unsent visitor messages. Every change is written through to the
 * store, so a message typed offline survives a reload and keeps its clientMsgId — the
 * server deduplicates on that id, which makes re-sending after a lost response safe.
 *
 * @example
 * const outbox = new Outbox(localStorage, 'zhida:demo-ecommerce:outbox');
 * outbox.add({ clientMsgId: crypto.randomUUID(), text: '你好', createdAt: new Date().toISOString() });
 */
export class Outbox {
  #items: OutboxItem[];

  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {
    this.#items = Outbox.#load(store, key);
  }

  /** Oldest first: the order the visitor typed them in, which is the order they must be sent in. */
  items(): readonly OutboxItem[] {
    return this.#items;
  }

  peek(): OutboxItem | undefined {
    return this.#items[0];
  }

  get size(): number {
    return this.#items.length;
  }

  add(item: Omit<OutboxItem, 'attempts'>): OutboxItem {
    const existing = this.#items.find((i) => i.clientMsgId === item.clientMsgId);
    if (existing) return existing;
    const stored: OutboxItem = { ...item, attempts: 0 };
    this.#items = [...this.#items, stored];
    this.#save();
    return stored;
  }

  /** Counts a failed delivery; the count drives the backoff. Returns the new count. */
  recordAttempt(clientMsgId: string): number {
    let attempts = 0;
    this.#items = this.#items.map((i) => {
      if (i.clientMsgId !== clientMsgId) return i;
      attempts = i.attempts + 1;
      return { ...i, attempts };
    });
    this.#save();
    return attempts;
  }

  remove(clientMsgId: string): void {
    const before = this.#items.length;
    this.#items = this.#items.filter((i) => i.clientMsgId !== clientMsgId);
    if (this.#items.length !== before) this.#save();
  }

  #save(): void {
    if (this.#items.length === 0) this.store.removeItem(this.key);
    else this.store.setItem(this.key, JSON.stringify(this.#items));
  }

  static #load(store: KeyValueStore, key: string): OutboxItem[] {
    const raw = store.getItem(key);
    if (!raw) return [];
    try {
      const parsed = OutboxSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : [];
    } catch {
      // A corrupted entry (manual edit, old format) must not brick the widget.
      return [];
    }
  }
}

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
 * Persistent FIFO of unsent visitor messages. Storage is the source of truth — every read
 * and write goes through it — so a message typed offline survives a reload, and two tabs
 * of the same site do not overwrite each other's queue. Items keep their clientMsgId, which
 * the server deduplicates on, so re-sending after a lost response (or from a second tab) is safe.
 *
 * @example
 * const outbox = new Outbox(localStorage, 'zhida:demo-ecommerce:outbox');
 * outbox.add({ clientMsgId: crypto.randomUUID(), text: '你好', createdAt: new Date().toISOString() });
 */
export class Outbox {
  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {}

  /** Oldest first: the order the visitor typed them in, which is the order they must be sent in. */
  items(): readonly OutboxItem[] {
    return this.#read();
  }

  peek(): OutboxItem | undefined {
    return this.#read()[0];
  }

  get size(): number {
    return this.#read().length;
  }

  add(item: Omit<OutboxItem, 'attempts'>): OutboxItem {
    const items = this.#read();
    const existing = items.find((i) => i.clientMsgId === item.clientMsgId);
    if (existing) return existing;
    const stored: OutboxItem = { ...item, attempts: 0 };
    this.#write([...items, stored]);
    return stored;
  }

  /** Counts a failed delivery; the count drives the backoff. Returns the new count. */
  recordAttempt(clientMsgId: string): number {
    let attempts = 0;
    this.#write(
      this.#read().map((i) => {
        if (i.clientMsgId !== clientMsgId) return i;
        attempts = i.attempts + 1;
        return { ...i, attempts };
      }),
    );
    return attempts;
  }

  remove(clientMsgId: string): void {
    const items = this.#read();
    const rest = items.filter((i) => i.clientMsgId !== clientMsgId);
    if (rest.length !== items.length) this.#write(rest);
  }

  #write(items: OutboxItem[]): void {
    if (items.length === 0) this.store.removeItem(this.key);
    else this.store.setItem(this.key, JSON.stringify(items));
  }

  #read(): OutboxItem[] {
    const raw = this.store.getItem(this.key);
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

import * as z from 'zod/mini';
import type { KeyValueStore } from './key-value-store.js';

const StoredSessionSchema = z.object({
  conversationId: z.string(),
  visitorToken: z.string(),
  /** The identified user the conversation belongs to; null for anonymous visitors. */
  userId: z.nullable(z.string()),
  /** Highest seq the visitor has seen with the panel open; later bot/agent messages are unread. */
  readSeq: z._default(z.number(), 0),
});
/** What a page reload needs to resume the same conversation. */
export type StoredSession = z.infer<typeof StoredSessionSchema>;

/** Keeps the visitor's conversation and token in storage, one entry per tenant. */
export class SessionStore {
  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {}

  load(): StoredSession | null {
    const raw = this.store.getItem(this.key);
    if (!raw) return null;
    try {
      const parsed = StoredSessionSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  save(session: StoredSession): void {
    this.store.setItem(this.key, JSON.stringify(session));
  }

  clear(): void {
    this.store.removeItem(this.key);
  }
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { UnavailableError } from '../errors/app-error.js';

const LOCK_NOT_AVAILABLE = '55P03';

export interface ConversationTurnLockOptions {
  /**
   * How many turns of this node may hold a lock (and so a pooled connection) at once. The turn's own
   * queries need connections of the same pool (10, create-database.ts): half of it stays free for
   * them, or ten slow turns would wait forever for a connection none of them gives back.
   */
  maxHeld?: number;
  /** How long a turn waits behind another node's turn of the same conversation before the send gets 503. */
  waitMs?: number;
}

/**
 * Runs the bot turns of one conversation one at a time, on every node.
 *
 * On PostgreSQL each turn holds a transaction-scoped advisory lock on the conversation
 * (`pg_advisory_xact_lock`) in a transaction of its own, while the turn's reads and writes go through
 * the pool as usual. Why this and not the alternatives:
 * - a row lock (`select … for update` on the conversation) held for the turn would also block every
 *   `appendMessage` of the conversation (it bumps that row for the seq), so a visitor's next message
 *   and an agent's post would wait for the bot instead of being stored and acknowledged at once;
 * - a state version checked on write with the turn re-run would run a turn's side effects twice
 *   (a return filed, a handoff requested) and could not keep seq order: the later message may win;
 * - the lock ends with its transaction — on commit, on any error, and when a node dies and its
 *   connection drops — so no lease, expiry or cleanup job is needed.
 * On PGlite (one process, one connection) the in-process queue alone is the lock. It runs first on
 * PostgreSQL too, so two sends of one conversation on one node never hold two connections.
 *
 * @example
 * await turnLock.run(conversationId, () => service.answerPending(ctx, conversationId, seq));
 */
export class ConversationTurnLock {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly waiting: (() => void)[] = [];
  private held = 0;
  private readonly maxHeld: number;
  private readonly waitMs: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly backend: 'pglite' | 'postgres',
    options: ConversationTurnLockOptions = {},
  ) {
    this.maxHeld = options.maxHeld ?? 5;
    this.waitMs = options.waitMs ?? 30_000;
  }

  /** Runs `turn` once every earlier turn of the conversation, on any node, is over. */
  async run<T>(conversationId: string, turn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    let done!: () => void;
    const tail = previous.then(() => new Promise<void>((resolve) => (done = resolve)));
    this.tails.set(conversationId, tail);
    await previous;
    try {
      return this.backend === 'postgres' ? await this.acrossNodes(conversationId, turn) : await turn();
    } finally {
      done();
      if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId);
    }
  }

  private async acrossNodes<T>(conversationId: string, turn: () => Promise<T>): Promise<T> {
    await this.takeSlot();
    try {
      return await this.db.transaction().execute(async (trx) => {
        await sql`select set_config('lock_timeout', ${`${this.waitMs}ms`}, true)`.execute(trx);
        // The text key keeps turn locks apart from other advisory locks (app-role.ts); a hash collision only serialises two conversations.
        await sql`select pg_advisory_xact_lock(hashtextextended(${`zhida.turn:${conversationId}`}, 0))`.execute(trx);
        return turn();
      });
    } catch (err) {
      if ((err as { code?: unknown }).code === LOCK_NOT_AVAILABLE) throw new UnavailableError('The conversation is busy with an earlier message, please retry', 2);
      throw err;
    } finally {
      this.releaseSlot();
    }
  }

  private async takeSlot(): Promise<void> {
    if (this.held < this.maxHeld) {
      this.held++;
      return;
    }
    // The slot is handed over directly by releaseSlot, so `held` never dips and lets a newcomer jump the queue.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held--;
  }
}

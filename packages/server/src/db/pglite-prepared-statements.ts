import type { PGlite } from '@electric-sql/pglite';

/**
 * Which SQL texts are prepared as named statements in one PGlite instance, least recently used first.
 * Parsing and planning a statement is most of what a small query costs PGlite's WebAssembly
 * PostgreSQL (a primary-key lookup 0.49 → 0.17 ms CPU when prepared once, bench/results/chat.md), and
 * the app runs the same few dozen texts over and over. PostgreSQL re-plans a prepared statement by
 * itself when a table it uses changes or the role or search_path differ, so sharing one by text is safe.
 *
 * @example
 * const prepared = PglitePreparedStatements.of(pglite);
 * const { name, isNew, evicted } = prepared.nameFor('select 1'); // isNew: send Parse (and Close evicted)
 */
export class PglitePreparedStatements {
  private static readonly byInstance = new WeakMap<PGlite, PglitePreparedStatements>();
  private readonly names = new Map<string, string>();
  private next = 0;

  private constructor(private readonly capacity: number) {}

  /** One set per PGlite instance: every Kysely on it (migrations, the app, tests' schemas) shares the names. */
  static of(pglite: PGlite, capacity = 500): PglitePreparedStatements {
    let statements = this.byInstance.get(pglite);
    if (!statements) this.byInstance.set(pglite, (statements = new PglitePreparedStatements(capacity)));
    return statements;
  }

  nameFor(text: string): { name: string; isNew: boolean; evicted: string | null } {
    const known = this.names.get(text);
    if (known !== undefined) {
      this.names.delete(text);
      this.names.set(text, known);
      return { name: known, isNew: false, evicted: null };
    }
    const name = `zhida_${this.next++}`;
    let evicted: string | null = null;
    if (this.names.size >= this.capacity) {
      const [oldest, oldName] = this.names.entries().next().value as [string, string];
      this.names.delete(oldest);
      evicted = oldName;
    }
    this.names.set(text, name);
    return { name, isNew: true, evicted };
  }

  /** After an error the statement may not exist (a failed Parse) or be stale: the next use prepares it again. */
  forget(text: string): void {
    this.names.delete(text);
  }
}

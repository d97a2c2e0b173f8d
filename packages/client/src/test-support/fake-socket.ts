/** A Socket.IO socket a test drives: the server's pushes go in through `push`, and what the code emits is kept. */
export class FakeSocket {
  readonly emitted: unknown[] = [];
  readonly #handlers = new Map<string, ((payload?: unknown) => void)[]>();

  on(event: string, handler: (payload?: unknown) => void): this {
    this.#handlers.set(event, [...(this.#handlers.get(event) ?? []), handler]);
    return this;
  }

  off(event: string, handler: (payload?: unknown) => void): this {
    this.#handlers.set(event, (this.#handlers.get(event) ?? []).filter((h) => h !== handler));
    return this;
  }

  /** Kept as `{ event, ...payload }`. */
  emit(event: string, payload: unknown): this {
    this.emitted.push({ event, ...(payload as object) });
    return this;
  }

  push(event: string, payload?: unknown): void {
    for (const h of this.#handlers.get(event) ?? []) h(payload);
  }
}

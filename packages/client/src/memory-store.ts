import type { KeyValueStore } from './key-value-store.js';

/** In-memory KeyValueStore: the fallback when localStorage is blocked, and the fake in tests. */
export class MemoryStore implements KeyValueStore {
  readonly #values = new Map<string, string>();

  getItem(key: string): string | null {
    return this.#values.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.#values.set(key, value);
  }

  removeItem(key: string): void {
    this.#values.delete(key);
  }
}

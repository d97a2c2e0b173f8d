/**
 * Where the classifiers trained from the package's own bundled data (speech acts, emotion and risk) may be
 * kept between processes. They come out the same, bit for bit, in every process of one build, so a host that
 * starts many short processes (the test suite: one per test file) can train them once and load them after.
 * The package does no I/O: the host supplies the store, and must key it on the package's code and data.
 * Production sets none and trains each once per process (about a second of CPU each, before it listens).
 */
export interface ShippedClassifierStore {
  /** The JSON saved under `name` by this build, or null. */
  load(name: string): unknown;
  save(name: string, json: unknown): void;
}

let store: ShippedClassifierStore | null = null;

/** Sets the store this process's shipped classifiers are loaded from and saved to (null: always train). */
export function useShippedClassifierStore(next: ShippedClassifierStore | null): void {
  store = next;
}

/**
 * The shipped classifier `name`: loaded from the store when it has one, else trained (and saved). A stored
 * copy that does not load is trained anew, never an error.
 */
export function loadOrTrainShipped<T>(name: string, train: () => T, codec: { toJSON(value: T): unknown; fromJSON(json: unknown): T }): T {
  if (!store) return train();
  const json = store.load(name);
  if (json !== null && json !== undefined) {
    try {
      return codec.fromJSON(json);
    } catch {
      // A copy from an older shape of the classifier: trained again below.
    }
  }
  const trained = train();
  store.save(name, codec.toJSON(trained));
  return trained;
}

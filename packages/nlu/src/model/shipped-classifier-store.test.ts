import { afterEach, describe, expect, it } from 'vitest';
import { loadOrTrainShipped, useShippedClassifierStore, type ShippedClassifierStore } from './shipped-classifier-store.js';

class MemoryStore implements ShippedClassifierStore {
  readonly saved = new Map<string, unknown>();
  load(name: string): unknown {
    return this.saved.get(name) ?? null;
  }
  save(name: string, json: unknown): void {
    this.saved.set(name, json);
  }
}

const codec = {
  toJSON: (value: { weights: number[] }) => ({ weights: value.weights }),
  fromJSON: (json: unknown) => {
    const weights = (json as { weights?: unknown }).weights;
    if (!Array.isArray(weights)) throw new Error('not a model');
    return { weights: weights as number[] };
  },
};

describe('loadOrTrainShipped', () => {
  // This file's module registry is its own: the disk store of the suite's setup is set again in the next file.
  afterEach(() => useShippedClassifierStore(null));

  it('trains every time without a store', () => {
    useShippedClassifierStore(null);
    let trained = 0;
    for (let i = 0; i < 2; i++) loadOrTrainShipped('m', () => ({ weights: [++trained] }), codec);
    expect(trained).toBe(2);
  });

  it('trains once, saves, and loads the saved copy after', () => {
    const store = new MemoryStore();
    useShippedClassifierStore(store);
    let trained = 0;
    const first = loadOrTrainShipped('m', () => ({ weights: [++trained, 0.5] }), codec);
    const second = loadOrTrainShipped('m', () => ({ weights: [++trained, 0.5] }), codec);
    expect(trained).toBe(1);
    expect(second).toEqual(first);
    expect(store.saved.get('m')).toEqual({ weights: [1, 0.5] });
  });

  it('trains anew when the saved copy does not load, and replaces it', () => {
    const store = new MemoryStore();
    store.save('m', { something: 'else' });
    useShippedClassifierStore(store);
    expect(loadOrTrainShipped('m', () => ({ weights: [7] }), codec)).toEqual({ weights: [7] });
    expect(store.saved.get('m')).toEqual({ weights: [7] });
  });
});

import { describe, expect, it } from 'vitest';
import { randomUuid } from './random-uuid.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('client message ids', () => {
  it('builds a valid v4 UUID on insecure pages where crypto.randomUUID is missing', () => {
    const insecure = { getRandomValues: (array: Uint8Array) => globalThis.crypto.getRandomValues(array) };
    const ids = new Set(Array.from({ length: 50 }, () => randomUuid(insecure)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(V4);
  });

  it('sets the version and variant bits even when the random bytes are all ones', () => {
    const allOnes = { getRandomValues: (array: Uint8Array) => array.fill(0xff) };
    expect(randomUuid(allOnes)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});

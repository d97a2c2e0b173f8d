import { describe, expect, it } from 'vitest';
import { newClientMsgId } from './client-msg-id.js';

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('client message ids', () => {
  it('uses crypto.randomUUID where the browser offers it', () => {
    expect(newClientMsgId({ randomUUID: () => 'from-browser', getRandomValues: (a) => a })).toBe('from-browser');
  });

  it('still produces a valid UUID v4 on a plain-http intranet page without randomUUID', () => {
    const insecure = { getRandomValues: (array: Uint8Array<ArrayBuffer>) => globalThis.crypto.getRandomValues(array) };
    const ids = new Set(Array.from({ length: 50 }, () => newClientMsgId(insecure)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(uuidV4);
  });

  it('sets the version and variant bits even when the random bytes are all ones', () => {
    const allOnes = { getRandomValues: (array: Uint8Array<ArrayBuffer>) => array.fill(0xff) };
    expect(newClientMsgId(allOnes)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});

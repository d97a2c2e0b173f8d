import { describe, expect, it } from 'vitest';
import { blobToBase64 } from './blob-to-base64.js';

describe('blobToBase64', () => {
  it('encodes text and binary bytes exactly', async () => {
    expect(await blobToBase64(new Blob(['hi']))).toBe('aGk=');
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    expect(await blobToBase64(new Blob([png]))).toBe(Buffer.from(png).toString('base64'));
  });

  it('handles files larger than one chunk', async () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    expect(await blobToBase64(new Blob([bytes]))).toBe(Buffer.from(bytes).toString('base64'));
  });
});

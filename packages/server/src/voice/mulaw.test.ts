import { describe, expect, it } from 'vitest';
import { mulawToPcm16, pcm16ToMulaw } from './mulaw.js';

describe('G.711 μ-law', () => {
  it('encodes the reference points of the standard', () => {
    expect([...pcm16ToMulaw(Int16Array.of(0, -1, 32767, -32768))]).toEqual([0xff, 0x7f, 0x80, 0x00]);
  });

  it('round-trips speech-level samples within the quantisation step', () => {
    const samples = Int16Array.from({ length: 200 }, (_, i) => Math.round(8000 * Math.sin(i / 7)));
    const back = mulawToPcm16(pcm16ToMulaw(samples));
    for (let i = 0; i < samples.length; i++) expect(Math.abs(back[i]! - samples[i]!)).toBeLessThanOrEqual(Math.max(8, Math.abs(samples[i]!) * 0.07));
  });
});

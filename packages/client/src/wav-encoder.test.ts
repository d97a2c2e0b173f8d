import { describe, expect, it } from 'vitest';
import { encodeWav } from './wav-encoder.js';

const header = (wav: Uint8Array) => {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const text = (at: number) => String.fromCharCode(...wav.subarray(at, at + 4));
  return { riff: text(0), wave: text(8), format: view.getUint16(20, true), channels: view.getUint16(22, true), rate: view.getUint32(24, true), bits: view.getUint16(34, true), dataBytes: view.getUint32(40, true), view };
};

describe('encodeWav', () => {
  it('writes a 16 kHz mono 16-bit PCM WAV from 48 kHz chunks, a third as many samples', () => {
    const chunks = [new Float32Array(4800).fill(0.5), new Float32Array(4800).fill(-0.5)];
    const wav = encodeWav(chunks, 48_000);
    const h = header(wav);
    expect(h).toMatchObject({ riff: 'RIFF', wave: 'WAVE', format: 1, channels: 1, rate: 16_000, bits: 16, dataBytes: 3200 * 2 });
    expect(wav.length).toBe(44 + 3200 * 2);
    expect(h.view.getInt16(44, true)).toBe(Math.round(0.5 * 32767));
    expect(h.view.getInt16(44 + 3199 * 2, true)).toBe(-16384);
  });

  it('averages away a tone above the 8 kHz the recogniser can hear, and keeps one within the speech band', () => {
    const tone = (hz: number) => Float32Array.from({ length: 48_000 }, (_, i) => 0.8 * Math.sin((2 * Math.PI * hz * i) / 48_000));
    const rms = (wav: Uint8Array) => {
      const view = new DataView(wav.buffer);
      let sum = 0;
      const n = (wav.length - 44) / 2;
      for (let i = 0; i < n; i++) sum += view.getInt16(44 + i * 2, true) ** 2;
      return Math.sqrt(sum / n) / 32768;
    };
    expect(rms(encodeWav([tone(16_000)], 48_000))).toBeLessThan(0.01);
    expect(rms(encodeWav([tone(300)], 48_000))).toBeGreaterThan(0.5);
  });

  it('clips samples beyond full scale instead of wrapping them round', () => {
    const wav = encodeWav([new Float32Array([2, 2, 2, -3, -3, -3])], 48_000);
    const view = new DataView(wav.buffer);
    expect([view.getInt16(44, true), view.getInt16(46, true)]).toEqual([32767, -32768]);
  });
});

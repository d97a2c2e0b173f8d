/**
 * Resamples mono PCM16 by linear interpolation. Used between the rates we meet (8 kHz telephone audio, espeak-ng's
 * 22.05 kHz, the 16 kHz our recognisers take); speech has little energy above 4 kHz, so the aliasing a plain
 * interpolation lets through when going down is not audible in a recogniser's input.
 * @example resamplePcm16(Int16Array.of(0, 100), 8000, 16000) // Int16Array [ 0, 50, 100, 100 ]
 */
export function resamplePcm16(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate || samples.length === 0) return samples;
  const length = Math.max(1, Math.round((samples.length * toRate) / fromRate));
  const out = new Int16Array(length);
  const step = fromRate / toRate;
  for (let i = 0; i < length; i++) {
    const at = i * step;
    const left = Math.floor(at);
    const a = samples[Math.min(left, samples.length - 1)]!;
    const b = samples[Math.min(left + 1, samples.length - 1)]!;
    out[i] = Math.round(a + (b - a) * (at - left));
  }
  return out;
}

/** The rate the server's recognisers take; recording at it keeps uploads small (32 kB per second). */
export const VOICE_SAMPLE_RATE = 16_000;

/**
 * A mono 16-bit PCM WAV file at 16 kHz from Web Audio's float samples at `inputRate` (44.1 or 48 kHz in browsers),
 * the format `sendVoice` uploads. Downsampling averages each output sample's span of input, a cheap low-pass that
 * keeps the speech band and the recogniser free of aliasing.
 *
 * @example
 * const wav = encodeWav(recordedChunks, audioContext.sampleRate);
 * await api.sendVoice(session, { wav: new Blob([wav], { type: 'audio/wav' }), clientMsgId });
 */
export function encodeWav(chunks: readonly Float32Array[], inputRate: number): Uint8Array<ArrayBuffer> {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const input = new Float32Array(total);
  let at = 0;
  for (const c of chunks) {
    input.set(c, at);
    at += c.length;
  }
  const ratio = inputRate / VOICE_SAMPLE_RATE;
  const count = Math.floor(total / ratio);
  const out = new Uint8Array(44 + count * 2);
  const view = new DataView(out.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + count * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, VOICE_SAMPLE_RATE, true);
  view.setUint32(28, VOICE_SAMPLE_RATE * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, count * 2, true);
  for (let i = 0; i < count; i++) {
    const from = Math.floor(i * ratio);
    const to = Math.max(from + 1, Math.floor((i + 1) * ratio));
    let sum = 0;
    for (let j = from; j < to; j++) sum += input[j] ?? 0;
    const s = Math.max(-1, Math.min(1, sum / (to - from)));
    view.setInt16(44 + i * 2, Math.round(s < 0 ? s * 32768 : s * 32767), true);
  }
  return out;
}

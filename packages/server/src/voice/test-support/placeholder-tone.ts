/**
 * What the fake speech providers "say" (test support): a 220 Hz tone as long as the text would take to speak
 * (0.2 s a character), so the audio path is real but the voice is not.
 */
export function placeholderTone(text: string, sampleRate = 16_000): Int16Array {
  const out = new Int16Array(Math.round(text.length * 0.2 * sampleRate));
  for (let i = 0; i < out.length; i++) out[i] = Math.round(6000 * Math.sin((2 * Math.PI * 220 * i) / sampleRate));
  return out;
}

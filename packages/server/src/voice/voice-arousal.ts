import type { VoiceFeatures } from './voice-features.js';

// Reference points of calm customer-service speech, and how far from them counts as one step of arousal.
// Raised pitch, loudness and fast speech are the classic acoustic correlates of high arousal (anger, anxiety);
// without a per-caller baseline these are fixed, which is why the score is a heuristic nudge, not a label.
const PITCH_REF = 180;
const PITCH_STEP = 50;
const ENERGY_REF = -24;
const ENERGY_STEP = 6;
const RATE_REF = 4.5;
const RATE_STEP = 1.5;

/**
 * Arousal in [0, 1] from an utterance's prosody: 0.5 is calm speech, near 1 high pitch, loud and fast.
 * @example voiceArousal({ pitchHz: 320, energyDb: -12, syllablesPerSecond: 7, voicedSeconds: 2 }) // ≈ 0.97
 */
export function voiceArousal(features: VoiceFeatures): number {
  if (features.voicedSeconds < 0.3) return 0.5;
  const pitch = features.pitchHz === null ? 0 : clamp((features.pitchHz - PITCH_REF) / PITCH_STEP, -2, 3);
  const energy = clamp((features.energyDb - ENERGY_REF) / ENERGY_STEP, -2, 3);
  const rate = clamp((features.syllablesPerSecond - RATE_REF) / RATE_STEP, -2, 3);
  const z = 0.5 * pitch + 0.3 * energy + 0.4 * rate;
  return 1 / (1 + Math.exp(-z));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

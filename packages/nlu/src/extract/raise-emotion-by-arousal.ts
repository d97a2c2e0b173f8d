import type { Emotion } from './emotion.js';

/** Below this arousal the voice changes nothing: calm or ordinary speech. */
const CALM = 0.6;
/** Arousal at which a message with no emotional words reads as anxious. */
const AGITATED = 0.85;

/**
 * Raises a message's text emotion with the arousal measured in the caller's voice (0–1, 0.5 calm; see the server's
 * voice features). A heuristic: high arousal strengthens anger or anxiety already read from the words, and makes a
 * neutral message mildly anxious only when the voice is very agitated; it never turns a satisfied message negative
 * and never decides anger on its own, because pitch and loudness also rise with a bad line or a noisy street.
 *
 * @example raiseEmotionByArousal({ label: 'anger', score: 0.6, cues: ['太慢'] }, 0.95) // → { label: 'anger', score: 0.81, cues: ['太慢', 'voice_arousal'] }
 */
export function raiseEmotionByArousal(emotion: Emotion, arousal: number): Emotion {
  if (!(arousal > CALM)) return emotion;
  const lift = (arousal - CALM) * 0.6;
  if (emotion.label === 'anger' || emotion.label === 'anxiety') {
    return { label: emotion.label, score: Math.min(1, emotion.score + lift), cues: [...emotion.cues, 'voice_arousal'] };
  }
  if (emotion.label === 'neutral' && arousal >= AGITATED) {
    return { label: 'anxiety', score: Math.min(0.6, 0.4 + lift), cues: ['voice_arousal'] };
  }
  return emotion;
}

/** Prosodic features of one utterance. */
export interface VoiceFeatures {
  /** Median fundamental frequency of the voiced frames (Hz), null when none had a clear pitch. */
  pitchHz: number | null;
  /** Mean level of the voiced frames (dBFS). */
  energyDb: number;
  /** Syllable nuclei (peaks of the energy envelope) per second of speech. */
  syllablesPerSecond: number;
  /** How much of the utterance was voiced (s). */
  voicedSeconds: number;
}

const MIN_PITCH = 70;
const MAX_PITCH = 400;

/**
 * Pitch (autocorrelation), energy and speech rate (syllable nuclei) of one utterance of mono PCM16. A heuristic for
 * the arousal score, not a trained model.
 * @example voiceFeatures(samples, 16000) // → { pitchHz: 210, energyDb: -18.2, syllablesPerSecond: 5.1, voicedSeconds: 1.4 }
 */
export function voiceFeatures(samples: Int16Array, sampleRate: number): VoiceFeatures {
  const hop = Math.round(sampleRate * 0.01);
  const win = Math.round(sampleRate * 0.04);
  const levels: number[] = [];
  for (let at = 0; at + hop <= samples.length; at += hop) levels.push(rms(samples, at, hop));
  const loudest = Math.max(1, ...levels);
  // Voiced: within 25 dB of the loudest 10 ms of the utterance and above line noise.
  const floor = Math.max(loudest * 10 ** (-25 / 20), 32768 * 10 ** (-50 / 20));
  const voiced = levels.map((l) => l >= floor);
  const voicedCount = voiced.filter(Boolean).length;
  const voicedSeconds = (voicedCount * hop) / sampleRate;
  const energy = voicedCount ? levels.filter((_, i) => voiced[i]).reduce((s, l) => s + l * l, 0) / voicedCount : 0;
  const energyDb = energy > 0 ? 10 * Math.log10(energy / 32768 ** 2) : -96;

  const pitches: number[] = [];
  for (let i = 0; i < levels.length; i += 2) {
    if (!voiced[i]) continue;
    const f0 = pitchAt(samples, i * hop, win, sampleRate);
    if (f0 !== null) pitches.push(f0);
  }
  pitches.sort((a, b) => a - b);
  const pitchHz = pitches.length >= 3 ? pitches[Math.floor(pitches.length / 2)]! : null;
  return { pitchHz, energyDb, syllablesPerSecond: voicedSeconds > 0.2 ? syllableNuclei(levels, floor) / Math.max(voicedSeconds, 0.5) : 0, voicedSeconds };
}

/** Normalised autocorrelation peak in the speech pitch range; null when the frame is not periodic enough. */
function pitchAt(samples: Int16Array, start: number, win: number, sampleRate: number): number | null {
  if (start + win > samples.length) return null;
  const minLag = Math.floor(sampleRate / MAX_PITCH);
  const maxLag = Math.min(Math.ceil(sampleRate / MIN_PITCH), win - 1);
  let energy = 0;
  for (let i = 0; i < win; i++) energy += samples[start + i]! ** 2;
  if (energy === 0) return null;
  let bestLag = 0;
  let best = 0;
  for (let lag = minLag; lag <= maxLag; lag++) {
    let sum = 0;
    let e2 = 0;
    for (let i = 0; i + lag < win; i++) {
      sum += samples[start + i]! * samples[start + i + lag]!;
      e2 += samples[start + i + lag]! ** 2;
    }
    const r = sum / Math.sqrt(energy * e2 || 1);
    // The first strong peak, not the best: the best is often an octave down (twice the lag).
    if (r > best + 0.02) {
      best = r;
      bestLag = lag;
    } else if (best > 0.6 && r < best - 0.1) break;
  }
  return best >= 0.5 && bestLag > 0 ? sampleRate / bestLag : null;
}

/** Peaks of the smoothed envelope that stand out of the dips around them by 2 dB (Mandarin: about one per syllable). */
function syllableNuclei(levels: number[], floor: number): number {
  const smooth = levels.map((_, i) => {
    let s = 0;
    let n = 0;
    for (let j = Math.max(0, i - 2); j <= Math.min(levels.length - 1, i + 2); j++) {
      s += levels[j]!;
      n++;
    }
    return s / n;
  });
  const db = smooth.map((l) => 20 * Math.log10(Math.max(l, 1)));
  let count = 0;
  let lastPeak = -100;
  let dip = Infinity;
  for (let i = 1; i < db.length - 1; i++) {
    dip = Math.min(dip, db[i]!);
    const isPeak = db[i]! >= db[i - 1]! && db[i]! > db[i + 1]! && smooth[i]! >= floor;
    // Syllables are at least 80 ms apart; a peak must rise 2 dB out of the dip since the last one.
    if (isPeak && i - lastPeak >= 8 && db[i]! - dip >= 2) {
      count++;
      lastPeak = i;
      dip = Infinity;
    }
  }
  return count;
}

function rms(samples: Int16Array, start: number, length: number): number {
  let sum = 0;
  for (let i = start; i < start + length; i++) sum += samples[i]! ** 2;
  return Math.sqrt(sum / length);
}

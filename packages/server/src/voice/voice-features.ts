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

const MIN_PITCH = 60;
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
  // Speech rate over the span from the first to the last voiced frame: pauses between words count, as a listener hears them.
  const first = voiced.indexOf(true);
  const span = first < 0 ? 0 : ((voiced.lastIndexOf(true) - first + 1) * hop) / sampleRate;
  return { pitchHz, energyDb, syllablesPerSecond: span > 0.2 ? syllableNuclei(levels, floor) / Math.max(span, 0.5) : 0, voicedSeconds };
}

/** Normalised autocorrelation peak in the speech pitch range; null when the frame is not periodic enough. */
function pitchAt(samples: Int16Array, start: number, win: number, sampleRate: number): number | null {
  if (start + win > samples.length) return null;
  const minLag = Math.floor(sampleRate / MAX_PITCH);
  const maxLag = Math.min(Math.ceil(sampleRate / MIN_PITCH), win - 1);
  let energy = 0;
  for (let i = 0; i < win; i++) energy += samples[start + i]! ** 2;
  if (energy === 0) return null;
  const r: number[] = [];
  for (let lag = minLag; lag <= maxLag; lag++) {
    let sum = 0;
    let e2 = 0;
    for (let i = 0; i + lag < win; i++) {
      sum += samples[start + i]! * samples[start + i + lag]!;
      e2 += samples[start + i + lag]! ** 2;
    }
    r.push(sum / Math.sqrt(energy * e2 || 1));
  }
  const top = Math.max(...r);
  // The shortest lag with a local peak near the best one: the best alone is often an octave down (twice the lag).
  let bestLag = 0;
  let best = 0;
  for (let k = 1; k < r.length - 1; k++) {
    if (r[k]! >= r[k - 1]! && r[k]! >= r[k + 1]! && r[k]! >= 0.9 * top) {
      best = r[k]!;
      bestLag = minLag + k;
      break;
    }
  }
  return best >= 0.6 && bestLag > 0 ? sampleRate / bestLag : null;
}

/** Peaks of the smoothed envelope that rise 3 dB out of the dip before them (Mandarin: about one per syllable). */
function syllableNuclei(levels: number[], floor: number): number {
  const smooth = levels.map((_, i) => {
    let s = 0;
    let n = 0;
    for (let j = Math.max(0, i - 3); j <= Math.min(levels.length - 1, i + 3); j++) {
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
    // Syllables are at least 100 ms apart; a peak must rise 3 dB out of the dip since the last one.
    if (isPeak && i - lastPeak >= 10 && db[i]! - dip >= 3) {
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

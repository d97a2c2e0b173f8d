/** The two notes of the chime (Hz) and how long each sounds (s). */
const NOTES = [880, 660] as const;
const NOTE_SECONDS = 0.18;
const VOLUME = 0.2;

type AudioContextConstructor = new () => AudioContext;

let shared: AudioContext | null = null;

/**
 * A short two-note chime made with the Web Audio API (no audio file to download). Browsers keep
 * audio suspended until the user has interacted with the page; then this stays silent — the toast
 * still shows — and never throws.
 */
export function playAlertChime(): void {
  try {
    const context = audioContext();
    if (!context) return;
    if (context.state === 'suspended') {
      // Resuming only works after a user gesture; without one it rejects and we stay silent.
      context.resume().then(() => schedule(context), () => undefined);
      return;
    }
    schedule(context);
  } catch {
    // No audio device, blocked by policy: the visual alert is enough.
  }
}

function audioContext(): AudioContext | null {
  if (shared) return shared;
  const scope = globalThis as typeof globalThis & { webkitAudioContext?: AudioContextConstructor };
  const Constructor: AudioContextConstructor | undefined = scope.AudioContext ?? scope.webkitAudioContext;
  if (!Constructor) return null;
  shared = new Constructor();
  return shared;
}

function schedule(context: AudioContext): void {
  const start = context.currentTime;
  NOTES.forEach((frequency, index) => {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    const at = start + index * NOTE_SECONDS;
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(frequency, at);
    // A quick fade in and out avoids the click of a square start and stop.
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(VOLUME, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.001, at + NOTE_SECONDS);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + NOTE_SECONDS);
  });
}

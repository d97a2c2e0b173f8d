/**
 * The chimes' two notes (Hz): falling for a supervisor's high-risk alert, rising for an agent's
 * offer, so someone who hears both (a supervisor who also takes chats) can tell them apart.
 */
export const CHIME_NOTES = { alert: [880, 660], offer: [660, 880] } as const satisfies Record<string, readonly number[]>;
/** How long each note sounds (s). */
const NOTE_SECONDS = 0.18;
const VOLUME = 0.2;
const GESTURES = ['pointerdown', 'keydown'] as const;

/** The parts of the Web Audio API the chime uses, so tests can hand in a fake. */
export type ChimeAudioContext = Pick<AudioContext, 'state' | 'currentTime' | 'destination' | 'resume' | 'createOscillator' | 'createGain'>;
export type ChimeAudioContextFactory = () => ChimeAudioContext;

/**
 * A short two-note chime made with the Web Audio API — no audio file to download. Browsers keep
 * audio locked until the user has interacted with the page, so the audio context is created and
 * resumed on the first click or key press (`arm`); an alert before that, or in a browser without
 * audio, stays silent (the toast still shows) rather than queueing a sound for later or throwing.
 *
 * @example const chime = new AlertChime(); const disarm = chime.arm(document); …; chime.play();
 */
export class AlertChime {
  private context: ChimeAudioContext | null = null;

  constructor(
    private readonly createContext: ChimeAudioContextFactory | null = browserAudioContextFactory(),
    private readonly notes: readonly number[] = CHIME_NOTES.alert,
  ) {}

  /** Unlocks audio on the page's next user gesture; returns a function removing the listeners. */
  arm(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>): () => void {
    const unlock = () => {
      disarm();
      try {
        this.context ??= this.createContext?.() ?? null;
        void this.context?.resume().catch(() => undefined);
      } catch {
        // No audio device or blocked by policy: alerts stay visual.
      }
    };
    const disarm = () => {
      for (const type of GESTURES) target.removeEventListener(type, unlock);
    };
    for (const type of GESTURES) target.addEventListener(type, unlock);
    return disarm;
  }

  /** Plays the chime when audio is unlocked; otherwise does nothing. Never throws. */
  play(): boolean {
    const context = this.context;
    if (!context || context.state !== 'running') return false;
    try {
      const start = context.currentTime;
      this.notes.forEach((frequency, index) => {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        const at = start + index * NOTE_SECONDS;
        oscillator.type = 'sine';
        oscillator.frequency.setValueAtTime(frequency, at);
        // A quick fade in and out avoids the click of an abrupt start and stop.
        gain.gain.setValueAtTime(0, at);
        gain.gain.linearRampToValueAtTime(VOLUME, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.001, at + NOTE_SECONDS);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(at);
        oscillator.stop(at + NOTE_SECONDS);
      });
      return true;
    } catch {
      return false;
    }
  }
}

function browserAudioContextFactory(): ChimeAudioContextFactory | null {
  const scope = globalThis as typeof globalThis & { webkitAudioContext?: typeof AudioContext };
  const Constructor = scope.AudioContext ?? scope.webkitAudioContext;
  return Constructor ? () => new Constructor() : null;
}

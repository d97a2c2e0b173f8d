/** A keypad entry finished by `#` or by a pause after the last key. */
export interface DtmfEntry {
  digits: string;
  endedBy: 'pound' | 'timeout';
}

const DTMF_KEY = /^[0-9*#A-D]$/;

/**
 * Collects DTMF keys into entries, the way an IVR takes a verification code: `#` ends an entry, `*` clears it, and a
 * pause longer than `interDigitMs` after the last key ends it too. Timers are injected so tests need no sleeps.
 *
 * @example
 * const dtmf = new DtmfCollector((entry) => post(entry.digits));
 * for (const key of '123456#') dtmf.press(key); // → post('123456')
 */
export class DtmfCollector {
  private digits = '';
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly onEntry: (entry: DtmfEntry) => void,
    private readonly interDigitMs = 3000,
    private readonly timers: { set: typeof setTimeout; clear: typeof clearTimeout } = { set: setTimeout, clear: clearTimeout },
  ) {}

  static isKey(key: string): boolean {
    return DTMF_KEY.test(key);
  }

  /** One key; false (ignored) when it is not a DTMF key. */
  press(key: string): boolean {
    if (!DtmfCollector.isKey(key)) return false;
    this.stopTimer();
    if (key === '#') {
      this.emit('pound');
      return true;
    }
    if (key === '*') {
      this.digits = '';
      return true;
    }
    // 32 keys is more than any code; a stuck key must not grow the entry without bound.
    if (this.digits.length < 32) this.digits += key;
    this.timer = this.timers.set(() => this.emit('timeout'), this.interDigitMs);
    return true;
  }

  close(): void {
    this.stopTimer();
    this.digits = '';
  }

  private emit(endedBy: DtmfEntry['endedBy']): void {
    this.stopTimer();
    const digits = this.digits;
    this.digits = '';
    if (digits) this.onEntry({ digits, endedBy });
  }

  private stopTimer(): void {
    if (this.timer) this.timers.clear(this.timer);
    this.timer = null;
  }
}

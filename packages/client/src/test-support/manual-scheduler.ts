import type { Scheduler } from '../scheduler.js';

/** Fake time: timers fire only when the test advances the clock. */
export class ManualScheduler implements Scheduler {
  #now = 0;
  #nextId = 1;
  readonly #timers = new Map<number, { at: number; fn: () => void; ms: number }>();

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + ms, fn, ms });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Delays of the timers currently waiting, in the order they were set. */
  pendingDelays(): number[] {
    return [...this.#timers.values()].map((t) => t.ms);
  }

  /** Moves the clock forward, firing due timers in time order. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const due = [...this.#timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].fn();
    }
    this.#now = target;
  }
}

/** Lets promise callbacks (fetch results, then-chains) run before the test continues. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

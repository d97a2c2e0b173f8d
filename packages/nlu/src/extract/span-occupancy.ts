/**
 * Remembers which characters of a text are already claimed by an accepted span, so overlap
 * resolution costs the length of the spans instead of comparing every pair (which is quadratic on
 * a 100 KB message full of dates).
 */
export class SpanOccupancy {
  private readonly taken: Uint8Array;

  constructor(length: number) {
    this.taken = new Uint8Array(length);
  }

  /** Claims [start, end) if none of it is taken yet; returns whether it did. */
  claim(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.taken[i] === 1) return false;
    this.taken.fill(1, start, end);
    return true;
  }
}

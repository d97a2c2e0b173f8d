/** A wait past this many seconds is shown in orange, past LATE_WAIT_SECONDS in red. */
export const LONG_WAIT_SECONDS = 60;
export const LATE_WAIT_SECONDS = 180;

export type WaitLevel = 'ok' | 'long' | 'late';

/**
 * The wait the server reported at `loadedAt`, moved on to `now`, so the screen keeps counting
 * between fetches without trusting the browser clock against the server's.
 * @example waitSecondsAt(40, 1_000, 6_500) // 45
 */
export function waitSecondsAt(reportedSeconds: number, loadedAt: number, now: number): number {
  const elapsed = Math.max(0, Math.floor((now - loadedAt) / 1000));
  return Math.max(0, Math.floor(reportedSeconds)) + elapsed;
}

/**
 * A wait as a clock reading: `m:ss` under an hour, `h:mm:ss` above.
 * @example formatWait(65) // '1:05'
 * @example formatWait(3725) // '1:02:05'
 */
export function formatWait(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

/** How alarming a wait is, for its colour. */
export function waitLevel(seconds: number): WaitLevel {
  if (seconds >= LATE_WAIT_SECONDS) return 'late';
  if (seconds >= LONG_WAIT_SECONDS) return 'long';
  return 'ok';
}

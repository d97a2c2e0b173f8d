import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const POLL_MS = 200;

/**
 * What `read` finds, or else what `build` makes while holding `lock` (a file): test workers that need
 * the same costly thing at once (a trained model, a seeded data directory) wait for the first one to
 * build it instead of building it beside it. `build` must leave it where `read` finds it. A lock
 * whose holder process died is taken over (not one that is merely old: on a loaded machine a build
 * has taken over five minutes); a build's error is passed on and frees the lock, so the next caller
 * builds again.
 */
export async function buildOnce<T>(lock: string, read: () => T | null, build: () => Promise<T>): Promise<T> {
  for (;;) {
    const found = read();
    if (found !== null) return found;
    if (takeLock(lock)) break;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  try {
    return await build();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** True when this process may build: it made the lock, or there is no usable directory for one (then each builds). */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(dirname(lock), { recursive: true });
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return true;
  }
  try {
    if (!holderAlive(lock)) rmSync(lock, { force: true });
  } catch {
    // Released meanwhile: the next round reads or takes it.
  }
  return false;
}

function holderAlive(lock: string): boolean {
  const pid = Number(readFileSync(lock, 'utf8'));
  // An empty lock is being written: give its maker a moment.
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';

// PostgreSQL's default 128 MB of shared buffers is all touched at start inside PGlite's WebAssembly memory
// (which never shrinks): 32 MB took the server's RSS down by about 100 MB. The demo tenants' hot rows fit;
// pages beyond it come back from the OS page cache.
const SHARED_BUFFERS = '32MB';

export class PgliteInitError extends Error {
  readonly code = 'pglite_init_failed';
}

/** PGlite's start parameters with the server's memory settings. */
export function pgliteStartParams(): string[] {
  return [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`];
}

/**
 * Opens embedded PGlite on `dataDir` (in memory when null). A data directory that does not exist yet is
 * created by initdb in a child process first: run in this process, initdb's second WebAssembly instance
 * stayed resident (the server started at about 1 GB instead of about 0.5 GB).
 */
export async function openPglite(dataDir: string | null): Promise<PGlite> {
  if (dataDir === null) return new PGlite({ startParams: pgliteStartParams() });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    try {
      await promisify(execFile)(process.execPath, [fileURLToPath(new URL('./pglite-initdb.mjs', import.meta.url)), dataDir], { timeout: 600_000 });
    } catch (err) {
      throw new PgliteInitError(`could not create the PGlite data directory ${dataDir}: ${(err as Error).message}`);
    }
  }
  return new PGlite(dataDir, { startParams: pgliteStartParams() });
}

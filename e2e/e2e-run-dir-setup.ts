import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A directory the E2E files of one `vitest run` share (the seeded demo data directory), removed after the run. */
    e2eRunDir: string;
  }
}

// Vitest global setup (vitest.config.ts). Per run, not across runs: the demo tenants are seeded relative to
// the current time (last month's report is queued then). Their orders and appointment slots are not in it:
// each file's demo-enterprise service seeds its own books when it starts.
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'zhida-e2e-run-'));
  project.provide('e2eRunDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
// What a trained model depends on besides its input: the NLU engine, its data and installed dependencies, the workers.
const ENGINE_SOURCES = ['packages/nlu/src', 'packages/nlu/data', 'packages/nlu/package.json', 'package-lock.json', 'packages/server/src/nlu/train-worker.ts', 'packages/server/src/nlu/train-worker-bootstrap.mjs', 'packages/server/src/tickets/classify'];

let memo: string | null = null;

/** A hash of the training code and data (tests excluded): a model stored under it was trained by this very engine. Computed once per process. */
export function engineFingerprint(): string {
  if (memo) return memo;
  const hash = createHash('sha256');
  const add = (path: string): void => {
    const full = join(REPO_ROOT, path);
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) if (!name.endsWith('.test.ts') && name !== 'test-support') add(join(path, name));
      return;
    }
    hash.update(relative(REPO_ROOT, full)).update(readFileSync(full));
  };
  for (const path of ENGINE_SOURCES) add(path);
  memo = hash.digest('hex');
  return memo;
}

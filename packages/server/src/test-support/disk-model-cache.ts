import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrainedModelCache } from '../nlu/trained-model-cache.js';
import { buildOnce } from './build-once.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
// What a trained model depends on besides its input: the NLU engine, its data and installed dependencies, the workers.
const ENGINE_SOURCES = ['packages/nlu/src', 'packages/nlu/data', 'packages/nlu/package.json', 'package-lock.json', 'packages/server/src/nlu/train-worker.ts', 'packages/server/src/nlu/train-worker-bootstrap.mjs', 'packages/server/src/tickets/classify'];

/**
 * Trained models (tenant NLU models, ticket classifiers) on disk, shared by the test workers and by
 * later runs: the suite starts dozens of apps whose tenants come from the same four templates, and
 * each NLU model took 8–13 s of CPU to train. Keyed by the trainer, its input and a hash of the
 * training code (`ENGINE_SOURCES`), so an edited template, FAQ, intent, category or engine source
 * trains anew. While one worker trains a model another one waits for it (a lock file) instead of
 * training the same model beside it.
 */
export class DiskModelCache implements TrainedModelCache {
  private engine: string | null = null;

  constructor(private readonly dir = join(tmpdir(), 'zhida-test-cache', 'trained-models')) {}

  async reuseOrTrain<T>(kind: string, input: unknown, train: () => Promise<T>): Promise<T> {
    this.engine ??= engineFingerprint();
    const key = createHash('sha256').update(this.engine).update(kind).update(JSON.stringify(input)).digest('hex').slice(0, 32);
    const file = join(this.dir, `${kind}-${key}.json`);
    return buildOnce(`${file}.lock`, () => readModel<T>(file), async () => {
      const trained = await train();
      writeWhole(file, JSON.stringify(trained));
      return trained;
    });
  }
}

function readModel<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

// Written under a unique name and renamed: a reader never sees half a model.
function writeWhole(file: string, text: string): void {
  const partial = `${file}.${randomUUID()}.partial`;
  try {
    writeFileSync(partial, text);
    renameSync(partial, file);
  } catch {
    rmSync(partial, { force: true });
  }
}

function engineFingerprint(): string {
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
  return hash.digest('hex');
}

import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainedModelCache } from '../nlu/trained-model-cache.js';
import { buildOnce } from './build-once.js';
import { engineFingerprint } from './engine-fingerprint.js';

/**
 * Trained models (tenant NLU models, ticket classifiers) on disk, shared by the test workers and by
 * later runs: the suite starts dozens of apps whose tenants come from the same four templates, and
 * each NLU model took 8–13 s of CPU to train. Keyed by the trainer, its input and a hash of the
 * training code (`engineFingerprint`), so an edited template, FAQ, intent, category or engine source
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

import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NluTrainingInput } from '../nlu/nlu-training-input.js';
import type { CachedModel, TrainedModelCache } from '../nlu/trained-model-cache.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
// What a trained model depends on besides its input: the NLU engine, its data and installed dependencies, the worker.
const ENGINE_SOURCES = ['packages/nlu/src', 'packages/nlu/data', 'packages/nlu/package.json', 'package-lock.json', 'packages/server/src/nlu/train-worker.ts', 'packages/server/src/nlu/train-worker-bootstrap.mjs'];
// Longer than any training seen on the loaded CI machine; a lock older than this is a crashed trainer's.
const LOCK_STALE_MS = 180_000;
const POLL_MS = 200;

/**
 * Trained NLU models on disk, shared by the test workers and by later runs: the suite starts dozens of
 * apps whose tenants come from the same four templates, and each model took 8–13 s of CPU to train.
 * Keyed by the training input and a hash of the engine's sources (`ENGINE_SOURCES`), so an edited
 * template, FAQ, intent or NLU source trains anew. While one worker trains a model another one
 * waits for it (a lock file) instead of training the same model beside it.
 */
export class DiskModelCache implements TrainedModelCache {
  private engine: string | null = null;

  constructor(private readonly dir = join(tmpdir(), 'zhida-test-cache', 'nlu-models')) {}

  async reuseOrTrain(input: NluTrainingInput, train: () => Promise<CachedModel>): Promise<CachedModel> {
    this.engine ??= engineFingerprint();
    const file = join(this.dir, `${createHash('sha256').update(this.engine).update(JSON.stringify(input)).digest('hex').slice(0, 32)}.json`);
    const lock = `${file}.lock`;
    for (;;) {
      const stored = readModel(file);
      if (stored) return stored;
      if (takeLock(lock)) break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    try {
      const trained = await train();
      writeWhole(file, JSON.stringify(trained));
      return trained;
    } finally {
      rmSync(lock, { force: true });
    }
  }
}

function readModel(file: string): CachedModel | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CachedModel;
  } catch {
    return null;
  }
}

/** True when this process may train: it made the lock, or the lock's maker is gone. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(join(lock, '..'), { recursive: true });
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return true; // No usable cache directory: just train.
  }
  try {
    if (Date.now() - statSync(lock).mtimeMs < LOCK_STALE_MS && holderAlive(lock)) return false;
    rmSync(lock, { force: true });
  } catch {
    // Released meanwhile: try again.
  }
  return false;
}

function holderAlive(lock: string): boolean {
  const pid = Number(readFileSync(lock, 'utf8'));
  if (!Number.isInteger(pid) || pid <= 0) return true; // Being written: give it a moment.
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
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

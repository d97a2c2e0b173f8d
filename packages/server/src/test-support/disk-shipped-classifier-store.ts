import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShippedClassifierStore } from '@zhida/nlu';
import { engineFingerprint } from './engine-fingerprint.js';

/**
 * The shipped speech-act and emotion/risk classifiers on disk, keyed by the engine fingerprint: each test
 * file runs in a fresh module registry, and each file that parsed a message trained both again (about
 * 1.9 s of CPU in all). Two workers that miss at once both train and write the same bytes; there is no
 * lock because `shipped()` is synchronous, and the second rename only replaces an identical file.
 */
export class DiskShippedClassifierStore implements ShippedClassifierStore {
  constructor(private readonly dir = join(tmpdir(), 'zhida-test-cache', 'shipped-classifiers')) {}

  load(name: string): unknown {
    try {
      return JSON.parse(readFileSync(this.file(name), 'utf8')) as unknown;
    } catch {
      return null;
    }
  }

  // Written under a unique name and renamed: a reader never sees half a classifier.
  save(name: string, json: unknown): void {
    const file = this.file(name);
    const partial = `${file}.${randomUUID()}.partial`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(partial, JSON.stringify(json));
      renameSync(partial, file);
    } catch {
      rmSync(partial, { force: true });
    }
  }

  private file(name: string): string {
    return join(this.dir, `${name}-${engineFingerprint().slice(0, 32)}.json`);
  }
}

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NluModelJson } from '@zhida/nlu';
import { afterEach, describe, expect, it } from 'vitest';
import type { NluTrainingInput } from '../nlu/nlu-training-input.js';
import { DiskModelCache } from './disk-model-cache.js';

const dirs: string[] = [];
function cacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhida-model-cache-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function input(utterance: string): NluTrainingInput {
  return { data: { intents: [{ name: 'refund', utterances: [utterance] }] }, outOfScopeIntent: null, seed: 42 };
}

/** A stand-in trainer: the cache never looks inside a model, so any JSON marked with its call number will do. */
function trainer(delayMs = 0) {
  let calls = 0;
  const train = async () => {
    const call = ++calls;
    await new Promise((r) => setTimeout(r, delayMs));
    return { model: { seed: call } as unknown as NluModelJson, trainMs: 7 };
  };
  return { train, calls: () => calls };
}

describe('trained models on disk', () => {
  it('trains once per input and returns the stored model to another cache on the same directory', async () => {
    const dir = cacheDir();
    const t = trainer();
    const first = await new DiskModelCache(dir).reuseOrTrain('nlu', input('我要退款'), t.train);
    const again = await new DiskModelCache(dir).reuseOrTrain('nlu', input('我要退款'), t.train);
    expect(t.calls()).toBe(1);
    expect(again).toEqual(first);
    const other = await new DiskModelCache(dir).reuseOrTrain('nlu', input('我要退货'), t.train);
    expect(t.calls()).toBe(2);
    expect(other.model.seed).toBe(2);
    // Another trainer's model of the same input is its own.
    await new DiskModelCache(dir).reuseOrTrain('ticket-classifier', input('我要退货'), t.train);
    expect(t.calls()).toBe(3);
  });

  it('lets a second worker wait for the model the first is training rather than train it too', async () => {
    const dir = cacheDir();
    const t = trainer(600);
    const [a, b] = await Promise.all([new DiskModelCache(dir).reuseOrTrain('nlu', input('我要退款'), t.train), new DiskModelCache(dir).reuseOrTrain('nlu', input('我要退款'), t.train)]);
    expect(t.calls()).toBe(1);
    expect(b).toEqual(a);
    expect(readdirSync(dir).filter((f) => !f.endsWith('.json'))).toEqual([]);
  });

  it('passes a training error on and releases the input, so the next call trains', async () => {
    const dir = cacheDir();
    const cache = new DiskModelCache(dir);
    await expect(cache.reuseOrTrain('nlu', input('我要退款'), () => Promise.reject(new Error('invalid training data')))).rejects.toThrow('invalid training data');
    const t = trainer();
    await cache.reuseOrTrain('nlu', input('我要退款'), t.train);
    expect(t.calls()).toBe(1);
  });
});

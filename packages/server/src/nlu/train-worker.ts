import { parentPort, workerData } from 'node:worker_threads';
import { NluModel } from '@zhida/nlu';
import type { NluTrainingInput } from './nlu-training-input.js';

// Training is CPU-bound for up to a few seconds; it runs here so the event loop
// that serves chats never stalls.
const input = workerData as NluTrainingInput;
const started = performance.now();
try {
  const model = NluModel.train(input.data, { seed: input.seed, ...(input.outOfScopeIntent ? { outOfScopeIntent: input.outOfScopeIntent } : {}) });
  parentPort?.postMessage({ ok: true, model: model.toJSON(), trainMs: Math.round(performance.now() - started) });
} catch (err) {
  parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
}

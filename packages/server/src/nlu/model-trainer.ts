import { Worker } from 'node:worker_threads';
import type { NluModelJson } from '@zhida/nlu';
import type { NluTrainingInput } from './nlu-training-input.js';

export class ModelTrainingError extends Error {
  readonly code = 'nlu_training_failed';
}

/** Trains tenant models in a worker thread, one at a time per process (the machine has few cores). */
export class ModelTrainer {
  private queue: Promise<unknown> = Promise.resolve();

  train(input: NluTrainingInput): Promise<{ model: NluModelJson; trainMs: number }> {
    const run = this.queue.then(() => this.runWorker(input));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private runWorker(input: NluTrainingInput): Promise<{ model: NluModelJson; trainMs: number }> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./train-worker-bootstrap.mjs', import.meta.url), { workerData: input });
      worker.once('message', (msg: { ok: true; model: NluModelJson; trainMs: number } | { ok: false; message: string }) => {
        if (msg.ok) resolve({ model: msg.model, trainMs: msg.trainMs });
        else reject(new ModelTrainingError(msg.message));
        void worker.terminate();
      });
      worker.once('error', (err) => reject(new ModelTrainingError(err.message)));
      worker.once('exit', (code) => {
        if (code !== 0) reject(new ModelTrainingError(`training worker exited with ${code}`));
      });
    });
  }
}

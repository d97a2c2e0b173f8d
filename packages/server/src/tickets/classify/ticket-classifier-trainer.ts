import { Worker } from 'node:worker_threads';
import { trainedModelCache, type TrainedModelCache } from '../../nlu/trained-model-cache.js';
import type { TicketCategoryPriority, TicketClassifierJson, TicketTrainingText } from './ticket-classifier.js';

/** What one tenant's classifier is trained from (plain data: it crosses into a worker thread). */
export type TicketClassifierTrainingInput = {
  categories: TicketCategoryPriority[];
  examples: TicketTrainingText[];
  options?: { seed?: number; threshold?: number; folds?: number };
};

export class TicketClassifierTrainingError extends Error {
  readonly code = 'ticket_classifier_training_failed';
}

/** Trains ticket classifiers in a worker thread, one at a time per process (the machine has few cores). */
export class TicketClassifierTrainer {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly cache: TrainedModelCache | null = trainedModelCache()) {}

  train(input: TicketClassifierTrainingInput): Promise<{ json: TicketClassifierJson; trainMs: number }> {
    const run = this.queue.then(() => (this.cache ? this.cache.reuseOrTrain('ticket-classifier', input, () => this.runWorker(input)) : this.runWorker(input)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private runWorker(input: TicketClassifierTrainingInput): Promise<{ json: TicketClassifierJson; trainMs: number }> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./ticket-classifier-worker-bootstrap.mjs', import.meta.url), { workerData: input });
      worker.once('message', (msg: { ok: true; json: TicketClassifierJson; trainMs: number } | { ok: false; message: string }) => {
        if (msg.ok) resolve({ json: msg.json, trainMs: msg.trainMs });
        else reject(new TicketClassifierTrainingError(msg.message));
        void worker.terminate();
      });
      worker.once('error', (err) => reject(new TicketClassifierTrainingError(err.message)));
      worker.once('exit', (code) => {
        if (code !== 0) reject(new TicketClassifierTrainingError(`ticket classifier worker exited with ${code}`));
      });
    });
  }
}

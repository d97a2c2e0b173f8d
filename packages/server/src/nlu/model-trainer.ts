import { Worker } from 'node:worker_threads';
import type { NluModelJson } from '@zhida/nlu';
import type { NluTrainingInput } from './nlu-training-input.js';
import { trainedModelCache, type TrainedModelCache } from './trained-model-cache.js';

type TrainedModel = { model: NluModelJson; trainMs: number };

export class ModelTrainingError extends Error {
  readonly code = 'nlu_training_failed';
}

/** Trains tenant models in a worker thread, one at a time per process (the machine has few cores). */
export class ModelTrainer {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly cache: TrainedModelCache | null = trainedModelCache()) {}

  train(input: NluTrainingInput): Promise<TrainedModel> {
    const run = this.queue.then(() => this.trainOrReuse(input));
    this.queue = run.catch(() => undefined);
    return run;
  }

  // FAQ ids only label the FAQs a model carries (nothing is learnt from them), so the model is trained
  // on positional ids and given the real ones back: tenants installed from the same template, whose FAQ
  // rows have different ids, then share one cache entry.
  private async trainOrReuse(input: NluTrainingInput): Promise<TrainedModel> {
    const faqIds = input.data.faqs?.map((f) => f.id) ?? [];
    const positional: NluTrainingInput = { ...input, data: { ...input.data, ...(input.data.faqs ? { faqs: input.data.faqs.map((f, i) => ({ ...f, id: `faq-${i}` })) } : {}) } };
    const trained = this.cache ? await this.cache.reuseOrTrain('nlu', positional, () => this.runWorker(positional)) : await this.runWorker(positional);
    const realId = (id: string): string => faqIds[Number(/^faq-(\d+)$/.exec(id)?.[1] ?? NaN)] ?? id;
    const { faqIntents } = trained.model;
    return {
      model: {
        ...trained.model,
        faqs: trained.model.faqs.map((f, i) => ({ ...f, id: faqIds[i] ?? f.id })),
        ...(faqIntents ? { faqIntents: Object.fromEntries(Object.entries(faqIntents).map(([id, intent]) => [realId(id), intent])) } : {}),
      },
      trainMs: trained.trainMs,
    };
  }

  private runWorker(input: NluTrainingInput): Promise<TrainedModel> {
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

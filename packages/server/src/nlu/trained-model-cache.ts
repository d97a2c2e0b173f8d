import type { NluModelJson } from '@zhida/nlu';
import type { NluTrainingInput } from './nlu-training-input.js';

/** A model trained earlier on the same input, and how long that training took. */
export interface CachedModel {
  model: NluModelJson;
  trainMs: number;
}

/**
 * Where `ModelTrainer` looks before training, and keeps what it trained. The input it is given
 * has its FAQ ids replaced by their positions (`faq-0`, `faq-1`…), so tenants installed from the
 * same template share one entry although their FAQ rows have different ids. An implementation
 * must key on everything else that decides the model: the whole input and the training engine's
 * code. A lookup or store that fails means training, never an error; `train`'s own error is passed on.
 */
export interface TrainedModelCache {
  reuseOrTrain(input: NluTrainingInput, train: () => Promise<CachedModel>): Promise<CachedModel>;
}

let processCache: TrainedModelCache | null = null;

/**
 * Sets the cache every `ModelTrainer` of this process uses (none by default: production trains
 * every model). The test suite sets one in its setup file, so the dozens of apps it starts train
 * each template's model once per engine revision instead of once per app.
 */
export function useTrainedModelCache(cache: TrainedModelCache | null): void {
  processCache = cache;
}

export function trainedModelCache(): TrainedModelCache | null {
  return processCache;
}

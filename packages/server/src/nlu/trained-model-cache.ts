/**
 * Where the model trainers (`ModelTrainer` for tenant NLU models, `TicketClassifierTrainer`) look
 * before training, and keep what they trained. `kind` names the trainer; `input` is everything the
 * worker is given (plain JSON). An implementation must key on `kind`, the whole input and the
 * training code, and must hand back exactly what `train` returned for that key. A lookup or store
 * that fails means training, never an error; `train`'s own error is passed on.
 */
export interface TrainedModelCache {
  reuseOrTrain<T>(kind: string, input: unknown, train: () => Promise<T>): Promise<T>;
}

let processCache: TrainedModelCache | null = null;

/**
 * Sets the cache the trainers of this process use by default (none: production trains every model).
 * The test suite sets one in its setup file, so the dozens of apps it starts train each template's
 * models once per engine revision instead of once per app.
 */
export function useTrainedModelCache(cache: TrainedModelCache | null): void {
  processCache = cache;
}

export function trainedModelCache(): TrainedModelCache | null {
  return processCache;
}

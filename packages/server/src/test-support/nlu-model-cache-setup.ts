import { useShippedClassifierStore } from '@zhida/nlu';
import { useTrainedModelCache } from '../nlu/trained-model-cache.js';
import { DiskModelCache } from './disk-model-cache.js';
import { DiskShippedClassifierStore } from './disk-shipped-classifier-store.js';

// Vitest setup file (vitest.config.ts): every app a test starts, in-process or in an E2E file, reuses
// models trained on the same input by the same engine instead of training each template again.
useTrainedModelCache(new DiskModelCache());
// And every test file loads the speech-act and emotion/risk classifiers the first one trained.
useShippedClassifierStore(new DiskShippedClassifierStore());

import { useTrainedModelCache } from '../nlu/trained-model-cache.js';
import { DiskModelCache } from './disk-model-cache.js';

// Vitest setup file (vitest.config.ts): every app a test starts, in-process or in an E2E file, reuses
// models trained on the same input by the same engine instead of training each template again.
useTrainedModelCache(new DiskModelCache());

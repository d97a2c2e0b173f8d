// The store's own module, not the package index: every test file runs this setup, and importing the whole
// NLU engine (jieba, OpenCC, the bundled data) cost each of the ~440 files about a second before its first test.
import { useShippedClassifierStore } from '@zhida/nlu/shipped-classifier-store';
import { useTrainedModelCache } from '../nlu/trained-model-cache.js';
import { DiskModelCache } from './disk-model-cache.js';
import { DiskShippedClassifierStore } from './disk-shipped-classifier-store.js';

// Vitest setup file (vitest.config.ts): every app a test starts, in-process or in an E2E file, reuses
// models trained on the same input by the same engine instead of training each template again.
useTrainedModelCache(new DiskModelCache());
// And every test file loads the speech-act and emotion/risk classifiers the first one trained.
useShippedClassifierStore(new DiskShippedClassifierStore());

// The real server's entry (main.ts) behind the test suite's disk cache of trained models, for tests that start
// the server as a process. A setup module passed as `--import` would also be loaded by the training worker
// threads (they inherit execArgv) before their own TypeScript loader, and fail there; imported here, it runs
// only in the main thread, which is where the cache is consulted.
import '../../test-support/nlu-model-cache-setup.js';
await import('../../main.js');

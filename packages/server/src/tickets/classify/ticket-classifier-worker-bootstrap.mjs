// Worker threads do not inherit the TypeScript loader, so the worker entry is
// plain JavaScript that loads the TypeScript trainer through tsx.
import { tsImport } from 'tsx/esm/api';

await tsImport('./ticket-classifier-worker.ts', import.meta.url);

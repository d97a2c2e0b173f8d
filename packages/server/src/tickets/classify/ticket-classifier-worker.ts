import { parentPort, workerData } from 'node:worker_threads';
import { TicketClassifier } from './ticket-classifier.js';
import type { TicketClassifierTrainingInput } from './ticket-classifier-trainer.js';

// Training (the model and the cross-validation that picks the triage threshold) is CPU-bound for a
// second or more; it runs here so the event loop that serves requests and chats never stalls.
const input = workerData as TicketClassifierTrainingInput;
const started = performance.now();
try {
  const classifier = TicketClassifier.train(input.categories, input.examples, input.options);
  parentPort?.postMessage({ ok: true, json: classifier.toJSON(), trainMs: Math.round(performance.now() - started) });
} catch (err) {
  parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
}


import { loadOrTrainShipped } from '../model/shipped-classifier-store.js';
import { AffectClassifier } from './affect-classifier.js';
import { bundledAffectExamples } from './bundled-affect-examples.js';

let instance: AffectClassifier | undefined;

/**
 * The emotion and risk classifier every tenant model uses, trained on the bundled examples the first time it
 * is asked for (about a second of CPU, once per process; the server asks before it listens) and the same, bit for
 * bit, in every process. Not part
 * of a tenant's saved model: no tenant data changes it, and a better engine reaches every tenant at once.
 */
export function sharedAffectClassifier(): AffectClassifier {
  instance ??= loadOrTrainShipped('affect', () => AffectClassifier.train(bundledAffectExamples()), {
    toJSON: (classifier) => classifier.toJSON(),
    fromJSON: (json) => AffectClassifier.fromJSON(json),
  });
  return instance;
}

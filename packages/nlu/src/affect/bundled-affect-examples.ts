import { z } from 'zod';
import examples from '../../data/customer-service-emotion.json' with { type: 'json' };
import { affectExampleSchema, type AffectExample } from './affect-example.js';

let parsed: readonly AffectExample[] | undefined;

/**
 * The labelled customer-service messages the shipped emotion and risk classifiers learn from
 * (`packages/nlu/data/customer-service-emotion.json`: 759 messages, four industries, a few in English). A module import,
 * not a file read, so the package stays free of I/O. Its frozen test part lives in `bench/emotion/`.
 */
export function bundledAffectExamples(): readonly AffectExample[] {
  parsed ??= z.array(affectExampleSchema).parse(examples);
  return parsed;
}

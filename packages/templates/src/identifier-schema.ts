import { z } from 'zod';

/** Stable machine id (snake_case ASCII) used for intents, FAQ entries, graph nodes and categories. */
export const identifierSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case ASCII, e.g. "return_request"');

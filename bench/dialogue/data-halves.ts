import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';

/**
 * Which half of a benchmark set a file belongs to. `dev` may be read and tuned against; `frozen`
 * (`*.frozen.json`) was committed before code changes and is reported as numbers only.
 */
export type DataHalf = 'dev' | 'frozen';

/** Both halves in report order, each with its section title on the results page. */
export const DATA_HALVES: readonly { half: DataHalf; title: string }[] = [
  { half: 'dev', title: 'Dev half (`<template>.json`)' },
  { half: 'frozen', title: 'Frozen half (`<template>.frozen.json`, numbers only)' },
];

export interface HalfFile<T> {
  half: DataHalf;
  /** File name inside the set's folder, for error messages. */
  name: string;
  data: T;
}

export class BenchDataError extends Error {
  readonly code = 'bench_data_invalid';
}

/**
 * Reads every `<template>.json` (dev) and `<template>.frozen.json` (frozen) of a set folder, each validated
 * by `schema`, in name order. A missing folder is an empty set; an invalid file stops the bench.
 *
 * @example loadHalves(join(HERE, 'everyday-questions'), everydayQuestionFileSchema)
 */
export function loadHalves<S extends z.ZodType>(dir: string, schema: S): HalfFile<z.infer<S>>[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => {
      const parsed = schema.safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (!parsed.success) throw new BenchDataError(`${join(dir, name)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const data = parsed.data as z.infer<S> & { template?: unknown };
      const stem = name.replace(/\.frozen\.json$|\.json$/, '');
      // The file name is how a reader finds a template's set: it must agree with what the file says.
      if (typeof data.template === 'string' && data.template !== stem) throw new BenchDataError(`${join(dir, name)}: says template "${data.template}" but is named for "${stem}"`);
      return { half: name.endsWith('.frozen.json') ? 'frozen' : 'dev', name, data };
    });
}

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** Writes a benchmark's report to bench/results/<file> (committed), or prints it when the run was asked not to write. */
export function writeResults(file: string, text: string, options: { noWrite: boolean; log: (line: string) => void }): void {
  if (options.noWrite) {
    console.log(text);
    return;
  }
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, file), text);
  options.log(`wrote results/${file}`);
}

import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Starts the costliest test files first so that, on few workers, no long file is left running alone
 * at the end. Vitest's own order needs durations from an earlier run (a fresh CI checkout has none)
 * and otherwise goes by file size, which ranks a long unit test above a short browser test. Here a
 * file's size is weighted by what it starts: Chromium, then an app or database. With recorded
 * results (a developer's repeat run) Vitest's order, failed and slowest first, is kept.
 */
export class CostFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const known = files.every((f) => this.ctx.cache.getFileTestResults(`${f.project.name}:${relativeToRoot(this.ctx.config.root, f.moduleId)}`));
    if (known) return super.sort(files);
    const cost = new Map(files.map((f) => [f, estimatedCost(f.moduleId)]));
    return [...files].sort((a, b) => cost.get(b)! - cost.get(a)!);
  }
}

function relativeToRoot(root: string, file: string): string {
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}

function estimatedCost(file: string): number {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return 0;
  }
  // A real server process (crash/) seeds and trains the demo tenants on start: as costly as a browser.
  const weight = /playwright-core|chromium|ServerProcess\.start/.test(source) ? 20 : /TestApp|buildApp|createDatabase|testBackends|Fixture\.start/.test(source) ? 8 : 1;
  return source.length * weight;
}

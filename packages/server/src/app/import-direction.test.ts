import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// What may build the app: the entry points, the demo seeding that runs on a built app, and tests.
const COMPOSERS = [/^app\//, /^main\.ts$/, /^index\.ts$/, /^demo\//, /^test-support\//, /\.test\.ts$/];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('imports run one way', () => {
  it('no module imports the composition root (src/app); the shared kits sit in src/http, below the modules', () => {
    const upward: string[] = [];
    for (const file of sources(SRC)) {
      const name = relative(SRC, file);
      if (COMPOSERS.some((p) => p.test(name))) continue;
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        if (relative(SRC, resolve(dirname(file), spec!)).startsWith('app/')) upward.push(`${name} → ${spec}`);
      }
    }
    expect(upward).toEqual([]);
  });
});

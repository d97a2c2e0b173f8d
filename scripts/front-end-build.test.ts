import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIfStale, isBuildCurrent, STAMP_FILE } from './front-end-build.js';

describe('npm start rebuilds a front end whose sources changed', () => {
  let root: string;
  let builds: number;
  // Stands in for `vite build`: empties dist/ and writes a bundle, as emptyOutDir does.
  const build = () => {
    builds++;
    rmSync(join(root, 'apps/console/dist'), { recursive: true, force: true });
    mkdirSync(join(root, 'apps/console/dist'), { recursive: true });
    writeFileSync(join(root, 'apps/console/dist/index.js'), readFileSync(join(root, 'apps/console/src/main.tsx')));
    return true;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'zhida-front-end-'));
    builds = 0;
    mkdirSync(join(root, 'apps/console/src'), { recursive: true });
    writeFileSync(join(root, 'apps/console/src/main.tsx'), 'v1');
    writeFileSync(join(root, 'apps/console/package.json'), '{"name":"@zhida/console"}');
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds when dist/ is missing, then not again while nothing changed', () => {
    expect(buildIfStale(root, 'apps/console', build)).toBe('built');
    expect(buildIfStale(root, 'apps/console', build)).toBe('current');
    expect(builds).toBe(1);
    expect(isBuildCurrent(root, 'apps/console')).toBe(true);
  });

  it('rebuilds when a workspace package it depends on changed (the widget bundles @zhida/client)', () => {
    writeFileSync(join(root, 'package.json'), '{"workspaces":["packages/client","packages/server","apps/console"]}');
    writeFileSync(join(root, 'apps/console/package.json'), '{"name":"@zhida/console","dependencies":{"@zhida/client":"0.1.0"}}');
    for (const [dir, name] of [['packages/client', '@zhida/client'], ['packages/server', '@zhida/server']] as const) {
      mkdirSync(join(root, dir, 'src'), { recursive: true });
      writeFileSync(join(root, dir, 'package.json'), JSON.stringify({ name }));
      writeFileSync(join(root, dir, 'src/index.ts'), 'v1');
    }
    buildIfStale(root, 'apps/console', build);
    writeFileSync(join(root, 'packages/server/src/index.ts'), 'v2');
    expect(buildIfStale(root, 'apps/console', build)).toBe('current');
    writeFileSync(join(root, 'packages/client/src/index.ts'), 'v2');
    expect(buildIfStale(root, 'apps/console', build)).toBe('built');
  });

  it('rebuilds after a pull changed a source file, added one or deleted one', () => {
    buildIfStale(root, 'apps/console', build);
    writeFileSync(join(root, 'apps/console/src/main.tsx'), 'v2');
    expect(buildIfStale(root, 'apps/console', build)).toBe('built');
    expect(readFileSync(join(root, 'apps/console/dist/index.js'), 'utf8')).toBe('v2');
    writeFileSync(join(root, 'apps/console/src/new-screen.tsx'), 'new');
    expect(buildIfStale(root, 'apps/console', build)).toBe('built');
    rmSync(join(root, 'apps/console/src/new-screen.tsx'));
    expect(buildIfStale(root, 'apps/console', build)).toBe('built');
    expect(builds).toBe(4);
  });

  it('rebuilds when the lockfile or the package file changed (new library versions)', () => {
    buildIfStale(root, 'apps/console', build);
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}');
    expect(isBuildCurrent(root, 'apps/console')).toBe(false);
    buildIfStale(root, 'apps/console', build);
    writeFileSync(join(root, 'apps/console/package.json'), '{"name":"@zhida/console","dependencies":{"antd":"^6.1.0"}}');
    expect(buildIfStale(root, 'apps/console', build)).toBe('built');
  });

  it('rebuilds a dist/ left by an older release, which has no stamp', () => {
    build();
    expect(buildIfStale(root, 'apps/console', build)).toBe('built');
  });

  it('leaves no stamp when the build fails, so the next start tries again', () => {
    expect(buildIfStale(root, 'apps/console', () => false)).toBe('failed');
    expect(isBuildCurrent(root, 'apps/console')).toBe(false);
    expect(buildIfStale(root, 'apps/console', build)).toBe('built');
  });

  it('does not count its own output or stamp as sources', () => {
    buildIfStale(root, 'apps/console', build);
    writeFileSync(join(root, 'apps/console/dist', STAMP_FILE.replace('.', 'x')), 'noise');
    mkdirSync(join(root, 'apps/console/node_modules/.vite'), { recursive: true });
    writeFileSync(join(root, 'apps/console/node_modules/.vite/cache'), 'noise');
    expect(buildIfStale(root, 'apps/console', build)).toBe('current');
  });
});

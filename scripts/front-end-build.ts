import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Written into `dist/` after a successful build: the hash of the sources it was built from. */
export const STAMP_FILE = '.source-hash';

// Build output, installed packages and Vite's cache are not sources.
const NOT_SOURCES = new Set(['dist', 'node_modules', '.vite']);

/**
 * A content hash of everything a front end's build reads: the app's folder (src/, index.html,
 * public/, the Vite and TypeScript configs, package.json), the workspace packages it depends on and the repository's lockfile, which pins
 * the versions of the libraries bundled into it. Paths are hashed with the contents, so a renamed or
 * deleted file changes it too.
 * @example sourceHash('/srv/zhida', 'apps/console') // 'a3f…' (64 hex digits)
 */
export function sourceHash(root: string, app: string): string {
  const files = [...filesUnder(join(root, app)), ...workspaceDependencies(root, app).flatMap((dir) => filesUnder(join(root, dir))), join(root, 'package-lock.json')].filter((f) => existsSync(f));
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(relative(root, file).split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether `dist/` was built from the sources as they are now (false when it is missing or has no stamp). */
export function isBuildCurrent(root: string, app: string): boolean {
  const stamp = join(root, app, 'dist', STAMP_FILE);
  return existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === sourceHash(root, app);
}

/**
 * Builds the front end unless `dist/` is current, then stamps it. The hash is taken before the build:
 * a source edited while it ran leaves a stale stamp, so the next start builds again. A failed build
 * leaves no stamp (Vite empties dist/ first), so it is retried too.
 * @example buildIfStale(root, 'apps/widget', () => spawnSync('npm', ['run', 'build', '-w', 'apps/widget']).status === 0)
 */
export function buildIfStale(root: string, app: string, build: () => boolean): 'current' | 'built' | 'failed' {
  const hash = sourceHash(root, app);
  const stamp = join(root, app, 'dist', STAMP_FILE);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) return 'current';
  if (!build()) return 'failed';
  writeFileSync(stamp, `${hash}\n`);
  return 'built';
}

/**
 * The workspace packages (root package.json `workspaces`) the app depends on, e.g. the widget's @zhida/client:
 * they are bundled into its build, so their sources are its sources too.
 */
function workspaceDependencies(root: string, app: string): string[] {
  const readJson = (file: string): Record<string, unknown> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {});
  const manifest = readJson(join(root, app, 'package.json'));
  const wanted = new Set(Object.keys({ ...(manifest.dependencies as object | undefined), ...(manifest.devDependencies as object | undefined) }));
  const workspaces = (readJson(join(root, 'package.json')).workspaces as string[] | undefined) ?? [];
  return workspaces.filter((dir) => dir !== app && wanted.has(readJson(join(root, dir, 'package.json')).name as string));
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (NOT_SOURCES.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

// `npm start`: build the front ends when their sources changed since the last build (so an upgrade
// never serves the old console against the new API), then run the server on embedded PGlite (or
// PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set).
import { spawnSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { buildIfStale } = await import('./front-end-build.ts');

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

for (const app of ['apps/widget', 'apps/console']) {
  const result = buildIfStale(root, app, () => {
    console.log(`Building ${app} (its sources changed since the last build) …`);
    return spawnSync(npm, ['run', 'build', '-w', app], { cwd: root, stdio: 'inherit' }).status === 0;
  });
  if (result === 'failed') process.exit(1);
}

const child = spawn(process.execPath, ['--import', 'tsx', `${root}/packages/server/src/main.ts`], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

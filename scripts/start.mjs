// `npm start`: build the front ends once if needed, then run the server on
// embedded PGlite (or PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

for (const app of ['apps/widget', 'apps/console']) {
  if (!existsSync(`${root}/${app}/dist`)) {
    console.log(`Building ${app} …`);
    const r = spawnSync(npm, ['run', 'build', '-w', app], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', `${root}/packages/server/src/main.ts`], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

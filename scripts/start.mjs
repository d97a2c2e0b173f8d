// `npm start`: build the front ends when their sources changed since the last build (so an upgrade
// never serves the old console against the new API), start the demo enterprise, then run the server on
// embedded PGlite (or PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set).
import { spawnSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

// The demo tenants' shop and operator run as their own service, reached only over signed HTTP like a customer's
// CRM/ERP. Not started when ZHIDA_ENTERPRISE_URL names a real backend, or without demo tenants. Its secret is kept
// beside the data, so a second node started from the same directory (README: two nodes) uses the running one.
const children = [];
const env = { ...process.env };
if (!env.ZHIDA_ENTERPRISE_URL && !['0', 'false', 'no'].includes(env.ZHIDA_DEMO ?? '')) {
  const port = env.DEMO_ENTERPRISE_PORT ?? '3100';
  const dataDir = env.ZHIDA_DATA_DIR ?? join(root, 'data');
  const dataFile = env.DEMO_ENTERPRISE_DATA_FILE ?? join(dataDir, 'demo-enterprise.json');
  env.ZHIDA_ENTERPRISE_URL = `http://127.0.0.1:${port}`;
  env.ZHIDA_ENTERPRISE_SECRET = demoEnterpriseSecret(join(dataDir, 'demo-enterprise.secret'));
  if (!(await answers(`${env.ZHIDA_ENTERPRISE_URL}/healthz`, 0))) {
    const demo = spawn(process.execPath, ['--import', 'tsx', `${root}/packages/demo-enterprise/src/main.ts`], {
      cwd: root,
      stdio: 'inherit',
      env: { ...env, DEMO_ENTERPRISE_PORT: port, DEMO_ENTERPRISE_SECRET: env.ZHIDA_ENTERPRISE_SECRET, DEMO_ENTERPRISE_DATA_FILE: dataFile },
    });
    children.push(demo);
    if (!(await answers(`${env.ZHIDA_ENTERPRISE_URL}/healthz`, 60_000))) {
      console.error(`The demo enterprise did not start on port ${port} (DEMO_ENTERPRISE_PORT).`);
      demo.kill();
      process.exit(1);
    }
  }
  console.log(`Demo enterprise (the demo tenants' CRM/ERP): ${env.ZHIDA_ENTERPRISE_URL}/openapi.json   (books in ${dataFile})`);
}

const server = spawn(process.execPath, ['--import', 'tsx', `${root}/packages/server/src/main.ts`], { cwd: root, stdio: 'inherit', env });
children.push(server);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => children.forEach((c) => c.kill(signal)));
// One dies, both go: a server without its enterprise would answer every order question with "busy".
for (const c of children) {
  c.on('exit', (code, signal) => {
    for (const other of children) if (other !== c && other.exitCode === null) other.kill('SIGTERM');
    process.exit(code ?? (signal ? 1 : 0));
  });
}

function demoEnterpriseSecret(file) {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(24).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function answers(url, withinMs) {
  const until = Date.now() + withinMs;
  do {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  } while (Date.now() < until);
  return false;
}

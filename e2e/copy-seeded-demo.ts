import { cpSync, existsSync, mkdtempSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, inject } from 'vitest';
import { buildApp, loadConfig, seedDemo } from '../packages/server/src/index.js';
import { buildOnce } from '../packages/server/src/test-support/build-once.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

// The first file of a run seeds (and trains, when the model cache is cold) for a minute or more of CPU,
// and every other file waits for it: a hang limit, not a speed check.
const SEEDING_LIMIT_MS = 600_000;

/**
 * Fills an E2E file's new data directory with the four demo tenants as `seedDemo` and a first
 * `catchUp` leave them (trained models included), seeded once per test run and copied: seeding and
 * training took each browser test file about a minute of CPU before its first page. The file's server
 * then starts on a seeded data directory, as a restarted demo server does; its own `seedDemo` call
 * finds the tenants and only tops up what is missing. The tenants' enterprise (orders, accounts) is not
 * in it: the file starts its own demo-enterprise service (`startDemoEnterprise`), as `npm start` does.
 * @example const dataDir = mkdtempSync(join(tmpdir(), 'zhida-e2e-')); await copySeededDemo(dataDir); app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir }, REPO_ROOT));
 */
export async function copySeededDemo(dataDir: string): Promise<void> {
  cpSync(await seededDemo(), dataDir, { recursive: true });
}

// Importing this module makes the file wait for the run's seeded demo in a hook of its own, before the
// file's own setup: a file's beforeAll limit (some are 120 s) then times its own work, not the wait.
beforeAll(() => seededDemo(), SEEDING_LIMIT_MS);

let ready: Promise<string> | null = null;

function seededDemo(): Promise<string> {
  ready ??= build();
  return ready;
}

async function build(): Promise<string> {
  const runDir = inject('e2eRunDir');
  const seeded = join(runDir, 'seeded-demo');
  return buildOnce(join(runDir, 'seeded-demo.lock'), () => (existsSync(seeded) ? seeded : null), async () => {
    const building = mkdtempSync(join(runDir, 'seeding-'));
    const app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: building, LOG_LEVEL: 'warn' }, REPO_ROOT));
    try {
      await seedDemo(app.zhida, app.log);
      await app.zhida.brains.catchUp();
    } finally {
      await app.close();
    }
    // Complete or absent: a waiting worker copies it only once it is whole.
    renameSync(building, seeded);
    return seeded;
  });
}

/**
 * What reading the tenants' stored NLU models costs PGlite's memory: the process's RSS after opening
 * the data directory, then after reading every stored model once and twice, as the server does when it
 * builds the tenants' brains. PGlite's WebAssembly memory grows and is never given back, so what one
 * read adds stays for the life of the server.
 *
 *   node --expose-gc --import tsx bench/chat-model-memory.ts --data-dir DIR [--as jsonb|chunks]
 *
 * `--as jsonb` reads `nlu_models.model` as one value (the storage before migration 0036); `--as chunks`
 * reads through NluModelStore (after it). Run each in a new process on a copy of a data directory
 * bench/chat-statements.ts or `npm start` seeded; the numbers do not depend on the box's load.
 */
import { parseArgs } from 'node:util';
import { Kysely } from 'kysely';
import { NluModelStore } from '../packages/server/src/bot/nlu-model-store.js';
import { openPglite } from '../packages/server/src/db/open-pglite.js';
import { PGliteDialect } from '../packages/server/src/db/pglite-dialect.js';
import type { Database } from '../packages/server/src/db/schema.js';

const { values: args } = parseArgs({ options: { 'data-dir': { type: 'string' }, as: { type: 'string', default: 'chunks' } } });
if (!args['data-dir']) throw new Error('--data-dir is required');

// RSS after a full GC (run with --expose-gc), so JavaScript garbage is not counted; and PGlite's WebAssembly
// memory on its own, which is what the storage decides.
const gc = (globalThis as { gc?: () => void }).gc;
const rssMb = () => {
  gc?.();
  const wasm = (pglite.Module as unknown as { HEAPU8: Uint8Array }).HEAPU8.byteLength;
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 2 ** 20);
  return `${mb(m.rss)} (WebAssembly memory ${mb(wasm)}, JS heap ${mb(m.heapUsed)} used of ${mb(m.heapTotal)}, external ${mb(m.external)})`;
};
const pglite = await openPglite(args['data-dir']);
await pglite.waitReady;
const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
const tenants = (await db.selectFrom('nlu_models').select('tenant_id').execute()).map((r) => r.tenant_id);
const opened = rssMb();

async function readAll(): Promise<number> {
  let bytes = 0;
  for (const tenantId of tenants) {
    if (args.as === 'jsonb') {
      const { rows } = await pglite.query<{ model: unknown }>('select model from nlu_models where tenant_id = $1', [tenantId]);
      bytes += JSON.stringify(rows[0]!.model).length;
    } else {
      const stored = await new NluModelStore(db).load({ tenantId });
      bytes += JSON.stringify(stored!.model).length;
    }
  }
  return bytes;
}

const bytes = await readAll();
const once = rssMb();
await readAll();
const twice = rssMb();
console.log(`${args.as}: ${tenants.length} model(s), ${(bytes / 2 ** 20).toFixed(1)} MB of JSON; RSS MB after open ${opened}, after one read ${once}, after two ${twice}`);
await db.destroy();

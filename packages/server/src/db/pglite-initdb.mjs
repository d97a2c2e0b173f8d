// Creates an empty PGlite data directory (initdb) and exits: run as a child process by open-pglite.ts, so
// that initdb's own WebAssembly instance (about 450 MB that PGlite never gives back) dies with the child
// instead of staying in the server's RSS for its whole life.
import { PGlite } from '@electric-sql/pglite';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: node pglite-initdb.mjs <data dir>');
const db = new PGlite(dataDir);
await db.waitReady;
await db.close();

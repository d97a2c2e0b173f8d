// Preloaded into the server by `bench:chat --profile <dir>` (NODE_OPTIONS=--import): Node 20 refuses
// --cpu-prof in NODE_OPTIONS, and a whole-life profile would mix start-up and model training into the load.
// The first SIGUSR2 writes a heap snapshot (the server at rest, demo tenants loaded) and starts a CPU profile;
// the second writes the profile of the load phase only.
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

const dir = process.env.ZHIDA_BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let profiling = false;
  let busy = false;
  process.on('SIGUSR2', async () => {
    if (busy) return;
    busy = true;
    try {
      if (!profiling) {
        const memory = { usage: process.memoryUsage(), heapSpaces: getHeapSpaceStatistics() };
        writeFileSync(join(dir, `server-at-rest-${process.pid}.memory.json`), JSON.stringify(memory, null, 2));
        writeHeapSnapshot(join(dir, `server-at-rest-${process.pid}.heapsnapshot`));
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 500 });
        await session.post('Profiler.start');
        profiling = true;
      } else {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(join(dir, `server-load-${process.pid}.cpuprofile`), JSON.stringify(profile));
        profiling = false;
      }
    } finally {
      busy = false;
      writeFileSync(join(dir, `server-${process.pid}.signal-done`), String(Date.now()));
    }
  });
}

#!/usr/bin/env node
// Runs the given npm scripts at the same time and fails if any fails. The checks before the tests
// (three tsc projects, eslint, two vite builds) are mostly single-threaded and independent, so on
// the 2-core CI machine running them side by side takes about half as long as one after another.
// Each script's output is held back and printed whole when it ends, so logs do not interleave.
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: node scripts/run-parallel.mjs <npm script>...');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results = await Promise.all(
  scripts.map(
    (name) =>
      new Promise((resolve) => {
        const started = Date.now();
        const output = [];
        const child = spawn(npm, ['run', name], { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.on('data', (chunk) => output.push(chunk));
        child.stderr.on('data', (chunk) => output.push(chunk));
        const finish = (code) => {
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          process.stdout.write(`\n> ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds} s\n`);
          process.stdout.write(Buffer.concat(output));
          resolve({ name, code });
        };
        child.on('error', (err) => {
          output.push(Buffer.from(`${err.message}\n`));
          finish(1);
        });
        child.on('close', (code, signal) => finish(code ?? (signal ? 1 : 0)));
      }),
  ),
);

const failed = results.filter((r) => r.code !== 0);
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.map((r) => r.name).join(', ')}`);
  process.exit(1);
}

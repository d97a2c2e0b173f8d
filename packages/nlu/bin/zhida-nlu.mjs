#!/usr/bin/env node
// Launcher: registers tsx so the TypeScript CLI runs without a build step, and hands it Node's I/O.
import { readFile, writeFile } from 'node:fs/promises';
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/run-cli.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: (path, data) => writeFile(path, data, 'utf8'),
  stdout: (line) => process.stdout.write(line + '\n'),
  stderr: (line) => process.stderr.write(line + '\n'),
});

#!/usr/bin/env node
// Operator CLI launcher: runs the TypeScript CLI through tsx.
import { tsImport } from 'tsx/esm/api';

const { runCli } = await tsImport('../src/cli/zhida-cli.ts', import.meta.url);
process.exitCode = await runCli(process.argv.slice(2), process.env);

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBenchData, SUITES } from './bench-data.js';
import { BenchDataError } from './data-halves.js';

const BENCH = fileURLToPath(new URL('../', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A data root with one file per set, as given. */
function root(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-data-'));
  dirs.push(dir);
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(data));
  }
  return dir;
}

const options = (dataRoot: string) => ({ suites: new Set(SUITES), only: null, scriptsDir: join(BENCH, 'dialogue-scripts'), dataRoot });

describe('bench data', () => {
  it('accepts every committed data file', async () => {
    const data = await loadBenchData(options(BENCH));
    expect(data.scriptedJobs.length).toBeGreaterThan(0);
  });

  it('tells dev and frozen halves apart by file name', async () => {
    const item = { faq: 'return_how_to', text: '东西要退怎么弄' };
    const data = await loadBenchData({
      ...options(root({ 'everyday-questions/ecommerce.json': { template: 'ecommerce', tenant: 'demo-ecommerce', items: [item] }, 'everyday-questions/ecommerce.frozen.json': { template: 'ecommerce', tenant: 'demo-ecommerce', items: [item] } })),
      suites: new Set(['everyday'] as const),
    });
    expect(Object.fromEntries(data.everydayFiles.map((f) => [f.name, f.half]))).toEqual({ 'ecommerce.json': 'dev', 'ecommerce.frozen.json': 'frozen' });
  });

  it('refuses an FAQ id the template does not have', async () => {
    const dir = root({ 'everyday-questions/ecommerce.json': { template: 'ecommerce', tenant: 'demo-ecommerce', items: [{ faq: 'no_such_faq', text: '随便问问' }] } });
    await expect(loadBenchData({ ...options(dir), suites: new Set(['everyday'] as const) })).rejects.toThrow(BenchDataError);
  });

  it('refuses an intent id the template does not have', async () => {
    const dir = root({ 'vague-requests/telecom.json': { template: 'telecom', tenant: 'demo-telecom', items: [{ text: '网络的事', intents: ['no_such_intent'] }] } });
    await expect(loadBenchData({ ...options(dir), suites: new Set(['vague'] as const) })).rejects.toThrow(/no_such_intent/);
  });

  it('refuses a placeholder the fixtures cannot fill', async () => {
    const script = { id: 's', kinds: [], goal: { description: 'd', text: 'RMA' }, opening: '退货', answers: [{ when: '订单号', say: ['{{order.nope}}'] }] };
    const dir = root({ 'simulated-user/ecommerce.json': { template: 'ecommerce', tenant: 'demo-ecommerce', scripts: [script] } });
    await expect(loadBenchData({ ...options(dir), suites: new Set(['simulated'] as const) })).rejects.toThrow(/order\.nope/);
  });

  it('refuses a file whose template is not the one it is named for', async () => {
    const dir = root({ 'vague-requests/finance.json': { template: 'telecom', tenant: 'demo-telecom', items: [{ text: '网络的事', intents: ['broadband_fault'] }] } });
    await expect(loadBenchData({ ...options(dir), suites: new Set(['vague'] as const) })).rejects.toThrow(/named for "finance"/);
  });
});

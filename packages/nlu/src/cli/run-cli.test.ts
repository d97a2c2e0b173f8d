import { describe, expect, it } from 'vitest';
import { customerServiceFixture } from '../test-support/customer-service-fixture.js';
import { runCli, type CliIo } from './run-cli.js';

function memoryIo(files: Record<string, string>): CliIo & { out: string[]; err: string[]; files: Record<string, string> } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    files,
    out,
    err,
    readFile: async (p) => {
      const f = files[p];
      if (f === undefined) throw new Error(`no such file ${p}`);
      return f;
    },
    writeFile: async (p, d) => {
      files[p] = d;
    },
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
  };
}

const jsonl = customerServiceFixture.intents.flatMap((i) => i.utterances.map((text) => JSON.stringify({ text, intent: i.name }))).join('\n');

describe('zhida-nlu command line', () => {
  it('trains from JSONL, then evaluates and parses with the saved model', async () => {
    const io = memoryIo({
      'train.jsonl': jsonl,
      'test.jsonl': [{ text: '我要退款', intent: 'refund' }, { text: '快递到哪了', intent: 'shipping_status' }, { text: '今天天气不错', intent: 'oos' }].map((r) => JSON.stringify(r)).join('\n'),
    });
    expect(await runCli(['train', 'train.jsonl', '-o', 'model.json', '--seed', '5'], io)).toBe(0);
    expect(JSON.parse(io.files['model.json']!).format).toBe('zhida-nlu');

    expect(await runCli(['eval', 'model.json', 'test.jsonl'], io)).toBe(0);
    expect(io.out).toContain('accuracy 100.00%');
    expect(io.out).toContain('OOS recall 100.00%');

    expect(await runCli(['parse', 'model.json', '我想开发票'], io)).toBe(0);
    expect(JSON.parse(io.out.at(-1)!).intent.name).toBe('invoice');
  });

  it('prints usage and exits 2 on a bad command', async () => {
    const io = memoryIo({});
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.err.join('\n')).toContain('usage');
  });

  it('reports a model of the wrong version as an error, not a crash', async () => {
    const io = memoryIo({ 'old.json': JSON.stringify({ format: 'zhida-nlu', version: 99 }) });
    expect(await runCli(['parse', 'old.json', '你好'], io)).toBe(1);
    expect(io.err[0]).toContain('version 99');
  });
});

import { classificationMetrics } from '../metrics/classification-metrics.js';
import { NluModel } from '../model/nlu-model.js';
import type { NluTrainingData } from '../model/nlu-training-data.js';
import { NluError } from '../errors/nlu-error.js';

/** What the CLI needs from the outside world; the launcher passes Node's fs and console. */
export type CliIo = {
  readFile(path: string): Promise<string>;
  writeFile(path: string, data: string): Promise<void>;
  stdout(line: string): void;
  stderr(line: string): void;
};

const USAGE = `usage:
  zhida-nlu train <data.jsonl|data.json> -o <model.json> [--seed N] [--validation <val.jsonl>] [--oos-intent <name>]
  zhida-nlu eval <model.json> <test.jsonl>
  zhida-nlu parse <model.json> "<text>"
JSONL rows: {"text": "...", "intent": "..."}; a .json file is NluTrainingData ({ intents, faqs?, userWords? }).`;

type Row = { text: string; intent: string };

/**
 * The `zhida-nlu` command line, as a function of its arguments and I/O so it can be tested.
 * Returns the process exit code.
 * @example await runCli(['parse', 'model.json', '我要退款'], io) // 0, prints the parse as JSON
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  const { positional, flags } = parseArgs(rest);
  try {
    switch (command) {
      case 'train': {
        const [dataPath] = positional;
        const out = flags.get('o') ?? flags.get('output');
        if (!dataPath || !out) return usage(io);
        const data = await readTrainingData(io, dataPath);
        const validationPath = flags.get('validation');
        const seed = flags.has('seed') ? Number(flags.get('seed')) : undefined;
        const started = performance.now();
        const model = NluModel.train(data, {
          seed,
          validation: validationPath ? parseJsonl(await io.readFile(validationPath)) : undefined,
          outOfScopeIntent: flags.get('oos-intent'),
        });
        const seconds = (performance.now() - started) / 1000;
        await io.writeFile(out, JSON.stringify(model.toJSON()));
        io.stdout(`trained ${model.intents.length} intents in ${seconds.toFixed(2)} s → ${out}`);
        return 0;
      }
      case 'eval': {
        const [modelPath, testPath] = positional;
        if (!modelPath || !testPath) return usage(io);
        const model = NluModel.load(await io.readFile(modelPath));
        const rows = parseJsonl(await io.readFile(testPath));
        const m = classificationMetrics(rows.map((r) => ({ gold: r.intent, predicted: model.parse(r.text).intent?.name ?? null })));
        io.stdout(`rows ${m.rows}`);
        io.stdout(`accuracy ${(m.accuracy * 100).toFixed(2)}%`);
        io.stdout(`in-scope accuracy ${(m.inScopeAccuracy * 100).toFixed(2)}%`);
        io.stdout(`macro-F1 ${(m.macroF1 * 100).toFixed(2)}%`);
        if (m.oosRecall !== null) io.stdout(`OOS recall ${(m.oosRecall * 100).toFixed(2)}%`);
        return 0;
      }
      case 'parse': {
        const [modelPath, text] = positional;
        if (!modelPath || text === undefined) return usage(io);
        const model = NluModel.load(await io.readFile(modelPath));
        io.stdout(JSON.stringify(model.parse(text), null, 2));
        return 0;
      }
      default:
        return usage(io);
    }
  } catch (error) {
    if (error instanceof NluError || error instanceof SyntaxError) {
      io.stderr(`error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function usage(io: CliIo): number {
  io.stderr(USAGE);
  return 2;
}

function parseArgs(args: readonly string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith('-') && a.length > 1) {
      flags.set(a.replace(/^--?/, ''), args[i + 1] ?? '');
      i++;
    } else positional.push(a);
  }
  return { positional, flags };
}

function parseJsonl(content: string): Row[] {
  return content
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l, i) => {
      const row = JSON.parse(l) as Partial<Row>;
      if (typeof row.text !== 'string' || typeof row.intent !== 'string') throw new SyntaxError(`line ${i + 1}: expected {"text": string, "intent": string}`);
      return { text: row.text, intent: row.intent };
    });
}

async function readTrainingData(io: CliIo, path: string): Promise<NluTrainingData> {
  const content = await io.readFile(path);
  if (path.endsWith('.json')) return JSON.parse(content) as NluTrainingData;
  const byIntent = new Map<string, string[]>();
  for (const row of parseJsonl(content)) {
    const list = byIntent.get(row.intent) ?? [];
    list.push(row.text);
    byIntent.set(row.intent, list);
  }
  return { intents: [...byIntent].map(([name, utterances]) => ({ name, utterances })) };
}

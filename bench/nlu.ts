/**
 * NLU benchmark: our engine vs. NLP.js on public intent, sentiment and FAQ sets.
 * Usage (from bench/): npx tsx nlu.ts [--only clinc150,banking77,...] [--nlpjs-max-train N] [--no-nlpjs]
 * Prints one markdown table and writes results/nlu.md.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Nlp } from '@nlpjs/nlp';
import { LangEn } from '@nlpjs/lang-en';
import { LangZh } from '@nlpjs/lang-zh';
import { Bm25Index, classificationMetrics, FaqRetriever, NluModel, TextClassifier, tuneThreshold, type FeatureConfigInput, type LabeledText } from '@zhida/nlu';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const datasets = path.resolve(repoRoot, '../shared/datasets');
const SEED = 42;

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = flag('only')?.split(',');
const runNlpjs = !argv.includes('--no-nlpjs');
// No cap by default: a baseline trained on a fraction of the data it is compared on is not a fair baseline.
const nlpjsMaxTrain = Number(flag('nlpjs-max-train') ?? Infinity);

type Split = LabeledText[];
type IntentTask = {
  name: string;
  lang: 'en' | 'zh';
  train: Split;
  validation?: Split;
  test: Split;
  outOfScopeLabel?: string;
  features: FeatureConfigInput;
  reference: string;
  /** Also measure the whole `NluModel.parse` pipeline (normalise, intent, entities, emotion, risk, PII). */
  fullPipeline?: boolean;
  /** Extra test sets scored with the same model (sentiment cross-domain). */
  extraTests?: { name: string; rows: Split }[];
};
type Row = {
  set: string;
  engine: string;
  accuracy: string;
  macroF1: string;
  oosRecall: string;
  trainSeconds: string;
  p50: string;
  p99: string;
  memoryMb: string;
  reference: string;
  note: string;
};

const read = (...p: string[]): string => readFileSync(path.join(datasets, ...p), 'utf8');
const tsv = (file: string): string[][] => read(file).split('\n').slice(1).filter((l) => l.trim()).map((l) => l.split('\t'));

function csv(content: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < content.length; i++) {
    const ch = content[i] as string;
    if (quoted) {
      if (ch === '"' && content[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && content[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim()));
}

const EN_FEATURES: FeatureConfigInput = { charNgramMin: 2, charNgramMax: 4, pinyin: false, wordNgrams: 2 };
const ZH_FEATURES: FeatureConfigInput = { charNgramMin: 1, charNgramMax: 3, pinyin: true, wordNgrams: 2 };
const SENTIMENT_FEATURES: FeatureConfigInput = { charNgramMin: 1, charNgramMax: 3, pinyin: false, wordNgrams: 2, minDf: 2 };

function clinc150(): IntentTask {
  const d = JSON.parse(read('clinc150', 'data_full.json')) as Record<string, [string, string][]>;
  const rows = (k: string): Split => (d[k] ?? []).map(([text, label]) => ({ text, label }));
  return {
    name: 'CLINC150 (test + oos_test)',
    lang: 'en',
    train: [...rows('train'), ...rows('oos_train')],
    validation: [...rows('val'), ...rows('oos_val')],
    test: [...rows('test'), ...rows('oos_test')],
    outOfScopeLabel: 'oos',
    features: EN_FEATURES,
    reference: 'BERT 96.9 / OOS 40.3; SVM 91.0 / 14.5 (Larson+ 2019)',
  };
}

function banking77(): IntentTask {
  const rows = (f: string): Split => csv(read('banking77', f)).slice(1).map(([text, label]) => ({ text: text ?? '', label: label ?? '' }));
  return { name: 'BANKING77 (test)', lang: 'en', train: rows('train.csv'), test: rows('test.csv'), features: EN_FEATURES, reference: 'BERT 93.7, USE+ConveRT 93.4' };
}

function smp2017(): IntentTask {
  const rows = (f: string): Split => tsv(path.join('smp2017_ecdt_task1', f)).map(([text, label]) => ({ text: text ?? '', label: label ?? '' }));
  return { name: 'SMP2017-ECDT (dev)', lang: 'zh', train: rows('train.tsv'), test: rows('dev.tsv'), features: ZH_FEATURES, reference: 'best system F1 94.5 (official test)' };
}

function cais(): IntentTask {
  const split = (s: string): Split => {
    const labels = read('cais', `ch.${s}.intent`).split('\n').map((l) => l.trim()).filter(Boolean);
    const texts = read('cais', `ch.${s}.bioes`)
      .split(/\n\s*\n/)
      .map((block) => block.split('\n').filter((l) => l.length > 0).map((l) => (l.startsWith(' ') ? ' ' : l.split(' ')[0])).join(''))
      .filter((t) => t.length > 0);
    return labels.map((label, i) => ({ text: texts[i] ?? '', label }));
  };
  return { name: 'CAIS (test)', lang: 'zh', train: split('train'), validation: split('valid'), test: split('test'), features: ZH_FEATURES, reference: 'CM-Net 94.6', fullPipeline: true };
}

function chnsenticorp(): IntentTask {
  const rows = (f: string): Split => tsv(path.join('chnsenticorp', f)).map(([label, text]) => ({ text: text ?? '', label: label ?? '' }));
  const sopho = (f: string, labelCol: number, textCol: number): Split =>
    csv(read('zh_sentiment_sophonplus', f)).slice(1).map((r) => ({ text: r[textCol] ?? '', label: r[labelCol] ?? '' })).filter((r) => r.label === '0' || r.label === '1');
  return {
    name: 'ChnSentiCorp (test)',
    lang: 'zh',
    train: rows('train.tsv'),
    validation: rows('dev.tsv'),
    test: rows('test.tsv'),
    features: SENTIMENT_FEATURES,
    reference: 'BERT 95.0, RoBERTa-large 95.8',
    extraTests: [
      { name: 'sentiment cross-domain: waimai_10k (all)', rows: sopho('waimai_10k.csv', 0, 1) },
      { name: 'sentiment cross-domain: online_shopping_10_cats (all)', rows: sopho('online_shopping_10_cats.csv', 1, 2) },
    ],
  };
}

const TASKS: Record<string, () => IntentTask> = { clinc150, banking77, smp2017, cais, chnsenticorp };

/** Wall-clock and CPU time in ms. The machine is shared, so CPU time shows what the work itself costs. */
function clock(): { wall: number; cpu: number } {
  const u = process.cpuUsage();
  return { wall: performance.now(), cpu: (u.user + u.system) / 1000 };
}
function since(start: { wall: number; cpu: number }): { wall: number; cpu: number } {
  const now = clock();
  return { wall: now.wall - start.wall, cpu: now.cpu - start.cpu };
}
const seconds = (t: { wall: number; cpu: number }): string => `${(t.wall / 1000).toFixed(1)} (CPU ${(t.cpu / 1000).toFixed(1)})`;
/** Latency percentiles of wall and CPU time, as "wall / cpu" ms. */
function latencyCell(samples: { wall: number; cpu: number }[], q: number): string {
  const w = samples.map((s) => s.wall).sort((a, b) => a - b);
  const c = samples.map((s) => s.cpu).sort((a, b) => a - b);
  return `${percentile(w, q).toFixed(3)} / ${percentile(c, q).toFixed(3)}`;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
const pct = (x: number | null): string => (x === null ? '—' : (x * 100).toFixed(1));
const mb = (bytes: number): string => (bytes / 1048576).toFixed(0);

async function runOurs(task: IntentTask): Promise<Row[]> {
  const rssBefore = process.memoryUsage().rss;
  const started = clock();
  const classifier = TextClassifier.train(task.train, {
    features: task.features,
    training: { seed: SEED },
    validation: task.validation,
    outOfScopeLabel: task.outOfScopeLabel,
    // Closed sets have nothing out of scope: always answer with the best class.
    threshold: task.outOfScopeLabel ? undefined : 0,
    minCoverage: task.outOfScopeLabel ? undefined : 0,
  });
  const trainTime = since(started);
  // Warm up the JIT and lazy singletons so latency reflects steady state.
  for (const r of task.test.slice(0, 50)) classifier.classify(r.text);
  const evaluate = (rows: Split, name: string, withLatency: boolean): Row => {
    const latencies: { wall: number; cpu: number }[] = [];
    const pairs = rows.map((r) => {
      const t0 = clock();
      const c = classifier.classify(r.text);
      if (withLatency) latencies.push(since(t0));
      return { gold: r.label, predicted: task.outOfScopeLabel ? (c.top?.name ?? null) : (c.candidates[0]?.name ?? null) };
    });
    const m = classificationMetrics(pairs, task.outOfScopeLabel ?? '\u0000none');
    return {
      set: name,
      engine: 'Zhida',
      accuracy: pct(task.outOfScopeLabel ? m.inScopeAccuracy : m.accuracy),
      macroF1: pct(m.macroF1),
      oosRecall: pct(m.oosRecall),
      trainSeconds: withLatency ? seconds(trainTime) : '(same model)',
      p50: withLatency ? latencyCell(latencies, 0.5) : '—',
      p99: withLatency ? latencyCell(latencies, 0.99) : '—',
      memoryMb: withLatency ? mb(process.memoryUsage().rss - rssBefore) : '—',
      reference: withLatency ? task.reference : '≥ 85 (our bar)',
      note: task.outOfScopeLabel ? `threshold ${classifier.threshold.toFixed(2)} tuned on validation for in-scope acc + OOS recall (default)` : '',
    };
  };
  const rows = [evaluate(task.test, task.name, true)];
  for (const extra of task.extraTests ?? []) rows.push(evaluate(extra.rows, extra.name, false));
  if (task.outOfScopeLabel) {
    // The same model without the confidence threshold: only the explicit out-of-scope class abstains.
    const raw = classifier.withDecision({ threshold: 0, minCoverage: 0 });
    const m = classificationMetrics(task.test.map((r) => ({ gold: r.label, predicted: raw.classify(r.text).top?.name ?? null })), task.outOfScopeLabel);
    // A second operating point, still tuned on validation only: OOS recall counts half as much as in-scope accuracy.
    const validation = task.validation ?? [];
    const samples = validation.map((v) => {
      const c = raw.classify(v.text);
      const outOfScope = v.label === task.outOfScopeLabel;
      return { confidence: c.support, correct: outOfScope ? c.top === null : c.top?.name === v.label, outOfScope };
    });
    const threshold = tuneThreshold(samples, 0.05, 0.5);
    const inScopeFirst = classifier.withDecision({ threshold });
    const m2 = classificationMetrics(task.test.map((r) => ({ gold: r.label, predicted: inScopeFirst.classify(r.text).top?.name ?? null })), task.outOfScopeLabel);
    rows.push({ ...rows[0]!, set: `${task.name}, in-scope first`, accuracy: pct(m2.inScopeAccuracy), macroF1: pct(m2.macroF1), oosRecall: pct(m2.oosRecall), trainSeconds: '(same model)', p50: '—', p99: '—', memoryMb: '—', reference: '', note: `threshold ${threshold.toFixed(2)} tuned on validation for in-scope acc + 0.5 × OOS recall` });
    rows.push({ ...rows[0]!, set: `${task.name}, no threshold`, accuracy: pct(m.inScopeAccuracy), macroF1: pct(m.macroF1), oosRecall: pct(m.oosRecall), trainSeconds: '(same model)', p50: '—', p99: '—', memoryMb: '—', reference: '', note: 'only the explicit oos class abstains' });
  }
  if (task.fullPipeline) rows.push(runFullPipeline(task));
  return rows;
}

/** Trains an `NluModel` the way the server does and times `parse()`, which adds entities, emotion, risk and PII. */
function runFullPipeline(task: IntentTask): Row {
  const byIntent = new Map<string, string[]>();
  for (const r of task.train) byIntent.set(r.label, [...(byIntent.get(r.label) ?? []), r.text]);
  const started = clock();
  const model = NluModel.train(
    { intents: [...byIntent].map(([name, utterances]) => ({ name, utterances })) },
    { seed: SEED, features: task.features, validation: task.validation?.map((v) => ({ text: v.text, intent: v.label })) },
  );
  const trainTime = since(started);
  for (const r of task.test.slice(0, 50)) model.parse(r.text);
  const latencies: { wall: number; cpu: number }[] = [];
  const pairs = task.test.map((r) => {
    const t0 = clock();
    const parsed = model.parse(r.text);
    latencies.push(since(t0));
    return { gold: r.label, predicted: parsed.intent?.name ?? null };
  });
  const m = classificationMetrics(pairs, '\u0000none');
  return {
    set: `${task.name}, full NluModel.parse`,
    engine: 'Zhida',
    accuracy: pct(m.accuracy),
    macroF1: pct(m.macroF1),
    oosRecall: '—',
    trainSeconds: seconds(trainTime),
    p50: latencyCell(latencies, 0.5),
    p99: latencyCell(latencies, 0.99),
    memoryMb: '—',
    reference: '',
    note: 'default abstention on (an abstention counts as wrong); latency includes entities, emotion, risk, PII',
  };
}

async function runNlpjsTask(task: IntentTask): Promise<Row[]> {
  const rssBefore = process.memoryUsage().rss;
  const nlp = new Nlp({ languages: [task.lang], autoSave: false, autoLoad: false, log: false, nlu: { log: false } });
  nlp.use(task.lang === 'en' ? LangEn : LangZh);
  // With --nlpjs-max-train, NLP.js gets at most that many examples, the same number from each class.
  const classCount = new Set(task.train.map((r) => r.label)).size;
  const nlpjsPerClass = Math.ceil(nlpjsMaxTrain / classCount);
  const perClass = new Map<string, number>();
  let used = 0;
  for (const r of task.train) {
    const n = perClass.get(r.label) ?? 0;
    if (n >= nlpjsPerClass || r.text.trim().length === 0) continue;
    perClass.set(r.label, n + 1);
    nlp.addDocument(task.lang, r.text.slice(0, 500), r.label);
    used++;
  }
  // Blank rows are never trained on, by either engine's rules; they do not make a run "capped".
  const usable = task.train.filter((r) => r.text.trim().length > 0).length;
  const started = clock();
  await nlp.train();
  const trainTime = since(started);
  const evaluate = async (rows: Split, name: string, withLatency: boolean): Promise<Row> => {
    const latencies: { wall: number; cpu: number }[] = [];
    const pairs: { gold: string; predicted: string | null }[] = [];
    for (const r of rows) {
      const t0 = clock();
      const out = await nlp.process(task.lang, r.text.slice(0, 500));
      if (withLatency) latencies.push(since(t0));
      const predicted = out.intent === 'None' ? (task.outOfScopeLabel ?? null) : out.intent;
      pairs.push({ gold: r.label, predicted });
    }
    const m = classificationMetrics(pairs, task.outOfScopeLabel ?? '\u0000none');
    return {
      set: name,
      engine: 'NLP.js 4',
      accuracy: pct(task.outOfScopeLabel ? m.inScopeAccuracy : m.accuracy),
      macroF1: pct(m.macroF1),
      oosRecall: pct(m.oosRecall),
      trainSeconds: withLatency ? seconds(trainTime) : '(same model)',
      p50: withLatency ? latencyCell(latencies, 0.5) : '—',
      p99: withLatency ? latencyCell(latencies, 0.99) : '—',
      memoryMb: withLatency ? mb(process.memoryUsage().rss - rssBefore) : '—',
      reference: '',
      note: used < usable ? `trained on ${used}/${usable} (≤ ${nlpjsPerClass} per class)` : `full training set (${used})`,
    };
  };
  const rows = [await evaluate(task.test, task.name, true)];
  for (const extra of task.extraTests ?? []) rows.push(await evaluate(extra.rows, extra.name, false));
  return rows;
}

function stackFaq(): Row[] {
  type QaPair = { question: string; answer: string | string[]; rephr: string | string[] };
  const list = (x: string | string[]): string[] => (Array.isArray(x) ? x : [x]);
  const pairs = (JSON.parse(read('stackfaq_en', 'stackExchange-FAQ.json')) as { root: { qapair: QaPair[] } }).root.qapair;
  const faqs = pairs.map((p, i) => ({ id: String(i), question: p.question, answer: list(p.answer).join('\n') }));
  // Rephrasings with no letters at all (a lone "*") are not queries.
  const queries = pairs.flatMap((p, i) => list(p.rephr).filter((q) => typeof q === 'string' && /[a-z]/i.test(q)).map((q) => ({ q, id: String(i) })));
  const score = (rank: (q: string) => string[]): { ndcg: number; p1: number; p50: string; p99: string } => {
    let ndcg = 0;
    let p1 = 0;
    const latencies: { wall: number; cpu: number }[] = [];
    for (const { q, id } of queries) {
      const t0 = clock();
      const ranked = rank(q).slice(0, 10);
      latencies.push(since(t0));
      const r = ranked.indexOf(id);
      if (r >= 0) ndcg += 1 / Math.log2(r + 2);
      if (r === 0) p1++;
    }
    return { ndcg: ndcg / queries.length, p1: p1 / queries.length, p50: latencyCell(latencies, 0.5), p99: latencyCell(latencies, 0.99) };
  };
  let t0 = clock();
  const retriever = FaqRetriever.build(faqs);
  const oursTrain = since(t0);
  const ours = score((q) => retriever.search(q, 10).hits.map((h) => h.id));
  // How the noAnswer decision behaves: share of queries answered, and P@1 among those.
  let answered = 0;
  let answeredRight = 0;
  for (const { q, id } of queries) {
    const r = retriever.search(q, 1);
    if (r.noAnswer) continue;
    answered++;
    if (r.hits[0]?.id === id) answeredRight++;
  }
  // Baseline: plain BM25 over whitespace tokens of question + answer, no stemming, stopwords or weighting.
  const plain = (s: string): string[] => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  t0 = clock();
  const baselineIndex = Bm25Index.build(faqs.map((f) => ({ fields: [{ terms: plain(`${f.question} ${f.answer}`), weight: 1 }] })));
  const baseTrain = since(t0);
  const base = score((q) => baselineIndex.search(plain(q)).map((h) => String(h.doc)));
  const row = (engine: string, s: typeof ours, train: { wall: number; cpu: number }, note: string): Row => ({
    set: `StackFAQ (${queries.length} queries, unsupervised)`,
    engine,
    accuracy: `P@1 ${pct(s.p1)}`,
    macroF1: `NDCG@10 ${s.ndcg.toFixed(3)}`,
    oosRecall: '—',
    trainSeconds: seconds(train),
    p50: s.p50,
    p99: s.p99,
    memoryMb: '—',
    reference: engine === 'Zhida' ? 'BERT-FAQ NDCG@10 0.78 unsupervised, 0.99 supervised' : '',
    note,
  });
  return [row('Zhida', ours, oursTrain, `question + answer indexed; rephrasings never seen; answers ${pct(answered / queries.length)} % of queries (noAnswer on the rest) with P@1 ${pct(answeredRight / Math.max(1, answered))} % on those`), row('BM25 baseline', base, baseTrain, 'plain tokens, no stemming/stopwords')];
}

async function main(): Promise<void> {
  const started = new Date();
  const loadAtStart = os.loadavg();
  const rows: Row[] = [];
  const selected = Object.keys(TASKS).filter((k) => !only || only.includes(k));
  for (const key of selected) {
    const task = (TASKS[key] as () => IntentTask)();
    console.error(`[bench] ${key}: ours…`);
    rows.push(...(await runOurs(task)));
    if (runNlpjs) {
      console.error(`[bench] ${key}: NLP.js…`);
      rows.push(...(await runNlpjsTask(task)));
    }
  }
  if (!only || only.includes('stackfaq')) {
    console.error('[bench] stackfaq…');
    rows.push(...stackFaq());
  }
  const header = '| set | engine | accuracy % (in-scope for CLINC) | macro-F1 % | OOS recall % | train s wall (CPU) | parse p50 ms wall / CPU | parse p99 ms wall / CPU | RSS Δ MB | published reference | note |';
  const table = [
    header,
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.set} | ${r.engine} | ${r.accuracy} | ${r.macroF1} | ${r.oosRecall} | ${r.trainSeconds} | ${r.p50} | ${r.p99} | ${r.memoryMb} | ${r.reference} | ${r.note} |`),
  ].join('\n');
  console.log(table);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const md = `# NLU benchmark

- Date: ${started.toISOString()}
- Machine: ${cpu}, ${os.cpus().length} cores, ${mb(os.totalmem())} MB RAM, Node ${process.version}, ${os.platform()} ${os.release()}
- Command: \`cd bench && npx tsx nlu.ts ${argv.join(' ')}\`
- Load average when the run started (other work shares this machine, which inflates training times and tail latency): ${loadAtStart.map((x) => x.toFixed(1)).join(' / ')} (1 / 5 / 15 min); when it ended: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}
- Seed: ${SEED}. Data: \`../shared/datasets\` (splits as in its README; never trained on a reported split).

${table}

Notes: CPU times come from \`process.cpuUsage()\` and exclude time the process waited for a core; latency is one \`classify()\` call (normalise + features + model), measured over every test row; RSS Δ is process RSS after evaluation minus before training (rough).
`;
  mkdirSync(path.join(here, 'results'), { recursive: true });
  writeFileSync(path.join(here, 'results', only ? `nlu-${only.join('-')}.md` : 'nlu.md'), md);
}

await main();

/**
 * Emotion and risk benchmark: the trained AffectClassifier beside the lexicon detectors it replaced, on the
 * frozen customer-service test part (bench/emotion/customer-service.frozen.json), with 5-fold cross-validation
 * on the training part (packages/nlu/data/customer-service-emotion.json) beside it, and a ChnSentiCorp-trained
 * polarity model as an outside peer for the polarity part.
 * Usage (from bench/): npx tsx emotion.ts [--cv-only] [--no-peer] [--pretrain]
 * `--pretrain` (implied unless --no-peer or --cv-only) adds cross-validation rows with ChnSentiCorp reviews as extra examples.
 * `--cv-only` never reads the frozen file: use it while tuning. Writes results/emotion.md (not with --cv-only).
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  AffectClassifier,
  affectExampleSchema,
  bundledAffectExamples,
  decideHighRisk,
  DEFAULT_HIGH_RISK_SETTINGS,
  detectEmotion,
  detectRisk,
  TextClassifier,
  type AffectExample,
  type HighRiskEvidence,
} from '@zhida/nlu';
import { FOLDS, foldOf } from './emotion/affect-folds.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const datasets = path.resolve(here, '..', '../shared/datasets');
const SEED = 42;
const HAND_NOTES = '### Reading these numbers (written by hand';
const EMOTIONS = ['anger', 'anxiety', 'neutral', 'satisfied'] as const;
const argv = process.argv.slice(2);
const cvOnly = argv.includes('--cv-only');
const runPeer = !argv.includes('--no-peer') && !cvOnly;

type Emotion = (typeof EMOTIONS)[number];
/** What a system says about one message. */
type Reading = { emotion: Emotion; high: boolean; medium: boolean; crisis: boolean };
type System = (text: string) => Reading;

const lexicon: System = (text) => {
  const risk = detectRisk(text);
  return { emotion: detectEmotion(text).label, high: risk.level === 'high', medium: risk.level === 'medium', crisis: risk.reasons.includes('self_harm') };
};

function trained(classifier: AffectClassifier): System {
  return (text) => {
    const r = classifier.read(text);
    return { emotion: r.emotion.label, high: r.risk.level === 'high', medium: r.risk.level === 'medium', crisis: r.crisis };
  };
}

type Scores = {
  rows: number;
  accuracy: number;
  macroF1: number;
  f1: Record<Emotion, number>;
  highRecall: number;
  highPrecision: number;
  highGold: number;
  mediumRecall: number;
  mediumPrecision: number;
  crisisRecall: number;
  crisisGold: number;
  crisisFlagged: number;
  riskAccuracy: number;
};

function score(items: readonly AffectExample[], readings: readonly Reading[]): Scores {
  const f1 = {} as Record<Emotion, number>;
  for (const label of EMOTIONS) {
    const tp = items.filter((it, i) => it.emotion === label && readings[i]?.emotion === label).length;
    const predicted = readings.filter((r) => r.emotion === label).length;
    const gold = items.filter((it) => it.emotion === label).length;
    f1[label] = predicted + gold === 0 ? 0 : (2 * tp) / (predicted + gold);
  }
  const count = (f: (it: AffectExample, r: Reading) => boolean): number => items.filter((it, i) => f(it, readings[i] as Reading)).length;
  const ratio = (a: number, b: number): number => (b === 0 ? NaN : a / b);
  const level = (r: Reading): string => (r.high ? 'high' : r.medium ? 'low' : 'none');
  return {
    rows: items.length,
    accuracy: ratio(count((it, r) => it.emotion === r.emotion), items.length),
    macroF1: EMOTIONS.reduce((s, l) => s + f1[l], 0) / EMOTIONS.length,
    f1,
    highRecall: ratio(count((it, r) => it.risk === 'high' && r.high), count((it) => it.risk === 'high')),
    highPrecision: ratio(count((it, r) => it.risk === 'high' && r.high), count((_, r) => r.high)),
    highGold: count((it) => it.risk === 'high'),
    mediumRecall: ratio(count((it, r) => it.risk === 'low' && r.medium), count((it) => it.risk === 'low')),
    mediumPrecision: ratio(count((it, r) => it.risk === 'low' && r.medium), count((_, r) => r.medium)),
    crisisRecall: ratio(count((it, r) => it.crisis === true && r.crisis), count((it) => it.crisis === true)),
    crisisGold: count((it) => it.crisis === true),
    crisisFlagged: count((_, r) => r.crisis),
    riskAccuracy: ratio(count((it, r) => it.risk === level(r)), items.length),
  };
}


/** Out-of-fold readings of the trained classifier, and its out-of-fold high-risk evidence for the threshold study. */
function crossValidate(items: readonly AffectExample[], extra: readonly AffectExample[] = []): { readings: Reading[]; evidence: HighRiskEvidence[] } {
  const folds = foldOf(items);
  const readings: Reading[] = [];
  const evidence: HighRiskEvidence[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const classifier = AffectClassifier.train([...items.filter((_, i) => folds[i] !== f), ...extra], { seed: SEED });
    const system = trained(classifier);
    items.forEach((it, i) => {
      if (folds[i] !== f) return;
      readings[i] = system(it.text);
      evidence[i] = classifier.highRiskEvidence(it.text);
    });
  }
  return { readings, evidence };
}

/**
 * ChnSentiCorp reviews as extra training examples (positive → satisfied, negative → anger, no risk): does
 * pre-training on review sentiment help? The first `count` of each polarity, cut to 120 characters.
 */
function reviewExamples(count: number): AffectExample[] {
  const rows = readFileSync(path.join(datasets, 'chnsenticorp', 'train.tsv'), 'utf8').split('\n').slice(1).filter((l) => l.trim()).map((l) => l.split('\t'));
  const take = (label: string, emotion: 'satisfied' | 'anger'): AffectExample[] =>
    rows.filter((r) => r[0] === label).slice(0, count).map((r) => ({ text: (r[1] ?? '').slice(0, 120), emotion, risk: 'none' }));
  return [...take('1', 'satisfied'), ...take('0', 'anger')];
}

/** ChnSentiCorp reviews → a positive/negative model, read on messages that carry an emotion. */
function polarityPeer(): { classify: (text: string) => 'positive' | 'negative'; trainSeconds: number } {
  const rows = (f: string): { text: string; label: string }[] =>
    readFileSync(path.join(datasets, 'chnsenticorp', f), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => l.split('\t'))
      .map(([label, text]) => ({ text: text ?? '', label: label === '1' ? 'positive' : 'negative' }));
  const started = process.cpuUsage();
  // The settings bench:nlu uses for ChnSentiCorp (93.7 % on its test split).
  const model = TextClassifier.train(rows('train.tsv'), {
    features: { charNgramMin: 1, charNgramMax: 3, pinyin: false, wordNgrams: 2, minDf: 2 },
    validation: rows('dev.tsv'),
    training: { seed: SEED },
    threshold: 0,
  });
  const trainSeconds = (process.cpuUsage(started).user + process.cpuUsage(started).system) / 1e6;
  return { classify: (text) => (model.classify(text).candidates[0]?.name === 'positive' ? 'positive' : 'negative'), trainSeconds };
}

const pct = (x: number): string => (Number.isNaN(x) ? '—' : (100 * x).toFixed(1));

function table(rows: readonly (readonly [string, string, Scores])[]): string {
  return [
    '| set | system | emotion acc % | emotion macro-F1 % | F1 anger / anxiety / neutral / satisfied % | high-risk recall % | high-risk precision % | medium (low) recall / precision % | crisis recall % (flagged / gold) | risk 3-way acc % |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      ([set, system, s]) =>
        `| ${set} | ${system} | ${pct(s.accuracy)} | ${pct(s.macroF1)} | ${EMOTIONS.map((l) => pct(s.f1[l])).join(' / ')} | ${pct(s.highRecall)} (${s.highGold} high) | ${pct(s.highPrecision)} | ${pct(s.mediumRecall)} / ${pct(s.mediumPrecision)} | ${pct(s.crisisRecall)} (${s.crisisFlagged} / ${s.crisisGold}) | ${pct(s.riskAccuracy)} |`,
    ),
  ].join('\n');
}

/** High-risk recall and precision on the out-of-fold evidence, moving one threshold of the two-stage decision at a time. */
function thresholdStudy(items: readonly AffectExample[], evidence: readonly HighRiskEvidence[]): string {
  const gold = items.filter((it) => it.risk === 'high').length;
  const row = (label: string, settings: typeof DEFAULT_HIGH_RISK_SETTINGS): string => {
    const flagged = evidence.map((e) => decideHighRisk(e, settings).high);
    const tp = items.filter((it, i) => it.risk === 'high' && flagged[i]).length;
    return `| ${label} | ${pct(tp / gold)} | ${pct(tp / Math.max(1, flagged.filter(Boolean).length))} |`;
  };
  const lines = ['| setting | high recall % | high precision % |', '|---|---|---|'];
  for (const candidate of [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5]) lines.push(row(`with a risk phrase ≥ ${candidate}`, { ...DEFAULT_HIGH_RISK_SETTINGS, candidate }));
  for (const unmarked of [0.2, 0.3, 0.4, 0.5, 0.6, 0.8]) lines.push(row(`without one ≥ ${unmarked}`, { ...DEFAULT_HIGH_RISK_SETTINGS, unmarked }));
  lines.push(row('one threshold for all, 0.15 (no first stage)', { ...DEFAULT_HIGH_RISK_SETTINGS, candidate: 0.15, unmarked: 0.15 }));
  lines.push(row('one threshold for all, 0.4 (no first stage)', { ...DEFAULT_HIGH_RISK_SETTINGS, candidate: 0.4, unmarked: 0.4 }));
  return lines.join('\n');
}

function main(): void {
  const started = new Date();
  const loadAtStart = os.loadavg();
  const train = bundledAffectExamples();
  console.error(`[bench] ${FOLDS}-fold cross-validation on the training part (${train.length} messages)…`);
  const cv = crossValidate(train);
  const rows: [string, string, Scores][] = [
    [`training part, ${FOLDS}-fold CV`, 'Zhida AffectClassifier', score(train, cv.readings)],
    ['training part (no training needed)', 'old lexicon detectors', score(train, train.map((it) => lexicon(it.text)))],
  ];
  if (runPeer || argv.includes('--pretrain')) {
    for (const count of [100, 400]) {
      console.error(`[bench] ${FOLDS}-fold CV with ${2 * count} ChnSentiCorp reviews added to each training fold…`);
      rows.push([`training part, ${FOLDS}-fold CV`, `AffectClassifier + ${2 * count} ChnSentiCorp reviews as examples (bench only)`, score(train, crossValidate(train, reviewExamples(count)).readings)]);
    }
  }
  let frozenNote = 'Not run (`--cv-only`).';
  let peerTable = '';
  let timing = '';
  if (!cvOnly) {
    const frozen = z.array(affectExampleSchema).parse(JSON.parse(readFileSync(path.join(here, 'emotion', 'customer-service.frozen.json'), 'utf8')));
    console.error(`[bench] training on all ${train.length} and reading the frozen ${frozen.length}…`);
    const cpu = process.cpuUsage();
    const classifier = AffectClassifier.train(train, { seed: SEED });
    const trainCpu = process.cpuUsage(cpu);
    const ours = trained(classifier);
    const readCpu = process.cpuUsage();
    const oursReadings = frozen.map((it) => ours(it.text));
    const perMessage = process.cpuUsage(readCpu);
    rows.unshift(['**frozen test part**', '**old lexicon detectors**', score(frozen, frozen.map((it) => lexicon(it.text)))]);
    rows.unshift(['**frozen test part**', '**Zhida AffectClassifier**', score(frozen, oursReadings)]);
    frozenNote = `${frozen.length} messages, read once by this run; never used for tuning.`;
    timing = `Training both classifiers on the ${train.length} messages: ${((trainCpu.user + trainCpu.system) / 1e6).toFixed(2)} s CPU (once per process, on first use). Reading one message (both classifiers, lexicon features, reasons): ${((perMessage.user + perMessage.system) / 1000 / frozen.length).toFixed(2)} ms CPU on average over the frozen part.`;
    if (runPeer) {
      console.error('[bench] ChnSentiCorp polarity peer…');
      const peer = polarityPeer();
      const emotional = frozen.map((it, i) => ({ it, i })).filter(({ it }) => it.emotion !== 'neutral');
      const gold = (e: string): string => (e === 'satisfied' ? 'positive' : 'negative');
      const right = (predict: (text: string, i: number) => string): number => emotional.filter(({ it, i }) => predict(it.text, i) === gold(it.emotion)).length / emotional.length;
      // Ours and the lexicon may say neutral; for polarity, neutral counts as wrong (the peer always commits).
      const asPolarity = (e: string): string => (e === 'satisfied' ? 'positive' : e === 'neutral' ? 'neutral' : 'negative');
      peerTable = [
        '| system | polarity accuracy % on the frozen messages with an emotion | note |',
        '|---|---|---|',
        `| Zhida AffectClassifier | ${pct(right((_, i) => asPolarity((oursReadings[i] as Reading).emotion)))} | a neutral reading counts as wrong |`,
        `| ChnSentiCorp-trained polarity model (peer) | ${pct(right((text) => peer.classify(text)))} | our TextClassifier on ChnSentiCorp train (9,600 reviews, tuned on dev), ${peer.trainSeconds.toFixed(1)} s CPU; bench only, never shipped |`,
        `| old lexicon detectors | ${pct(right((text) => asPolarity(detectEmotion(text).label)))} | a neutral reading counts as wrong |`,
      ].join('\n');
      peerTable = `### Polarity peer (${emotional.length} frozen messages whose gold emotion is not neutral; satisfied = positive, anger/anxiety = negative)\n\n${peerTable}\n`;
    }
  }
  const main = table(rows);
  console.log(main);
  if (peerTable) console.log(peerTable);
  if (cvOnly) {
    console.log(thresholdStudy(train, cv.evidence));
    return;
  }
  const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
  const md = `# Emotion and risk benchmark

- Date: ${started.toISOString()}
- Machine: ${cpuModel}, ${os.cpus().length} cores, Node ${process.version}, ${os.platform()} ${os.release()}; load average at start ${loadAtStart.map((x) => x.toFixed(1)).join(' / ')}
- Command: \`npm run bench:emotion\` (\`cd bench && npx tsx emotion.ts ${argv.join(' ')}\`)
- Seed: ${SEED}. Training part: \`packages/nlu/data/customer-service-emotion.json\` (${train.length} messages). Frozen test part: \`bench/emotion/customer-service.frozen.json\` — ${frozenNote}
- Bars (issue #16, part 5, on the frozen part): emotion macro-F1 ≥ 85 %, high-risk recall ≥ 98 % at precision ≥ 90 %.

${main}

"High" is the public risk level \`high\`; "medium (low)" is the data's \`low\`, reported as the public \`medium\`. Crisis = self-harm or despair:
the trained classifier's crisis class; for the old detectors, the reason \`self_harm\`. The cross-validation folds are stratified by
emotion × risk class; every setting of the classifier was chosen on these folds, never on the frozen part.

${peerTable}
### High-risk decision on the ${FOLDS}-fold out-of-fold scores (training part)

Two stages: a message with a threat or despair phrase family (\`affectCues\`) is high risk when \`P(high) + P(crisis)\` ≥ ${DEFAULT_HIGH_RISK_SETTINGS.candidate},
one without when it is ≥ ${DEFAULT_HIGH_RISK_SETTINGS.unmarked} (the shipped settings); a self-harm phrase the risk lexicon knows is always a crisis. Each row moves one of the two.

${thresholdStudy(train, cv.evidence)}

${timing}
`;
  mkdirSync(path.join(here, 'results'), { recursive: true });
  const out = path.join(here, 'results', 'emotion.md');
  // The notes written by hand after a run say what the numbers mean and how often the frozen part was read: a rerun keeps them.
  const previous = existsSync(out) ? readFileSync(out, 'utf8') : '';
  const notes = previous.indexOf(HAND_NOTES);
  writeFileSync(out, notes >= 0 ? `${md}\n${previous.slice(notes)}` : md);
}

main();

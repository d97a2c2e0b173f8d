/**
 * Speech-act benchmark (question vs request, issue #16 part 0), a section of bench:templates: the classifier is
 * trained on 80 % of the shipped corpus (`splitSpeechActs`, stratified by domain and label, seed 42) and scored on
 * the held-out 20 %, and on the frozen set `packages/nlu/data/speech-acts.frozen.json`, written before any
 * speech-act code and never trained or tuned on.
 */
import { readFileSync } from 'node:fs';
import { classificationMetrics, shippedSpeechActExamples, SpeechActClassifier, speechActCorpusSchema, speechActExamples, splitSpeechActs, type SpeechActExample } from '@zhida/nlu';

const SEED = 42;
const HOLD_OUT = 0.2;
const FROZEN = new URL('../packages/nlu/data/speech-acts.frozen.json', import.meta.url);
const CHALLENGE = new URL('../packages/nlu/data/speech-acts-challenge.frozen.json', import.meta.url);

type Score = { name: string; rows: number; accuracy: number; macroF1: number; questionRecall: number; requestRecall: number; misses: { text: string; gold: string; confidence: number }[] };

function score(name: string, classifier: SpeechActClassifier, rows: readonly SpeechActExample[]): Score {
  const predicted = rows.map((r) => ({ row: r, act: classifier.classify(r.text) }));
  const metrics = classificationMetrics(predicted.map((p) => ({ gold: p.row.act, predicted: p.act.label })), '(none)');
  const recall = (label: string): number => {
    const gold = predicted.filter((p) => p.row.act === label);
    return gold.filter((p) => p.act.label === label).length / gold.length;
  };
  return {
    name,
    rows: rows.length,
    accuracy: metrics.accuracy,
    macroF1: metrics.macroF1,
    questionRecall: recall('question'),
    requestRecall: recall('request'),
    misses: predicted.filter((p) => p.act.label !== p.row.act).map((p) => ({ text: p.row.text, gold: p.row.act, confidence: p.act.confidence })),
  };
}

/** Trains on the train split and returns the section's markdown lines. */
export function speechActSection(): string[] {
  const { train, test } = splitSpeechActs(shippedSpeechActExamples(), { holdOut: HOLD_OUT, seed: SEED });
  const read = (file: URL): SpeechActExample[] => speechActExamples(speechActCorpusSchema.parse(JSON.parse(readFileSync(file, 'utf8'))));
  const started = performance.now();
  const classifier = SpeechActClassifier.train(train, { seed: SEED });
  const trainSeconds = (performance.now() - started) / 1000;
  const scores = [score('held-out 20 %', classifier, test), score('frozen set', classifier, read(FROZEN)), score('challenge set (frozen)', classifier, read(CHALLENGE))];
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
  return [
    '## Speech act (question / request)',
    '',
    `\`SpeechActClassifier\` trained on ${train.length} utterances of \`packages/nlu/data/speech-acts.json\` (80 %, stratified by`,
    `domain and label, seed ${SEED}; ${trainSeconds.toFixed(1)} s) and scored on the held-out 20 % and on the frozen set`,
    '(`speech-acts.frozen.json`, written before the classifier) and the challenge set (`speech-acts-challenge.frozen.json`:',
    'borderline styles — personal context around a general question, how-to questions saying 我, requests phrased as',
    'questions — written adversarially once a first classifier existed). Neither frozen file is ever trained or tuned on;',
    'all three were written by the same author as the corpus, so they measure consistency with its definitions more than',
    'how customers phrase things. The shipped classifier trains on the whole corpus.',
    '',
    '| set | utterances | accuracy | macro-F1 | question recall | request recall |',
    '|---|---|---|---|---|---|',
    ...scores.map((s) => `| ${s.name} | ${s.rows} | ${pct(s.accuracy)} | ${pct(s.macroF1)} | ${pct(s.questionRecall)} | ${pct(s.requestRecall)} |`),
    '',
    `Held-out misses (gold, confidence of the wrong label): ${scores[0]?.misses.map((m) => `「${m.text}」 ${m.gold} ${m.confidence.toFixed(2)}`).join(', ') || 'none'}.`,
    `Frozen-set misses: ${scores[1]?.misses.length ?? 0}; challenge-set misses: ${scores[2]?.misses.length ?? 0} (not listed, so that they are not tuned against).`,
    '',
  ];
}

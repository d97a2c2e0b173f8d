/**
 * Fits the passage confidence (packages/nlu/src/retrieval/passage-confidence.ts) on the DEV half of
 * bench/documents only, and prints the weights and, per threshold, how the dev questions would come out.
 * The frozen half is never read here. Run: npx tsx bench/documents-calibrate.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allTemplateDocumentSynonyms } from '@zhida/templates';
import { passageConfidence, PassageRetriever, RERANK_FEATURES, type PassageConfidenceWeights, type PassageHitEvidence } from '@zhida/nlu';
import { allTemplateGraphSynonyms } from '../packages/server/src/documents/answer/knowledge-graph-synonyms.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../packages/server/src/documents/document-import-service.js';
import { parseDocument } from '../packages/server/src/documents/parse/document-parser.js';
import { citesAnswer, loadQuestionSet, TEMPLATE_IDS } from './documents/question-set.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
type Row = { x: number[]; y: number; answerable: boolean; evidence: PassageHitEvidence; q?: string };
const rows: Row[] = [];
// --misses lists the dev questions whose best passage is not the one that answers (dev only, for tuning).
const showMisses = process.argv.includes('--misses');

const NAMES = ['coverage', 'headingCoverage', 'sentenceCoverage', 'lead', 'scorePerIdf', 'logQuerySize', 'wordCoverage', 'typeMissing', 'sectionLead', 'unknownWords', 'missedWord', 'titleRecall'] as const;
const MASK = process.env.FEATS ? new Set(process.env.FEATS.split(',').map(Number)) : null;
const features = (e: PassageHitEvidence) => rawFeatures(e).map((v, i) => (MASK && !MASK.has(i) ? 0 : v));
const rawFeatures = (e: PassageHitEvidence) => [e.coverage, e.headingCoverage, e.sentenceCoverage, e.lead, e.scorePerIdf, Math.log(1 + e.querySize), e.wordCoverage, e.typeMissing, e.sectionLead, e.unknownWords, e.missedWord, e.titleRecall];
const ZERO: PassageHitEvidence = { coverage: 0, headingCoverage: 0, sentenceCoverage: 0, lead: 0, scorePerIdf: 0, querySize: 0, wordCoverage: 0, typeMissing: 0, sectionLead: 0, unknownWords: 0, missedWord: 0, titleRecall: 0 };

type DevDoc = { template: (typeof TEMPLATE_IDS)[number]; title: string; passages: { id: string; headingPath: string[]; text: string }[] };
const devDocs: DevDoc[] = [];
for (const template of TEMPLATE_IDS) {
  const dev = loadQuestionSet(root, template, 'dev');
  // The product's importer (parse → split), so the passages calibrated on are the passages the bot answers from.
  const content = await parseDocument(readFileSync(path.join(root, dev.document)), 'markdown', DEFAULT_DOCUMENT_LIMITS);
  devDocs.push({ template, title: content.title ?? template, passages: content.passages.map((p, i) => ({ id: String(i), headingPath: p.headingPath, text: p.text })) });
}
// The product's lexicon (document-answer-module.ts): the templates' document synonyms and knowledge-graph names.
const synonyms = process.env.NO_SYN ? [] : [...allTemplateDocumentSynonyms(), ...(await allTemplateGraphSynonyms())];
const retrieverOf = (d: DevDoc, rerankWeights?: number[], choiceFloor?: number) =>
  PassageRetriever.build(d.passages.map((p) => ({ id: p.id, headingPath: [d.title, ...p.headingPath], text: p.text })), { synonyms, ...(rerankWeights ? { rerankWeights } : {}), ...(choiceFloor !== undefined ? { choiceFloor } : {}) });

// 1. The re-ranker: a linear score over each question's best BM25 candidates, fitted listwise (softmax over the
// candidates, the right passages' share maximised; L2) on the dev questions whose candidates hold a right passage.
type Group = { x: number[][]; y: boolean[] };
const groups: Group[] = [];
for (const d of devDocs) {
  const retriever = retrieverOf(d);
  for (const item of loadQuestionSet(root, d.template, 'dev').answerable) {
    const cands = retriever.rerankCandidates(item.question);
    const y = cands.map((c) => citesAnswer(d.passages[Number(c.id)]!, item));
    if (y.some(Boolean)) groups.push({ x: cands.map((c) => c.features), y });
  }
}
function fitRerank(train: Group[], epochs = 3000): number[] {
  let w: number[] = [...RERANK_FEATURES].map((_, i) => (i < 2 ? 1 : 0));
  const lr = 0.3;
  for (let e = 0; e < epochs; e++) {
    const g = w.map(() => 0);
    for (const grp of train) {
      const s = grp.x.map((f) => f.reduce((a, v, i) => a + v * w[i]!, 0));
      const m = Math.max(...s);
      const ex = s.map((v) => Math.exp(v - m));
      const z = ex.reduce((a, v) => a + v, 0);
      const zr = ex.reduce((a, v, k) => a + (grp.y[k] ? v : 0), 0);
      grp.x.forEach((f, k) => f.forEach((v, i) => (g[i]! += v * (ex[k]! / z - (grp.y[k] ? ex[k]! / zr : 0)))));
    }
    w = w.map((wi, i) => wi - lr * (g[i]! / train.length + 1e-2 * wi));
  }
  return w;
}
const top1 = (grp: Group, w: number[]) => {
  const s = grp.x.map((f) => f.reduce((a, v, i) => a + v * w[i]!, 0));
  return grp.y[s.indexOf(Math.max(...s))]!;
};
const rerankWeights = fitRerank(groups);
let cvRight = 0;
for (let f = 0; f < 10; f++) {
  const w = fitRerank(groups.filter((_, i) => i % 10 !== f), 1500);
  cvRight += groups.filter((g, i) => i % 10 === f && top1(g, w)).length;
}
console.log('rerank weights', JSON.stringify(Object.fromEntries(RERANK_FEATURES.map((n, i) => [n, Math.round(rerankWeights[i]! * 1000) / 1000]))));
console.log(`rerank: right passage first for ${groups.filter((g) => top1(g, [1, 1, 0, 0, 0, 0])).length}/${groups.length} with the old fixed re-rank, ${groups.filter((g) => top1(g, rerankWeights)).length} fitted, ${cvRight} cross-validated (10 folds)`);

// 2. The confidence, on the re-ranked results.
for (const d of devDocs) {
  const { template, passages } = d;
  const dev = loadQuestionSet(root, template, 'dev');
  const retriever = retrieverOf(d, process.env.NO_RERANK ? undefined : rerankWeights);
  for (const item of dev.answerable) {
    const r = retriever.search(item.question, 3);
    if (!r.evidence) {
      rows.push({ x: features(ZERO), y: 0, answerable: true, evidence: ZERO });
      continue;
    }
    const top = passages[Number(r.hits[0]!.id)]!;
    if (showMisses && !citesAnswer(top, item)) {
      const rank = r.hits.findIndex((h) => citesAnswer(passages[Number(h.id)]!, item));
      console.log(`miss ${template}: 「${item.question}」 wanted ${item.section} (rank ${rank < 0 ? '>3' : rank + 1}) got ${top.headingPath.join(' › ')}`);
    }
    rows.push({ x: features(r.evidence), y: citesAnswer(top, item) ? 1 : 0, answerable: true, evidence: r.evidence, q: item.question });
  }
  for (const q of dev.unanswerable) {
    const r = retriever.search(q, 3);
    if (r.evidence) rows.push({ x: features(r.evidence), y: 0, answerable: false, evidence: r.evidence, q: q });
  }
}

// Logistic regression on standardised features (L2, gradient descent to convergence), mapped back to weights on
// the raw features so passageConfidence needs no scaler.
const l2 = Number(process.env.L2 ?? 0.1);
function fit(train: Row[], epochs = 20000): { w: number[]; b: number } {
  const mean = NAMES.map((_, i) => train.reduce((s, r) => s + r.x[i]!, 0) / train.length);
  const sd = NAMES.map((_, i) => Math.sqrt(train.reduce((s, r) => s + (r.x[i]! - mean[i]!) ** 2, 0) / train.length) || 1);
  const z = train.map((r) => r.x.map((v, i) => (v - mean[i]!) / sd[i]!));
  let wz: number[] = NAMES.map(() => 0);
  let bz = 0;
  const lr = 0.5;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gw: number[] = NAMES.map(() => 0);
    let gb = 0;
    train.forEach((r, k) => {
      const p = 1 / (1 + Math.exp(-(bz + z[k]!.reduce((s, v, i) => s + v * wz[i]!, 0))));
      const d = p - r.y;
      z[k]!.forEach((v, i) => (gw[i]! += d * v));
      gb += d;
    });
    wz = wz.map((wi, i) => wi - lr * (gw[i]! / train.length + l2 * wi));
    bz -= lr * (gb / train.length);
  }
  return { w: wz.map((wi, i) => wi / sd[i]!), b: bz - wz.reduce((s, wi, i) => s + (wi * mean[i]!) / sd[i]!, 0) };
}
const asWeights = (m: { w: number[]; b: number }) => ({ bias: m.b, ...Object.fromEntries(NAMES.map((n, i) => [n, m.w[i]!])) }) as PassageConfidenceWeights;
const { w, b } = fit(rows);
const weights = { bias: b, ...Object.fromEntries(NAMES.map((n, i) => [n, w[i]!])) } as PassageConfidenceWeights;
console.log('weights', JSON.stringify(Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, Math.round(v * 1000) / 1000]))));
const answerable = rows.filter((r) => r.answerable);
const unanswerable = rows.filter((r) => !r.answerable).length + 0;
const totalUnanswerable = TEMPLATE_IDS.reduce((s, t) => s + loadQuestionSet(root, t, 'dev').unanswerable.length, 0);
console.log(`dev: ${answerable.length} answerable (${answerable.filter((r) => r.y).length} with the right passage first), ${totalUnanswerable} unanswerable (${unanswerable} with any hit)`);
for (const threshold of [0.5, 0.6, 0.7, 0.75, 0.8, 0.82, 0.84, 0.86, 0.88, 0.9]) {
  const conf = (r: Row) => passageConfidence(r.evidence, weights);
  const right = answerable.filter((r) => r.y && conf(r) >= threshold).length;
  const wrong = answerable.filter((r) => !r.y && conf(r) >= threshold).length;
  const answeredUnanswerable = rows.filter((r) => !r.answerable && conf(r) >= threshold).length;
  console.log(
    `threshold ${threshold}: right ${pct(right, answerable.length)}, wrong ${pct(wrong, answerable.length)}, unanswerable declined ${pct(totalUnanswerable - answeredUnanswerable, totalUnanswerable)}`,
  );
}

if (process.argv.includes('--rows')) {
  for (const r of [...rows].sort((a, b) => passageConfidence(b.evidence, weights) - passageConfidence(a.evidence, weights)))
    console.log(`${r.answerable ? (r.y ? 'RIGHT' : 'WRONG') : 'UNANS'} ${passageConfidence(r.evidence, weights).toFixed(2)} ${r.x.map((v) => v.toFixed(2)).join(' ')} ${r.q}`);
}

// 10-fold cross-validation on dev: each row's confidence from a model that did not see it, to choose the threshold
// on something closer to held-out behaviour than the fit's own rows.
const FOLDS = 10;
const cvConfidence = new Map<Row, number>();
for (let f = 0; f < FOLDS; f++) {
  const model = asWeights(fit(rows.filter((_, i) => i % FOLDS !== f), 4000));
  rows.forEach((r, i) => i % FOLDS === f && cvConfidence.set(r, passageConfidence(r.evidence, model)));
}
for (const threshold of [0.5, 0.6, 0.7, 0.75, 0.8, 0.82, 0.84, 0.86, 0.88, 0.9]) {
  const on = (r: Row) => cvConfidence.get(r)! >= threshold;
  console.log(
    `cross-validated ${threshold}: right ${pct(answerable.filter((r) => r.y && on(r)).length, answerable.length)}, wrong ${pct(answerable.filter((r) => !r.y && on(r)).length, answerable.length)}, unanswerable declined ${pct(totalUnanswerable - rows.filter((r) => !r.answerable && on(r)).length, totalUnanswerable)}`,
  );
}

// 3. The clarifying choice's floor (the committed re-ranker and confidence): a question declined with its best
// passage's confidence at or above the floor is offered its two best sections. Per floor, how many answerable dev
// questions get a choice and how many of those hold the answering passage, and how many unanswerable ones get one.
const offers: { confidence: number; answerable: boolean; holds: boolean }[] = [];
for (const d of devDocs) {
  const retriever = retrieverOf(d, undefined, 0);
  const dev = loadQuestionSet(root, d.template, 'dev');
  for (const item of dev.answerable) {
    const r = retriever.search(item.question, 3);
    if (r.choices.length) offers.push({ confidence: r.hits[0]!.confidence, answerable: true, holds: r.choices.some((c) => citesAnswer(d.passages[Number(c.id)]!, item)) });
  }
  for (const q of dev.unanswerable) {
    const r = retriever.search(q, 3);
    if (r.choices.length) offers.push({ confidence: r.hits[0]!.confidence, answerable: false, holds: false });
  }
}
for (const floor of [0.3, 0.4, 0.5, 0.6, 0.7]) {
  const on = offers.filter((o) => o.confidence >= floor);
  const offered = on.filter((o) => o.answerable);
  console.log(`choice floor ${floor}: answerable offered ${offered.length}/${answerable.length}, holding the answer ${pct(offered.filter((o) => o.holds).length, offered.length)}, unanswerable offered ${pct(on.length - offered.length, totalUnanswerable)}`);
}

function pct(n: number, d: number): string {
  return `${((100 * n) / d).toFixed(1)} % (${n}/${d})`;
}

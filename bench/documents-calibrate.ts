/**
 * Fits the passage confidence (packages/nlu/src/retrieval/passage-confidence.ts) on the DEV half of
 * bench/documents only, and prints the weights and, per threshold, how the dev questions would come out.
 * The frozen half is never read here. Run: npx tsx bench/documents-calibrate.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { passageConfidence, PassageRetriever, type PassageHitEvidence } from '@zhida/nlu';
import { DEFAULT_DOCUMENT_LIMITS } from '../packages/server/src/documents/document-import-service.js';
import { parseDocument } from '../packages/server/src/documents/parse/document-parser.js';
import { citesAnswer, loadQuestionSet, TEMPLATE_IDS } from './documents/question-set.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
type Row = { x: number[]; y: number; answerable: boolean; evidence: PassageHitEvidence };
const rows: Row[] = [];

const features = (e: PassageHitEvidence) => [e.coverage, e.headingCoverage, e.sentenceCoverage, e.lead, e.scorePerIdf, Math.log(1 + e.querySize)];

for (const template of TEMPLATE_IDS) {
  const dev = loadQuestionSet(root, template, 'dev');
  // The product's importer (parse → split), so the passages calibrated on are the passages the bot answers from.
  const content = await parseDocument(readFileSync(path.join(root, dev.document)), 'markdown', DEFAULT_DOCUMENT_LIMITS);
  const title = content.title ?? template;
  const passages = content.passages.map((p, i) => ({ id: String(i), headingPath: p.headingPath, text: p.text }));
  const retriever = PassageRetriever.build(passages.map((p) => ({ id: p.id, headingPath: [title, ...p.headingPath], text: p.text })));
  for (const item of dev.answerable) {
    const r = retriever.search(item.question, 3);
    if (!r.evidence) {
      rows.push({ x: [0, 0, 0, 0, 0, 0], y: 0, answerable: true, evidence: { coverage: 0, headingCoverage: 0, sentenceCoverage: 0, lead: 0, scorePerIdf: 0, querySize: 0 } });
      continue;
    }
    const top = passages[Number(r.hits[0]!.id)]!;
    rows.push({ x: features(r.evidence), y: citesAnswer(top, item) ? 1 : 0, answerable: true, evidence: r.evidence });
  }
  for (const q of dev.unanswerable) {
    const r = retriever.search(q, 3);
    if (r.evidence) rows.push({ x: features(r.evidence), y: 0, answerable: false, evidence: r.evidence });
  }
}

// Logistic regression, L2 1e-2, plain gradient descent: a few hundred rows and five features need nothing more.
let w = [0, 0, 0, 0, 0, 0];
let b = 0;
const lr = 0.1;
const l2 = 1e-2;
for (let epoch = 0; epoch < 20000; epoch++) {
  const gw = [0, 0, 0, 0, 0, 0];
  let gb = 0;
  for (const r of rows) {
    const p = 1 / (1 + Math.exp(-(b + r.x.reduce((s, v, i) => s + v * w[i]!, 0))));
    const d = p - r.y;
    r.x.forEach((v, i) => (gw[i]! += d * v));
    gb += d;
  }
  w = w.map((wi, i) => wi - lr * (gw[i]! / rows.length + l2 * wi));
  b -= lr * (gb / rows.length);
}
const weights = { bias: b, coverage: w[0]!, headingCoverage: w[1]!, sentenceCoverage: w[2]!, lead: w[3]!, scorePerIdf: w[4]!, logQuerySize: w[5]! };
console.log('weights', JSON.stringify(Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, Math.round(v * 1000) / 1000]))));
const answerable = rows.filter((r) => r.answerable);
const unanswerable = rows.filter((r) => !r.answerable).length + 0;
const totalUnanswerable = TEMPLATE_IDS.reduce((s, t) => s + loadQuestionSet(root, t, 'dev').unanswerable.length, 0);
console.log(`dev: ${answerable.length} answerable (${answerable.filter((r) => r.y).length} with the right passage first), ${totalUnanswerable} unanswerable (${unanswerable} with any hit)`);
for (const threshold of [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]) {
  const conf = (r: Row) => passageConfidence(r.evidence, weights);
  const right = answerable.filter((r) => r.y && conf(r) >= threshold).length;
  const wrong = answerable.filter((r) => !r.y && conf(r) >= threshold).length;
  const answeredUnanswerable = rows.filter((r) => !r.answerable && conf(r) >= threshold).length;
  console.log(
    `threshold ${threshold}: right ${pct(right, answerable.length)}, wrong ${pct(wrong, answerable.length)}, unanswerable declined ${pct(totalUnanswerable - answeredUnanswerable, totalUnanswerable)}`,
  );
}

function pct(n: number, d: number): string {
  return `${((100 * n) / d).toFixed(1)} % (${n}/${d})`;
}

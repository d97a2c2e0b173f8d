/**
 * Refits the FAQ confidence (packages/nlu/src/retrieval/faq-confidence.ts) and compares it with the shipped weights.
 * Writes results/faq-confidence-fit.md.
 *
 *   npm run bench:faq-confidence                 # fit, compare, write the report
 *   npm run bench:faq-confidence -- --no-write   # print it instead
 *
 * Training items, from the four industry templates only (never a benchmark file): every question or paraphrase of
 * an FAQ, left out of that FAQ in turn and searched for among all the template's FAQs — right when the best hit is its
 * FAQ — except each FAQ's last paraphrase, which bench:templates holds out; plus every out-of-scope utterance, which
 * is never right. Features and the probability come from the product's own `faqConfidenceFeatures` / `faqConfidence`.
 * The fit: logistic regression by Newton's method on the summed log-likelihood with an L2 penalty of 1e-3 (bias
 * free), features unscaled; its weights, rounded to 3 decimals, are the shipped ones (the report says whether they still are).
 * A leave-one-template-out fit says how well the weights carry to a knowledge base they were not fitted on.
 */
import { parseArgs } from 'node:util';
import {
  FAQ_CONFIDENCE_FEATURES,
  FAQ_CONFIDENCE_WEIGHTS,
  FaqRetriever,
  faqConfidence,
  faqConfidenceFeatures,
  type FaqConfidenceWeights,
  type FaqHitEvidence,
  type FaqInput,
} from '@zhida/nlu';
import { loadTemplate, templateIds, type TemplateId } from '@zhida/templates';
import { writeResults } from './report/write-results.js';

const { values: args } = parseArgs({ options: { 'no-write': { type: 'boolean', default: false } } });
const L2 = 1e-3;

type Item = { template: TemplateId; kind: 'paraphrase' | 'out-of-scope'; evidence: FaqHitEvidence; right: boolean };

async function itemsOf(template: TemplateId): Promise<Item[]> {
  const t = await loadTemplate(template);
  const faqs: FaqInput[] = t.faqs.map((f) => ({ id: f.id, question: f.question, paraphrases: f.paraphrases.slice(0, -1), answer: f.answer }));
  const items: Item[] = [];
  for (const [i, faq] of faqs.entries()) {
    const texts = [faq.question, ...(faq.paraphrases ?? [])];
    for (const [j, text] of texts.entries()) {
      const rest = texts.filter((_, k) => k !== j);
      // The FAQ stays findable by its other wordings: the left-out one plays the customer.
      const left = { ...faq, question: rest[0] ?? faq.question, paraphrases: rest.slice(1) };
      const retriever = FaqRetriever.build(faqs.map((f, k) => (k === i ? left : f)));
      const hit = retriever.explain(text);
      if (hit) items.push({ template, kind: 'paraphrase', evidence: hit.evidence, right: hit.bestId === faq.id });
    }
  }
  const whole = FaqRetriever.build(faqs);
  for (const text of t.intents.outOfScope) {
    const hit = whole.explain(text);
    if (hit) items.push({ template, kind: 'out-of-scope', evidence: hit.evidence, right: false });
  }
  return items;
}

/** Newton's method on the penalised log-likelihood; the bias is not penalised. */
function fit(items: Item[]): FaqConfidenceWeights {
  const X = items.map((it) => [1, ...faqConfidenceFeatures(it.evidence)]);
  const y = items.map((it) => (it.right ? 1 : 0));
  const d = X[0]!.length;
  let w = new Array<number>(d).fill(0);
  for (let iter = 0; iter < 100; iter++) {
    const grad = w.map((wi, j) => (j === 0 ? 0 : L2 * wi));
    const hess = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => (a === b && a > 0 ? L2 : 0)));
    for (const [n, x] of X.entries()) {
      const p = 1 / (1 + Math.exp(-x.reduce((s, xi, j) => s + xi * w[j]!, 0)));
      for (let a = 0; a < d; a++) {
        grad[a]! += (p - y[n]!) * x[a]!;
        for (let b = 0; b < d; b++) hess[a]![b]! += p * (1 - p) * x[a]! * x[b]!;
      }
    }
    const step = solve(hess, grad);
    w = w.map((wi, j) => wi - step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return { bias: w[0]!, features: Object.fromEntries(FAQ_CONFIDENCE_FEATURES.map((name, j) => [name, w[j + 1]!])) as FaqConfidenceWeights['features'] };
}

function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    const pivot = M.reduce((best, row, r) => (r >= c && Math.abs(row[c]!) > Math.abs(M[best]![c]!) ? r : best), c);
    [M[c], M[pivot]] = [M[pivot]!, M[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => row[n]! / row[i]!);
}

type Quality = { logLoss: number; brier: number; ece: number; answeredRight: number; answeredWrong: number };

/** How a model scores items: log loss, Brier, expected calibration error (10 bins), and at 0.5 what it would answer. */
function quality(items: Item[], weights: FaqConfidenceWeights): Quality {
  let logLoss = 0;
  let brier = 0;
  let right = 0;
  let wrong = 0;
  const bins = Array.from({ length: 10 }, () => ({ n: 0, p: 0, y: 0 }));
  for (const it of items) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, faqConfidence(it.evidence, weights)));
    const y = it.right ? 1 : 0;
    logLoss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
    brier += (p - y) ** 2;
    const bin = bins[Math.min(9, Math.floor(p * 10))]!;
    bin.n++;
    bin.p += p;
    bin.y += y;
    if (p >= 0.5 && it.right) right++;
    else if (p >= 0.5) wrong++;
  }
  const ece = bins.reduce((s, b) => s + (b.n === 0 ? 0 : Math.abs(b.p - b.y)), 0) / items.length;
  return { logLoss: logLoss / items.length, brier: brier / items.length, ece, answeredRight: right / items.length, answeredWrong: wrong / items.length };
}

function sameWeights(a: FaqConfidenceWeights, b: FaqConfidenceWeights): boolean {
  const r = (x: number) => Math.round(x * 1000);
  return r(a.bias) === r(b.bias) && FAQ_CONFIDENCE_FEATURES.every((f) => r(a.features[f]) === r(b.features[f]));
}

const started = Date.now();
const byTemplate = new Map<TemplateId, Item[]>();
for (const id of templateIds) byTemplate.set(id, await itemsOf(id));
const all = [...byTemplate.values()].flat();
const refit = fit(all);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const row = (name: string, q: Quality) => `| ${name} | ${q.logLoss.toFixed(4)} | ${q.brier.toFixed(4)} | ${pct(q.ece)} | ${pct(q.answeredRight)} | ${pct(q.answeredWrong)} |`;
const weightsRow = (name: string, w: FaqConfidenceWeights) => `| ${name} | ${w.bias.toFixed(3)} | ${FAQ_CONFIDENCE_FEATURES.map((f) => w.features[f].toFixed(3)).join(' | ')} |`;

const lines = [
  '# FAQ confidence: the shipped weights against a refit',
  '',
  `Generated by \`npm run bench:faq-confidence\` (bench/fit-faq-confidence.ts) in ${((Date.now() - started) / 1000).toFixed(0)} s. Items from the four industry templates only: each FAQ question or paraphrase left out of its FAQ and searched for (each FAQ's last paraphrase excluded: bench:templates holds it out), right when the best hit is its FAQ; each out-of-scope utterance, never right. No benchmark item is read.`,
  '',
  '| template | paraphrase queries | best hit right | out-of-scope |',
  '|---|---|---|---|',
  ...[...byTemplate].map(([id, items]) => {
    const para = items.filter((i) => i.kind === 'paraphrase');
    return `| ${id} | ${para.length} | ${pct(para.filter((i) => i.right).length / para.length)} | ${items.length - para.length} |`;
  }),
  '',
  '## Weights',
  '',
  `| model | bias | ${FAQ_CONFIDENCE_FEATURES.join(' | ')} |`,
  `|---|---|${FAQ_CONFIDENCE_FEATURES.map(() => '---').join('|')}|`,
  weightsRow('shipped (faq-confidence.ts)', FAQ_CONFIDENCE_WEIGHTS),
  weightsRow('refit on all four templates', refit),
  '',
  sameWeights(refit, FAQ_CONFIDENCE_WEIGHTS)
    ? 'The refit rounds to the shipped weights: the templates have not changed since they were fitted.'
    : '**The refit differs from the shipped weights**: the templates changed since; copy the refit into faq-confidence.ts and rerun bench:dialogue.',
  '',
  '## Calibration on the same items',
  '',
  'Answered right / wrong: share of all items with confidence ≥ 0.5 whose best hit is right / wrong (out-of-scope items are always wrong).',
  '',
  '| model | log loss | Brier | ECE (10 bins) | answered right | answered wrong |',
  '|---|---|---|---|---|---|',
  row('shipped', quality(all, FAQ_CONFIDENCE_WEIGHTS)),
  row('refit', quality(all, refit)),
  '',
  '## Leave one template out',
  '',
  'Fitted on three templates, scored on the fourth: how the weights carry to a knowledge base they never saw.',
  '',
  '| held-out template | log loss (fit on the others) | log loss (shipped) | answered wrong (fit on the others) | answered wrong (shipped) |',
  '|---|---|---|---|---|',
  ...[...byTemplate].map(([id, items]) => {
    const others = all.filter((i) => i.template !== id);
    const q = quality(items, fit(others));
    const s = quality(items, FAQ_CONFIDENCE_WEIGHTS);
    return `| ${id} | ${q.logLoss.toFixed(4)} | ${s.logLoss.toFixed(4)} | ${pct(q.answeredWrong)} | ${pct(s.answeredWrong)} |`;
  }),
  '',
];
writeResults('faq-confidence-fit.md', lines.join('\n'), { noWrite: args['no-write'], log: (l) => console.error(l) });

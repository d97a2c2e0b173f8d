/**
 * Where the DEV questions of bench/documents lose their right answer, stage by stage, through the product's importer
 * (parse → split) and PassageRetriever (the templates' synonyms, the committed re-ranker and confidence):
 *   retrieval — the answering passage is not among the BM25 candidates the re-ranker sees;
 *   ranking   — it is a candidate but not first after re-ranking;
 *   threshold — it is first but the confidence is below the answer threshold (declined);
 *   trimming  — answered from it, but the trimmed excerpt lost the quote.
 * The frozen half is never read here. Run: npx tsx bench/documents-stages.ts [--list] (MIN=0.75 tries another threshold)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allTemplateDocumentSynonyms } from '@zhida/templates';
import { PassageRetriever } from '@zhida/nlu';
import { DEFAULT_DOCUMENT_LIMITS } from '../packages/server/src/documents/document-import-service.js';
import { allTemplateGraphSynonyms } from '../packages/server/src/documents/answer/knowledge-graph-synonyms.js';
import { parseDocument } from '../packages/server/src/documents/parse/document-parser.js';
import { citesAnswer, loadQuestionSet, TEMPLATE_IDS } from './documents/question-set.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const squash = (s: string) => s.replace(/\s+/g, '');
type Stage = 'retrieval' | 'ranking' | 'threshold' | 'trimming' | 'right';
const counts: Record<Stage, number> = { retrieval: 0, ranking: 0, threshold: 0, trimming: 0, right: 0 };
let answerable = 0;
let wrong = 0;
let unanswerable = 0;
let declined = 0;
const verbose = process.argv.includes('--list');
// The product's lexicon: the templates' document synonyms and their knowledge graphs' names (document-answer-module.ts).
const graphSynonyms = await allTemplateGraphSynonyms();

for (const template of TEMPLATE_IDS) {
  const dev = loadQuestionSet(root, template, 'dev');
  const content = await parseDocument(readFileSync(path.join(root, dev.document)), 'markdown', DEFAULT_DOCUMENT_LIMITS);
  const passages = content.passages.map((p, i) => ({ id: String(i), headingPath: p.headingPath, text: p.text }));
  const retriever = PassageRetriever.build(passages.map((p) => ({ ...p, headingPath: [content.title ?? template, ...p.headingPath] })), { synonyms: [...allTemplateDocumentSynonyms(), ...graphSynonyms], ...(process.env.MIN ? { minConfidence: Number(process.env.MIN) } : {}) });
  for (const item of dev.answerable) {
    answerable++;
    const cites = (id: string) => citesAnswer(passages[Number(id)]!, item);
    const candidates = retriever.rerankCandidates(item.question);
    const result = retriever.search(item.question, 3);
    const first = result.hits[0];
    let stage: Stage;
    if (!candidates.some((c) => cites(c.id))) stage = 'retrieval';
    else if (!first || !cites(first.id)) stage = 'ranking';
    else if (result.noAnswer) stage = 'threshold';
    else if (!squash(retriever.excerpt(first.id, item.question)).includes(squash(item.quote))) stage = 'trimming';
    else stage = 'right';
    counts[stage]++;
    if (first && !result.noAnswer && !cites(first.id)) wrong++;
    if (verbose && stage !== 'right') console.log(`${stage.padEnd(9)} ${template} 「${item.question}」 wanted ${item.section}, first ${first ? passages[Number(first.id)]!.headingPath.at(-1) : '—'} (${first?.confidence ?? 0})`);
  }
  for (const q of dev.unanswerable) {
    unanswerable++;
    if (retriever.search(q, 3).noAnswer) declined++;
  }
}

const pct = (n: number, d = answerable) => `${((100 * n) / d).toFixed(1)} % (${n}/${d})`;
console.log(`dev answerable questions: ${answerable}`);
console.log('| stage | right answer lost there (dev) |');
console.log('| --- | --- |');
console.log(`| retrieval: the answering passage is not among the re-ranker's BM25 candidates | ${pct(counts.retrieval)} |`);
console.log(`| ranking: a candidate, but not first after re-ranking | ${pct(counts.ranking)} |`);
console.log(`| confidence threshold: first, but declined | ${pct(counts.threshold)} |`);
console.log(`| trimming: answered from it, the excerpt misses the quote | ${pct(counts.trimming)} |`);
console.log(`| **answered right, quote kept** | ${pct(counts.right)} |`);
console.log(`wrong answers ${pct(wrong)}, unanswerable declined ${pct(declined, unanswerable)}`);

/**
 * bench:documents — answers from the industry templates' policy documents, through the server's own code path:
 * each document is imported by the documents module's importer (parse → split → save) into a PGlite app, and every
 * question goes to the `DocumentAnswerer` the bot uses (passage index, confidence, trimming, citation).
 *
 * Per template and in total, frozen (never tuned on) beside dev: answered right (bar ≥ 90 %), answered wrong
 * (≤ 2 %), unanswerable questions declined (≥ 95 %), the quote kept in the trimmed answer, import time per 100 pages
 * (a page = 500 characters of the Markdown) and answer latency p50/p99. With DOCUMENTS_LLM_BASE_URL,
 * DOCUMENTS_LLM_MODEL (and DOCUMENTS_LLM_API_KEY) set, the grounded LLM wording runs beside the extractive answer.
 *
 * Run: npm run bench:documents [-- --no-write]
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TenantScope } from '../packages/server/src/db/tenant-scope.js';
import type { EnabledPassage } from '../packages/server/src/documents/document-passage-port.js';
import { buildApp } from '../packages/server/src/app/build-app.js';
import { TenantProvisioner } from '../packages/server/src/tenancy/tenant-provisioner.js';
import { testConfig } from '../packages/server/src/test-support/test-app.js';
import { citesAnswer, loadQuestionSet, TEMPLATE_IDS, type QuestionSet, type TemplateDocId } from './documents/question-set.js';
import { writeResults } from './report/write-results.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs({ options: { 'no-write': { type: 'boolean', default: false }, out: { type: 'string', default: 'documents.md' } } }).values;
const CHARS_PER_PAGE = 500;
const llmEnv = process.env.DOCUMENTS_LLM_BASE_URL && process.env.DOCUMENTS_LLM_MODEL ? { baseUrl: process.env.DOCUMENTS_LLM_BASE_URL, model: process.env.DOCUMENTS_LLM_MODEL, apiKey: process.env.DOCUMENTS_LLM_API_KEY ?? null } : null;

// searchRight / searchQuiet: the passages search and agent assist show (`DocumentAnswerer.search`, best 3, confidence ≥ its floor).
// choiceOffered / choiceRight: declined answerable questions offered a clarifying choice, and those whose choice holds
// the answering passage; choiceUnanswerable: unanswerable questions offered one (declined once neither is picked).
type Tally = { answerable: number; right: number; wrong: number; quoteKept: number; unanswerable: number; declined: number; llmUsed: number; llmRight: number; searchRight: number; searchQuiet: number; choiceOffered: number; choiceRight: number; choiceUnanswerable: number; latencies: number[] };
const tally = (): Tally => ({ answerable: 0, right: 0, wrong: 0, quoteKept: 0, unanswerable: 0, declined: 0, llmUsed: 0, llmRight: 0, searchRight: 0, searchQuiet: 0, choiceOffered: 0, choiceRight: 0, choiceUnanswerable: 0, latencies: [] });
const SHOWN_PASSAGES = 3;

const app = await buildApp(testConfig('pglite', { logLevel: 'silent' }));
const { documents, documentAnswers } = app.zhida;
const imports: { template: TemplateDocId; title: string; chars: number; passages: number; ms: number }[] = [];
const results = new Map<string, Tally>();
const misses: string[] = [];
const guesses: string[] = [];

for (const template of TEMPLATE_IDS) {
  const frozen = loadQuestionSet(root, template, 'frozen');
  const tenant = await new TenantProvisioner(app.zhida).create({ slug: `bench-docs-${template}`, name: template, template });
  const ctx = { tenantId: tenant.id };
  const data = readFileSync(path.join(root, frozen.document));
  const started = performance.now();
  const imported = await TenantScope.asTenant(tenant.id, () => documents.importer.importUpload(ctx, { data, filename: path.basename(frozen.document), declaredMime: 'text/markdown', importedBy: null }));
  const ms = performance.now() - started;
  const passages = await TenantScope.asTenant(tenant.id, () => documents.passages.listEnabledPassages(ctx));
  imports.push({ template, title: passages[0]?.documentTitle ?? '', chars: data.toString('utf8').length, passages: imported.passages, ms });
  if (llmEnv) await TenantScope.asTenant(tenant.id, () => documentAnswers.llmSettings.put(ctx, { enabled: true, baseUrl: llmEnv.baseUrl, model: llmEnv.model, apiKey: llmEnv.apiKey ? documentAnswers.llmSettings.seal(ctx, llmEnv.apiKey) : null }, false));
  const byId = new Map(passages.map((p) => [p.passageId, p]));
  for (const split of ['frozen', 'dev'] as const) {
    const set = split === 'frozen' ? frozen : loadQuestionSet(root, template, 'dev');
    results.set(`${template}/${split}`, await TenantScope.asTenant(tenant.id, () => run(ctx, set, byId)));
  }
}
await app.close();

async function run(ctx: { tenantId: string }, set: QuestionSet, byId: Map<string, EnabledPassage>): Promise<Tally> {
  const t = tally();
  for (const item of set.answerable) {
    t.answerable++;
    const started = performance.now();
    const answer = await documentAnswers.answerer.answer(ctx, item.question);
    t.latencies.push(performance.now() - started);
    const shown = await documentAnswers.answerer.search(ctx, item.question, SHOWN_PASSAGES);
    if (shown.some((h) => citesAnswer(byId.get(h.passageId)!, item))) t.searchRight++;
    if (answer.kind === 'declined' && answer.choices.length > 0) {
      t.choiceOffered++;
      if (answer.choices.some((c) => citesAnswer(byId.get(c.passageId)!, item))) t.choiceRight++;
    }
    if (answer.kind !== 'answer') continue;
    const right = citesAnswer(byId.get(answer.passageId)!, item);
    if (right) t.right++;
    else {
      t.wrong++;
      misses.push(`${set.template}/${set.split}: 「${item.question}」 → ${byId.get(answer.passageId)!.headingPath.at(-1)} (wanted ${item.section}, confidence ${answer.confidence})`);
    }
    if (right && squash(answer.excerpt).includes(squash(item.quote))) t.quoteKept++;
    if (llmEnv) {
      const worded = await documentAnswers.answerer.phrase(ctx, item.question, answer);
      if (worded.kind === 'answer' && worded.phrasing === 'llm') {
        t.llmUsed++;
        if (right) t.llmRight++;
      }
    }
  }
  for (const q of set.unanswerable) {
    t.unanswerable++;
    const started = performance.now();
    const answer = await documentAnswers.answerer.answer(ctx, q);
    t.latencies.push(performance.now() - started);
    if ((await documentAnswers.answerer.search(ctx, q, SHOWN_PASSAGES)).length === 0) t.searchQuiet++;
    if (answer.kind === 'declined' && answer.choices.length > 0) t.choiceUnanswerable++;
    if (answer.kind !== 'answer') t.declined++;
    else guesses.push(`${set.template}/${set.split}: 「${q}」 → ${byId.get(answer.passageId)!.headingPath.at(-1)} (confidence ${answer.confidence})`);
  }
  return t;
}

function squash(s: string): string {
  return s.replace(/\s+/g, '');
}
function sum(list: Tally[]): Tally {
  return list.reduce((a, b) => ({
    answerable: a.answerable + b.answerable,
    right: a.right + b.right,
    wrong: a.wrong + b.wrong,
    quoteKept: a.quoteKept + b.quoteKept,
    unanswerable: a.unanswerable + b.unanswerable,
    declined: a.declined + b.declined,
    llmUsed: a.llmUsed + b.llmUsed,
    llmRight: a.llmRight + b.llmRight,
    searchRight: a.searchRight + b.searchRight,
    searchQuiet: a.searchQuiet + b.searchQuiet,
    choiceOffered: a.choiceOffered + b.choiceOffered,
    choiceRight: a.choiceRight + b.choiceRight,
    choiceUnanswerable: a.choiceUnanswerable + b.choiceUnanswerable,
    latencies: [...a.latencies, ...b.latencies],
  }), tally());
}
function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} % (${n}/${d})`;
}
function quantile(xs: number[], q: number): string {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? `${s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(1)} ms` : '—';
}
function row(name: string, t: Tally): string {
  const bar = (ok: boolean) => (ok ? '✅' : '❌');
  const right = t.right / t.answerable;
  const wrong = t.wrong / t.answerable;
  const declined = t.declined / t.unanswerable;
  return `| ${name} | ${pct(t.right, t.answerable)} ${bar(right >= 0.9)} | ${pct(t.wrong, t.answerable)} ${bar(wrong <= 0.02)} | ${pct(t.declined, t.unanswerable)} ${bar(declined >= 0.95)} | ${pct(t.quoteKept, t.right)} | ${quantile(t.latencies, 0.5)} | ${quantile(t.latencies, 0.99)} |${llmEnv ? ` ${pct(t.llmUsed, t.right + t.wrong)} |` : ''}`;
}

const lines: string[] = [];
lines.push('# bench:documents — answers from the templates\' policy documents', '');
lines.push(`${new Date().toISOString().slice(0, 10)} · \`npm run bench:documents\` · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0]!.toFixed(1)} (shared machine: latencies are indicative) · PGlite · the server's DocumentAnswerer after the documents module's importer`, '');
lines.push('Right: the cited passage has the question\'s section in its heading path and contains its quote. Wrong: an answer citing another passage. Declined answerable questions count as neither. The frozen half was committed before any answering code and never tuned on; the confidence and its threshold were fitted on dev (`npx tsx bench/documents-calibrate.ts`).', '');
lines.push(`| template / split | answered right (≥ 90 %) | answered wrong (≤ 2 %) | unanswerable declined (≥ 95 %) | quote kept in the trimmed answer | answer p50 | answer p99 |${llmEnv ? ' LLM wording used (grounded) |' : ''}`);
lines.push(`| --- | --- | --- | --- | --- | --- | --- |${llmEnv ? ' --- |' : ''}`);
for (const split of ['frozen', 'dev'] as const) {
  for (const template of TEMPLATE_IDS) lines.push(row(`${template} / ${split}`, results.get(`${template}/${split}`)!));
  lines.push(row(`**total / ${split}**`, sum(TEMPLATE_IDS.map((t) => results.get(`${t}/${split}`)!))));
}
lines.push('');
lines.push(llmEnv ? `LLM: ${llmEnv.model} at ${new URL(llmEnv.baseUrl).host}; a wording is used only when every sentence passes the grounding check, otherwise the extractive answer is sent (its correctness is the same passage's).` : 'LLM: no endpoint configured for this run (DOCUMENTS_LLM_BASE_URL / DOCUMENTS_LLM_MODEL unset), so only the extractive answers were measured; the grounding check itself is tested in packages/nlu/src/retrieval/grounding-check.test.ts and against a local fake endpoint in packages/server/src/documents/answer/document-answers.test.ts.');
lines.push('', '## Search and agent assist (the passages shown: best 3, confidence ≥ 0.2)', '');
lines.push('The same retrieval without the answer threshold (`DocumentAnswerer.search`, used by `/kb/search`, `/widget/search` and agent assist): how often the passage that answers is among those shown, and how often an unanswerable question shows none.', '');
lines.push('| template / split | answering passage shown | unanswerable: nothing shown |');
lines.push('| --- | --- | --- |');
for (const split of ['frozen', 'dev'] as const) {
  for (const template of [...TEMPLATE_IDS, 'total'] as const) {
    const t = template === 'total' ? sum(TEMPLATE_IDS.map((id) => results.get(`${id}/${split}`)!)) : results.get(`${template}/${split}`)!;
    lines.push(`| ${template === 'total' ? `**total / ${split}**` : `${template} / ${split}`} | ${pct(t.searchRight, t.answerable)} | ${pct(t.searchQuiet, t.unanswerable)} |`);
  }
}
lines.push('', '## Clarifying choice (declined, the two best sections offered)', '');
lines.push('A question declined with its best passage\'s confidence between the choice floor (0.5) and the answer threshold (0.8) comes with the best passages of its two best sections to pick from (`DocumentAnswer.choices`). Counted apart from the bar: "answered right" stays the direct answer only; "right after one choice" assumes the customer picks the section that answers when it is offered; an unanswerable question offered a choice is still declined (neither section answers it, so the customer picks neither).', '');
lines.push('| template / split | answerable: choice offered | choice holds the answering passage | right directly or after one choice | unanswerable: choice offered |');
lines.push('| --- | --- | --- | --- | --- |');
for (const split of ['frozen', 'dev'] as const) {
  for (const template of [...TEMPLATE_IDS, 'total'] as const) {
    const t = template === 'total' ? sum(TEMPLATE_IDS.map((id) => results.get(`${id}/${split}`)!)) : results.get(`${template}/${split}`)!;
    lines.push(`| ${template === 'total' ? `**total / ${split}**` : `${template} / ${split}`} | ${pct(t.choiceOffered, t.answerable)} | ${pct(t.choiceRight, t.choiceOffered)} | ${pct(t.right + t.choiceRight, t.answerable)} | ${pct(t.choiceUnanswerable, t.unanswerable)} |`);
  }
}
lines.push('', '## Import (documents module importer: Markdown parse, split, one transaction)', '');
lines.push('| template | document | characters | pages (500 chars) | passages | import | per 100 pages |');
lines.push('| --- | --- | --- | --- | --- | --- | --- |');
for (const i of imports) lines.push(`| ${i.template} | 《${i.title}》 | ${i.chars} | ${(i.chars / CHARS_PER_PAGE).toFixed(1)} | ${i.passages} | ${i.ms.toFixed(0)} ms | ${((i.ms * 100 * CHARS_PER_PAGE) / i.chars).toFixed(0)} ms |`);
lines.push('', '## Wrong answers', '', ...(misses.length ? misses.map((m) => `- ${m}`) : ['none']), '');
lines.push('', '## Unanswerable questions answered', '', ...(guesses.length ? guesses.map((m) => `- ${m}`) : ['none']), '');
writeResults(args.out, lines.join('\n'), { noWrite: args['no-write'], log: console.log });

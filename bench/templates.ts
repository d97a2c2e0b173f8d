/**
 * Industry-template benchmark: for each shipped template, train `NluModel` on the train split of
 * its utterances (+ the train part of its out-of-scope examples) and report intent accuracy on the
 * held-back split (every 5th utterance, `splitUtterances(template, { holdOut: 0.2 })`), which is
 * never trained on. Also scores FAQ retrieval with one paraphrase per FAQ held out of the index, the share of
 * held-back utterances flagged ambiguous, and how the bot meets the vague requests of `vague-requests/` (dev and
 * frozen halves; frozen texts are never printed).
 * Usage (from bench/): npx tsx templates.ts [--only ecommerce,finance]
 * Also scores the question/request speech-act classifier on its held-out and frozen sets (`speech-acts.ts`).
 * Prints markdown and writes results/templates.md (or results/templates-<ids>.md with --only).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classificationMetrics, FaqRetriever, NluModel } from '@zhida/nlu';
import { evaluateVagueRequests, readVagueRequests, templateDialogue, type VagueRequestScore } from './evaluate-vague-requests.js';
import { loadTemplate, sharedCommonUtterances, splitUtterances, templateIds, type IndustryTemplate, type TemplateId } from '@zhida/templates';
import { speechActSection } from './speech-acts.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SEED = 42;
const HOLD_OUT = 0.2;
const OOS = 'out_of_scope';
/** Quality bar from issue #5: intent accuracy on the held-back split. */
const BAR = 0.95;

const argv = process.argv.slice(2);
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? (argv[onlyIndex + 1]?.split(',') ?? []) : undefined;
const selected = templateIds.filter((id) => only === undefined || only.includes(id));

type Miss = { text: string; gold: string; predicted: string };

/**
 * How many utterances each list had when the eval split was frozen (the start of the 2nd session).
 * Lists only grow at the end, so eval item k of a list (its position 5k + 4) is "frozen" when that
 * position is below the count here: those items were written before any later batch. A later batch's
 * own every-5th items were written alongside their training neighbours, so they measure something
 * different (easier paraphrases, or harder styles), and the frozen items keep the figure comparable.
 */
type FrozenEval = { frozenAt: string; templates: Record<string, { intents: Record<string, number>; outOfScope: number }> };
const frozen = JSON.parse(readFileSync(path.join(here, 'templates-frozen-eval.json'), 'utf8')) as FrozenEval;
/** Position in its list of the k-th held-back item (every 5th, see splitUtterances). */
const heldBackPosition = (k: number): number => (k + 1) * Math.round(1 / HOLD_OUT) - 1;
type Result = {
  id: TemplateId;
  trainUtterances: number;
  /** Of those, common-intent examples shared from the other templates' train splits. */
  sharedUtterances: number;
  evalUtterances: number;
  evalOutOfScope: number;
  accuracy: number;
  /** Accuracy on the frozen eval items only, and how many there are. */
  frozenAccuracy: number;
  frozenItems: number;
  top1: number;
  abstained: number;
  oosRecall: number | null;
  macroF1: number;
  faqP1: number;
  faqAnswered: number;
  /** The right FAQ among the first three search results, confident or not (what a search page lists). */
  faqTop3: number;
  faqQueries: number;
  returnQuery: string;
  trainSeconds: number;
  /** The engine's calibrated abstention threshold (fitted by cross-validation on the train split). */
  threshold: number | null;
  /** In-scope held-back utterances the parse flags `ambiguous` (clear requests: should be rare). */
  ambiguousFlagged: number;
  vagueDev: VagueRequestScore;
  vagueFrozen: VagueRequestScore;
  misses: Miss[];
};

/** The FAQ list as the NLU engine wants it, with the last paraphrase of each entry kept back as a query. */
function faqSplit(template: IndustryTemplate): { indexed: { id: string; question: string; paraphrases: string[]; answer: string }[]; queries: { id: string; text: string }[] } {
  const indexed = template.faqs.map((f) => ({ id: f.id, question: f.question, paraphrases: f.paraphrases.slice(0, -1), answer: f.answer }));
  const queries = template.faqs.map((f) => ({ id: f.id, text: f.paraphrases[f.paraphrases.length - 1] ?? f.question }));
  return { indexed, queries };
}

async function run(id: TemplateId): Promise<Result> {
  const template = await loadTemplate(id);
  const split = splitUtterances(template, { holdOut: HOLD_OUT });
  // As the server installs a template: its common intents also learn from the other templates' examples of
  // them, here from their train splits only, and never an utterance this template holds (held back or not).
  const donors = await Promise.all(
    templateIds
      .filter((other) => other !== id)
      .map(async (other) => {
        const donorSplit = splitUtterances(await loadTemplate(other), { holdOut: HOLD_OUT });
        return { intents: donorSplit.train, outOfScope: donorSplit.outOfScope.train };
      }),
  );
  const shared = new Map(sharedCommonUtterances(template.intents, donors).map((i) => [i.id, i.utterances]));
  const intents = [
    ...split.train.map((i) => ({ name: i.id, utterances: [...i.utterances, ...(shared.get(i.id) ?? [])] })),
    { name: OOS, utterances: split.outOfScope.train },
  ];
  // Same as the server (packages/server/src/nlu/nlu-training-input.ts): names and aliases of two or more characters.
  const userWords = template.knowledgeGraph.nodes.flatMap((n) => [n.name, ...(n.aliases ?? [])]).filter((w) => w.length >= 2);
  const faqs = faqSplit(template);
  const started = performance.now();
  const model = NluModel.train(
    { intents, faqs: faqs.indexed, userWords, graph: template.knowledgeGraph, vague: template.intents.vague ?? [] },
    { seed: SEED, outOfScopeIntent: OOS },
  );
  const trainSeconds = (performance.now() - started) / 1000;

  const frozenCounts = frozen.templates[id];
  const rows = [
    ...split.eval.flatMap((i) => i.utterances.map((text, k) => ({ text, gold: i.id, frozen: heldBackPosition(k) < (frozenCounts?.intents[i.id] ?? 0) }))),
    ...split.outOfScope.eval.map((text, k) => ({ text, gold: OOS, frozen: heldBackPosition(k) < (frozenCounts?.outOfScope ?? 0) })),
  ];
  let frozenItems = 0;
  let frozenCorrect = 0;
  const pairs: { gold: string; predicted: string | null }[] = [];
  const misses: Miss[] = [];
  let top1Correct = 0;
  let abstained = 0;
  let inScope = 0;
  let ambiguousFlagged = 0;
  for (const row of rows) {
    const parsed = model.parse(row.text);
    const predicted = parsed.intent?.name ?? null;
    pairs.push({ gold: row.gold, predicted });
    if (row.gold !== OOS) {
      inScope++;
      if (parsed.ambiguous) ambiguousFlagged++;
      if (row.frozen) {
        frozenItems++;
        if (predicted === row.gold) frozenCorrect++;
      }
      if (parsed.candidates[0]?.name === row.gold) top1Correct++;
      if (predicted === null || predicted === OOS) abstained++;
    }
    if ((predicted ?? OOS) !== row.gold) misses.push({ text: row.text, gold: row.gold, predicted: predicted ?? OOS });
  }
  const metrics = classificationMetrics(pairs, OOS);

  let faqHits = 0;
  let faqAnswered = 0;
  let faqTop3 = 0;
  // The same index the model builds (the bench gives it no synonyms), searched without the answer gate.
  const search = FaqRetriever.build(faqs.indexed);
  for (const query of faqs.queries) {
    const hits = model.parse(query.text).faq;
    if (hits.length > 0) faqAnswered++;
    if (hits[0]?.id === query.id) faqHits++;
    if (search.search(query.text, 3).hits.some((h) => h.id === query.id)) faqTop3++;
  }
  const dialogue = templateDialogue(template);
  const vagueDev = evaluateVagueRequests(model, dialogue, readVagueRequests(path.join(here, 'vague-requests', `${id}.json`)));
  const vagueFrozen = evaluateVagueRequests(model, dialogue, readVagueRequests(path.join(here, 'vague-requests', `${id}.frozen.json`)));
  const returnQuery = id === 'ecommerce' ? (model.parse('怎么退货').faq[0]?.id ?? '(no answer)') : '—';

  return {
    id,
    trainUtterances: intents.reduce((n, i) => n + i.utterances.length, 0),
    sharedUtterances: [...shared.values()].reduce((n, list) => n + list.length, 0),
    evalUtterances: inScope,
    evalOutOfScope: rows.length - inScope,
    accuracy: metrics.inScopeAccuracy,
    frozenAccuracy: frozenItems > 0 ? frozenCorrect / frozenItems : 0,
    frozenItems,
    top1: top1Correct / inScope,
    abstained: abstained / inScope,
    oosRecall: metrics.oosRecall,
    macroF1: metrics.macroF1,
    faqP1: faqHits / faqs.queries.length,
    faqAnswered: faqAnswered / faqs.queries.length,
    faqTop3: faqTop3 / faqs.queries.length,
    faqQueries: faqs.queries.length,
    returnQuery,
    trainSeconds,
    threshold: model.toJSON().intents?.threshold ?? null,
    ambiguousFlagged: ambiguousFlagged / inScope,
    vagueDev,
    vagueFrozen,
    misses,
  };
}

const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
/** Clarified with a right option, as a share and a count. */
const share = (s: VagueRequestScore): string => `${pct(s.items === 0 ? null : s.clarifiedRight / s.items)} (${s.clarifiedRight}/${s.items})`;
/** Bars of issue #16 part 4. */
const VAGUE_BAR = 0.9;
const AMBIGUOUS_BAR = 0.03;

/** The most frequent gold → predicted mistakes, with up to two example utterances each. */
function confusionHighlights(misses: readonly Miss[], limit = 6): string[] {
  const byPair = new Map<string, Miss[]>();
  for (const miss of misses) {
    const key = `${miss.gold} → ${miss.predicted}`;
    byPair.set(key, [...(byPair.get(key) ?? []), miss]);
  }
  return [...byPair.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([pair, list]) => `${pair} ×${list.length}: ${list.slice(0, 2).map((m) => `「${m.text}」`).join(' ')}`);
}

const results: Result[] = [];
for (const id of selected) {
  const result = await run(id);
  results.push(result);
  console.error(`${id}: accuracy ${pct(result.accuracy)}, OOS recall ${pct(result.oosRecall)}, FAQ P@1 ${pct(result.faqP1)}, ambiguous flagged ${pct(result.ambiguousFlagged)}, vague clarified right dev ${share(result.vagueDev)} frozen ${share(result.vagueFrozen)}`);
}

const command = `cd bench && npx tsx templates.ts${only ? ` --only ${only.join(',')}` : ''}`;
const lines = [
  '# Industry templates — NLU accuracy on held-back utterances',
  '',
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()}.`,
  `Date: ${new Date().toISOString().slice(0, 10)}. Command: \`${command}\`. Seed ${SEED}.`,
  '',
  `Protocol: \`splitUtterances(template, { holdOut: ${HOLD_OUT} })\` holds back every 5th utterance of every intent and of the`,
  'out-of-scope examples. `NluModel` is trained on the rest (out-of-scope examples as the explicit intent',
  `\`${OOS}\`, knowledge-graph names as user words) and never sees the held-back part. Like a tenant installed from the`,
  'template, its common intents (greeting, thanks, goodbye, human_agent) also train on the other templates\' examples of',
  'them (`sharedCommonUtterances`: their train splits only, minus anything this template holds). **Accuracy** is in-scope',
  'accuracy with abstention counted as wrong; **top-1** ignores abstention; **abstained** is the share of',
  'in-scope utterances the model declined. FAQ: the last paraphrase of each entry is left out of the index and',
  'used as the query (P@1 = right FAQ first and confident enough to answer with; answered = any FAQ confident enough;',
  `search top-3 = the right FAQ among the first three search results, as a search page lists them). Bar: accuracy ≥ ${BAR * 100} %.`,
  '',
  `The **frozen** column is accuracy on the held-back items that existed when the split was frozen (commit ${frozen.frozenAt},`,
  '`templates-frozen-eval.json`): utterance batches written after that have their own every-5th items in the eval set, and',
  'those were written next to their training neighbours, so their difficulty differs (here they came out harder). The bar is judged on both.',
  '',
  '| template | train utt. (shared) | eval utt. (+OOS) | accuracy | frozen (n) | top-1 | abstained | threshold | OOS recall | macro-F1 | FAQ P@1 | FAQ answered | FAQ search top-3 | ambiguous flagged on held-back | train s | bar |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.id} | ${r.trainUtterances} (${r.sharedUtterances}) | ${r.evalUtterances} (+${r.evalOutOfScope}) | ${pct(r.accuracy)} | ${pct(r.frozenAccuracy)} (${r.frozenItems}) | ${pct(r.top1)} | ${pct(r.abstained)} | ${r.threshold?.toFixed(2) ?? '—'} | ${pct(r.oosRecall)} | ${pct(r.macroF1)} | ${pct(r.faqP1)} (${r.faqQueries}) | ${pct(r.faqAnswered)} | ${pct(r.faqTop3)} | ${pct(r.ambiguousFlagged)} | ${r.trainSeconds.toFixed(1)} | ${r.accuracy >= BAR && r.frozenAccuracy >= BAR ? 'met' : 'not met'} |`,
  ),
  '',
  'Data hygiene: utterances are added only at the end of a list (so earlier items keep their split); training',
  'items that contradicted another intent, found by cross-validation on the train split alone, were rewritten in',
  'place; held-back items are never edited. Batches before the freeze were written after earlier confusion lists had',
  'been seen — they add general coverage (mixed English, entities, short forms) but are not paraphrases of held-back',
  'items. The three batches after the freeze (+50 per industry intent, +40 per common intent, +60 out-of-scope; then',
  '+60 per intent of every kind and +40 out-of-scope; then +40 and +40) were written to a fixed mix of styles by engineers',
  'who did not run this benchmark or read its results. Engine settings (the 2 % rejection cap of the threshold, the naive',
  'Bayes blend and its smoothing, the social-formula and grievance glossaries, abstaining on the three leading intents\'',
  'summed confidence rather than the best one\'s, sharing the common intents across',
  'templates) were chosen by 5-fold cross-validation on the train split only; the blend weight itself is picked by each',
  'model on its own calibration folds.',
  '',
  '## Vague requests (issue #16 part 4)',
  '',
  '`vague-requests/<template>.json` (dev half, tuned against) and `.frozen.json` (never looked at while tuning; only counts are',
  'printed): each underspecified message ("账户的事") is sent as the first message of a conversation through the model above and',
  'a `DialogueManager` set up from the template as the server sets one up. **Clarified right** = the bot asks a clarifying question',
  'and one of its buttons is among the item\'s sensible intents; **flagged** = the parse sets `ambiguous` with a sensible intent',
  `among its candidates (what \`POST /api/v1/nlu/parse\` shows). Bars: clarified right ≥ ${VAGUE_BAR * 100} % on the frozen half;`,
  `ambiguous flagged on in-scope held-back utterances (the column above) ≤ ${AMBIGUOUS_BAR * 100} %.`,
  '',
  '| template | dev: clarified right | dev: flagged | frozen: clarified right | frozen: flagged | bar (frozen) |',
  '|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.id} | ${share(r.vagueDev)} | ${r.vagueDev.flaggedRight}/${r.vagueDev.items} | ${share(r.vagueFrozen)} | ${r.vagueFrozen.flaggedRight}/${r.vagueFrozen.items} | ${r.vagueFrozen.clarifiedRight / Math.max(1, r.vagueFrozen.items) >= VAGUE_BAR && r.ambiguousFlagged <= AMBIGUOUS_BAR ? 'met' : 'not met'} |`,
  ),
  '',
  '**Reading the numbers.** Where accuracy is below top-1, the difference is in-scope utterances the engine',
  'recognised but declined to answer because their calibrated confidence fell under its threshold; the rest of',
  'the gap to 100 % is outright confusions, listed below. Wrong answers and abstentions are both counted as misses.',
  '',
  ...results.flatMap((r) => [
    `## ${r.id} — confusion highlights (gold → predicted)`,
    '',
    ...(r.misses.length === 0 ? ['No mistakes on the held-back split.'] : confusionHighlights(r.misses).map((l) => `- ${l}`)),
    ...(r.id === 'ecommerce' ? ['', `「怎么退货」 → FAQ \`${r.returnQuery}\`.`] : []),
    '',
  ]),
  ...speechActSection(),
];
const markdown = lines.join('\n');
console.log(markdown);
mkdirSync(path.join(here, 'results'), { recursive: true });
const file = only ? `templates-${selected.join('-')}.md` : 'templates.md';
writeFileSync(path.join(here, 'results', file), markdown);

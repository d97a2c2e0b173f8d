/**
 * A quick in-process look at vague requests: each template's model trained on its train split as `templates.ts`
 * trains it, then the DEV half of bench/vague-requests/<template>.json through a fresh `DialogueManager`, and the
 * share of the in-scope held-back utterances flagged ambiguous (clear requests: should stay ≤ 3 %).
 * The frozen half is scored as totals only — its items are never printed. Not the benchmark of record.
 *
 *   npx tsx bench/vague-requests-dev.ts [template…] [--misses] [--flags] [--threshold=0.3] [--no-fragments] [--fragment-ratio=0.3] [--fragment-count=3]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NluModel } from '@zhida/nlu';
import { loadTemplate, sharedCommonUtterances, splitUtterances, templateIds } from '@zhida/templates';
import { evaluateVagueRequests, readVagueRequests, templateDialogue } from './evaluate-vague-requests.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OOS = 'out_of_scope';
const HOLD_OUT = 0.2;
const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const showFlags = args.includes('--flags');
const thresholdArg = args.find((a) => a.startsWith('--threshold='));
const numberArg = (name: string): number | undefined => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : undefined;
};
const fragments = args.includes('--no-fragments') ? (false as const) : { minRatio: numberArg('fragment-ratio'), minCount: numberArg('fragment-count') };
const vagueness = { ...(thresholdArg ? { threshold: Number(thresholdArg.split('=')[1]) } : {}), fragments };
const wanted = args.filter((a) => !a.startsWith('--'));

async function run(id: (typeof templateIds)[number]): Promise<[number, number, number, number, number, number]> {
  const template = await loadTemplate(id);
  const split = splitUtterances(template, { holdOut: HOLD_OUT });
  const donors = await Promise.all(
    templateIds
      .filter((o) => o !== id)
      .map(async (o) => {
        const s = splitUtterances(await loadTemplate(o), { holdOut: HOLD_OUT });
        return { intents: s.train, outOfScope: s.outOfScope.train };
      }),
  );
  const shared = new Map(sharedCommonUtterances(template.intents, donors).map((i) => [i.id, i.utterances]));
  const intents = [...split.train.map((i) => ({ name: i.id, utterances: [...i.utterances, ...(shared.get(i.id) ?? [])] })), { name: OOS, utterances: split.outOfScope.train }];
  const userWords = template.knowledgeGraph.nodes.flatMap((n) => [n.name, ...(n.aliases ?? [])]).filter((w) => w.length >= 2);
  const faqs = template.faqs.map((f) => ({ id: f.id, question: f.question, paraphrases: f.paraphrases, answer: f.answer }));
  const model = NluModel.train({ intents, faqs, userWords, graph: template.knowledgeGraph, vague: template.intents.vague ?? [] }, { seed: 42, outOfScopeIntent: OOS, vagueness });
  let flagged = 0;
  let inScope = 0;
  const flags: string[] = [];
  for (const i of split.eval) {
    for (const text of i.utterances) {
      inScope++;
      const p = model.parse(text);
      if (p.ambiguous) {
        flagged++;
        flags.push(`  flag ${text} [${i.id}] → ${p.candidates.slice(0, 3).map((c) => `${c.name}:${c.confidence.toFixed(2)}`).join(' ')}`);
      }
    }
  }
  const oosFlagged = split.outOfScope.eval.filter((t) => model.parse(t).ambiguous);
  if (showFlags) for (const t of oosFlagged) console.log(`  oos-flag ${t}`);
  const dialogue = templateDialogue(template);
  const dev = evaluateVagueRequests(model, dialogue, readVagueRequests(path.join(here, 'vague-requests', `${id}.json`)));
  const frozen = evaluateVagueRequests(model, dialogue, readVagueRequests(path.join(here, 'vague-requests', `${id}.frozen.json`)));
  console.log(
    `${id.padEnd(10)} dev clarified-right ${dev.clarifiedRight}/${dev.items} flagged-right ${dev.flaggedRight}/${dev.items} | frozen clarified-right ${frozen.clarifiedRight}/${frozen.items} flagged-right ${frozen.flaggedRight}/${frozen.items} | held-back flagged ${flagged}/${inScope} (${((100 * flagged) / inScope).toFixed(1)} %), oos flagged ${oosFlagged.length}/${split.outOfScope.eval.length}`,
  );
  if (showMisses) {
    for (const o of dev.outcomes.filter((x) => !(x.clarified && x.rightOption))) {
      const p = model.parse(o.text);
      const v = (model as unknown as { vagueness: { vagueness(t: string): number } }).vagueness.vagueness(p.normalized);
      console.log(`  miss v=${v.toFixed(2)} ${o.text} want ${o.expected.join('/')} → ${o.outcome} offered [${o.offered.join(' ')}] | amb ${p.ambiguous} oos ${p.outOfScope} cands ${p.candidates.slice(0, 4).map((c) => `${c.name}:${c.confidence.toFixed(2)}`).join(' ')}`);
    }
  }
  if (showFlags) for (const f of flags) console.log(f);
  if (args.includes('--scores')) {
    const det = (model as unknown as { vagueness: { vagueness(t: string): number } }).vagueness;
    const held = split.eval.flatMap((i) => i.utterances).map((t) => det.vagueness(model.parse(t).normalized)).sort((a, b) => b - a);
    const oos = split.outOfScope.eval.map((t) => det.vagueness(model.parse(t).normalized)).sort((a, b) => b - a);
    const q = (xs: number[], f: number): string => (xs[Math.floor(xs.length * f)] ?? 0).toFixed(2);
    console.log(`  held-back vagueness p1 ${q(held, 0.01)} p2 ${q(held, 0.02)} p3 ${q(held, 0.03)} p5 ${q(held, 0.05)}; oos p10 ${q(oos, 0.1)} p50 ${q(oos, 0.5)}`);
    const devScores = dev.outcomes.map((o) => det.vagueness(model.parse(o.text).normalized)).sort((a, b) => a - b);
    console.log(`  dev vagueness ${devScores.map((x) => x.toFixed(2)).join(' ')}`);
  }
  return [dev.clarifiedRight, dev.items, frozen.clarifiedRight, frozen.items, flagged, inScope];
}

const totals = [0, 0, 0, 0, 0, 0];
for (const id of wanted.length > 0 ? templateIds.filter((t) => wanted.includes(t)) : templateIds) {
  const r = await run(id);
  r.forEach((v, i) => (totals[i] = (totals[i] ?? 0) + v));
}
const [dr, dn, fr, fn, f, n] = totals as [number, number, number, number, number, number];
console.log(`overall    dev ${dr}/${dn} (${((100 * dr) / dn).toFixed(1)} %) | frozen ${fr}/${fn} (${((100 * fr) / fn).toFixed(1)} %) | held-back flagged ${f}/${n} (${((100 * f) / n).toFixed(1)} %)`);

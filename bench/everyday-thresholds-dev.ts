/**
 * Where the bot should stop answering an everyday question outright and ask "您是想问…" instead, fitted on the DEV
 * half of bench/everyday-questions/ only (never the `.frozen.json` files) and cross-validated across templates: each
 * template is scored with the thresholds chosen on the other three, so the figure says how a choice carries to wording
 * it was not fitted on. In process, like everyday-questions-dev.ts (each template's model trained as a tenant's would be).
 *
 * A setting is chosen by its cost: each wrong answer counts `--wrong-cost` times (default 3) against each right answer
 * it keeps — a wrong answer is worse than "您是想问…" with the right FAQ among the buttons. Ties go to the stricter setting.
 *
 *   npx tsx bench/everyday-thresholds-dev.ts [--wrong-cost 3] [--model-cache DIR] [--diagnose]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDialogueThresholds, DialogueManager, flowDefinitionSchema, splitClauses, type DialogueOutput, type DialogueThresholds } from '@zhida/dialogue';
import { NluModel } from '@zhida/nlu';
import { loadTemplate, templateIds, withSharedCommonUtterances } from '@zhida/templates';
import { turnPolicies } from '../packages/dialogue/src/policies/turn-policies.js';

type Item = { faq: string; text: string; alsoRight?: string[] };
type Verdict = 'right' | 'wrong' | 'clarifiedRight' | 'other';
type Prepared = { template: string; dm: (t: Partial<DialogueThresholds>) => DialogueManager; items: { item: Item; event: Record<string, unknown> }[] };

const OOS = 'out_of_scope';
const { values: args } = parseArgs({ options: { 'wrong-cost': { type: 'string', default: '3' }, 'model-cache': { type: 'string' }, diagnose: { type: 'boolean', default: false } } });
const wrongCost = Number(args['wrong-cost']);
const now = new Date('2026-11-25T02:00:00Z');

// Which policy acted, for the diagnosis: each policy's `try` is wrapped once, in this process only.
let lastPolicy = '';
for (const policy of turnPolicies) {
  const original = policy.try.bind(policy);
  (policy as { try: typeof policy.try }).try = (turn, ctx) => {
    const acted = original(turn, ctx);
    if (acted) lastPolicy = policy.name;
    return acted;
  };
}

async function prepare(id: string): Promise<Prepared> {
  const template = await loadTemplate(id);
  const others = await Promise.all(templateIds.filter((o) => o !== id).map(loadTemplate));
  template.intents = withSharedCommonUtterances(template.intents, others.map((o) => o.intents));
  const faqs = template.faqs.map((f) => ({ id: f.id, question: f.question, paraphrases: f.paraphrases, answer: f.answer }));
  const cache = args['model-cache'] ? join(args['model-cache'], `${id}.json`) : null;
  let model: NluModel;
  if (cache && existsSync(cache)) model = NluModel.load(readFileSync(cache, 'utf8'));
  else {
    const intents = template.intents.intents.map((i) => ({ name: i.id, utterances: i.utterances }));
    if (template.intents.outOfScope.length > 0) intents.push({ name: OOS, utterances: template.intents.outOfScope });
    const userWords = template.knowledgeGraph.nodes.flatMap((n) => [n.name, ...(n.aliases ?? [])]).filter((w) => w.length >= 2);
    model = NluModel.train({ intents, faqs, userWords, graph: template.knowledgeGraph }, { seed: 42, outOfScopeIntent: OOS });
    if (cache) {
      mkdirSync(args['model-cache']!, { recursive: true });
      writeFileSync(cache, JSON.stringify(model.toJSON()));
    }
  }
  const byId = new Map(faqs.map((f) => [f.id, f]));
  const flows = flowDefinitionSchema.array().parse(template.flows);
  const dm = (thresholds: Partial<DialogueThresholds>) =>
    new DialogueManager({
      flows,
      intentLabels: template.manifest.intents,
      clarifyGroups: template.manifest.clarifyGroups,
      locale: 'zh-CN',
      messages: { welcome: template.manifest.welcomeMessage.zh },
      faqLookup: (faqId) => byId.get(faqId),
      thresholds,
    });
  const raw = (JSON.parse(readFileSync(new URL(`everyday-questions/${id}.json`, import.meta.url), 'utf8')) as { items: Item[] }).items;
  const items = raw.map((item) => {
    const parts = splitClauses(item.text);
    const clauses = parts.length >= 2 ? parts.map((text) => ({ text, nlu: model.parse(text, { now }) })) : undefined;
    return { item, event: { type: 'user', text: item.text, nlu: model.parse(item.text, { now }), now: now.toISOString(), ...(clauses ? { clauses } : {}) } };
  });
  return { template: id, dm, items };
}

function judge(out: DialogueOutput, item: Item): Verdict {
  const rightIds = new Set([item.faq, ...(item.alsoRight ?? [])]);
  if (out.record.faqId !== null) return rightIds.has(out.record.faqId) ? 'right' : 'wrong';
  const pending = out.state.pending;
  if (pending?.kind === 'choice' && pending.options.some((o) => o.kind === 'faq' && rightIds.has(o.id))) return 'clarifiedRight';
  return 'other';
}

type Tally = Record<Verdict, number> & { n: number };
function run(p: Prepared, thresholds: Partial<DialogueThresholds>, diagnose = false): Tally {
  const dm = p.dm(thresholds);
  const tally: Tally = { right: 0, wrong: 0, clarifiedRight: 0, other: 0, n: 0 };
  for (const { item, event } of p.items) {
    const start = dm.handle(undefined, { type: 'start' });
    lastPolicy = '';
    const out = dm.handle(start.state, event as Parameters<DialogueManager['handle']>[1]);
    const verdict = judge(out, item);
    tally[verdict]++;
    tally.n++;
    if (diagnose && verdict === 'wrong') {
      const nlu = event.nlu as { faq: { id: string; confidence: number }[]; act?: { label: string; confidence: number }; intent: { name: string; confidence: number } | null };
      const faqs = nlu.faq.slice(0, 3).map((f) => `${f.id}:${f.confidence.toFixed(2)}`).join(' ');
      console.log(`  ${p.template} [${lastPolicy}] ${item.text} want ${item.faq} got ${out.record.faqId} | faq ${faqs} | act ${nlu.act?.label}:${nlu.act?.confidence.toFixed(2)} intent ${nlu.intent?.name}:${nlu.intent?.confidence.toFixed(2)}`);
    }
  }
  return tally;
}

const prepared: Prepared[] = [];
for (const id of templateIds) prepared.push(await prepare(id));

const pct = (k: number, n: number) => `${((100 * k) / n).toFixed(1)} %`;
const line = (name: string, t: Tally) => `${name.padEnd(12)} n=${t.n}  right ${t.right} (${pct(t.right, t.n)})  wrong ${t.wrong} (${pct(t.wrong, t.n)})  clarified-right ${t.clarifiedRight} (${pct(t.clarifiedRight, t.n)})  other ${t.other}`;
const sum = (ts: Tally[]): Tally => ts.reduce((a, t) => ({ right: a.right + t.right, wrong: a.wrong + t.wrong, clarifiedRight: a.clarifiedRight + t.clarifiedRight, other: a.other + t.other, n: a.n + t.n }), { right: 0, wrong: 0, clarifiedRight: 0, other: 0, n: 0 });

console.log('Current thresholds:');
const current = prepared.map((p) => run(p, {}, args.diagnose));
prepared.forEach((p, i) => console.log(line(p.template, current[i]!)));
console.log(line('overall', sum(current)));

// The thresholds that decide "answer" against "ask" for a message outside a flow, each scaled together: one knob
// (how sure an answer must be), so the choice cannot fit the quirks of 494 sentences; and the one for an answer whose
// FAQ reads as another intent than the message (`faqAcrossIntents`; 0.8 = the own-case bar, i.e. no extra check).
const KNOBS = ['faq', 'faqOpenQuestion', 'faqQuestion', 'faqWithIntent', 'faqOwnCaseQuestion', 'faqBesideRequest'] as const;
const grid: { name: string; thresholds: Partial<DialogueThresholds> }[] = [];
for (const lift of [0, 0.05, 0.1, 0.15, 0.2, 0.3]) {
  for (const across of [0.8, 0.85, 0.9, 0.95, 0.99]) {
    const t: Partial<DialogueThresholds> = { faqAcrossIntents: across };
    for (const k of KNOBS) t[k] = Math.min(0.99, defaultDialogueThresholds[k] + lift * (1 - defaultDialogueThresholds[k]) * 2);
    grid.push({ name: `lift ${lift.toFixed(2)} across ${across}`, thresholds: t });
  }
}
const results = grid.map((g) => ({ ...g, tallies: prepared.map((p) => run(p, g.thresholds)) }));
console.log('\nEach setting on all four templates:');
for (const r of results) console.log(line(r.name, sum(r.tallies)));

console.log(`\nLeave one template out (chosen on the other three: the most right answers less ${wrongCost} × the wrong ones):`);
const held: Tally[] = [];
const cost = (t: Tally) => wrongCost * t.wrong - t.right;
prepared.forEach((p, i) => {
  const [chosen] = results
    .map((r, order) => ({ r, order, rest: sum(r.tallies.filter((_, j) => j !== i)) }))
    .sort((a, b) => cost(a.rest) - cost(b.rest) || b.order - a.order);
  held.push(chosen!.r.tallies[i]!);
  console.log(`${line(p.template, chosen!.r.tallies[i]!)}  ← ${chosen!.r.name}`);
});
console.log(line('overall', sum(held)));

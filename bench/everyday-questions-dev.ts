/**
 * A quick in-process look at how the bot treats everyday questions: each template's NLU model trained as a tenant's
 * would be, its DialogueManager, and every item of the DEV half of bench/everyday-questions/<template>.json asked
 * as the first message of a fresh conversation (after the welcome), split into clauses like the server does.
 * Never reads the `.frozen.json` halves. Not the benchmark of record (that goes through the real chat).
 *
 *   npx tsx bench/everyday-questions-dev.ts [template…] [--misses]
 */
import { readFileSync } from 'node:fs';
import { DialogueManager, flowDefinitionSchema, splitClauses, type DialogueOutput } from '@zhida/dialogue';
import { NluModel } from '@zhida/nlu';
import { loadTemplate, templateIds, withSharedCommonUtterances } from '@zhida/templates';

type Item = { faq: string; text: string; alsoRight?: string[] };
type Verdict = 'right' | 'wrong' | 'clarifiedRight' | 'other';

const OOS = 'out_of_scope';
const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const wanted = args.filter((a) => !a.startsWith('--'));

async function run(id: string): Promise<void> {
  const template = await loadTemplate(id);
  const others = await Promise.all(templateIds.filter((o) => o !== id).map(loadTemplate));
  template.intents = withSharedCommonUtterances(template.intents, others.map((o) => o.intents));
  const intents = template.intents.intents.map((i) => ({ name: i.id, utterances: i.utterances }));
  if (template.intents.outOfScope.length > 0) intents.push({ name: OOS, utterances: template.intents.outOfScope });
  const userWords = template.knowledgeGraph.nodes.flatMap((n) => [n.name, ...(n.aliases ?? [])]).filter((w) => w.length >= 2);
  const faqs = template.faqs.map((f) => ({ id: f.id, question: f.question, paraphrases: f.paraphrases, answer: f.answer }));
  const model = NluModel.train({ intents, faqs, userWords, graph: template.knowledgeGraph }, { seed: 42, outOfScopeIntent: OOS });
  const byId = new Map(faqs.map((f) => [f.id, f]));
  const dm = new DialogueManager({
    flows: flowDefinitionSchema.array().parse(template.flows),
    intentLabels: template.manifest.intents,
    clarifyGroups: template.manifest.clarifyGroups,
    locale: 'zh-CN',
    messages: { welcome: template.manifest.welcomeMessage.zh },
    faqLookup: (faqId) => byId.get(faqId),
  });
  const items = (JSON.parse(readFileSync(new URL(`everyday-questions/${id}.json`, import.meta.url), 'utf8')) as { items: Item[] }).items;
  const counts: Record<Verdict, number> = { right: 0, wrong: 0, clarifiedRight: 0, other: 0 };
  const misses: string[] = [];
  const now = new Date('2026-11-25T02:00:00Z');
  for (const item of items) {
    const start = dm.handle(undefined, { type: 'start' });
    const nlu = model.parse(item.text, { now });
    const parts = splitClauses(item.text);
    const clauses = parts.length >= 2 ? parts.map((text) => ({ text, nlu: model.parse(text, { now }) })) : undefined;
    const out = dm.handle(start.state, { type: 'user', text: item.text, nlu, now: now.toISOString(), ...(clauses ? { clauses } : {}) });
    const rightIds = new Set([item.faq, ...(item.alsoRight ?? [])]);
    const verdict = judge(out, rightIds);
    counts[verdict]++;
    if (verdict !== 'right') {
      const top = nlu.faq.slice(0, 2).map((f) => `${f.id}:${f.confidence.toFixed(2)}`).join(' ');
      const act = (nlu as { act?: { label: string; confidence: number } }).act;
      misses.push(
        `${verdict.padEnd(14)} ${item.text}  [want ${item.faq}] → ${describe(out)} | intent ${nlu.intent?.name ?? '-'}:${(nlu.intent?.confidence ?? 0).toFixed(2)} act ${act ? `${act.label}:${act.confidence.toFixed(2)}` : '-'} faq ${top}`,
      );
    }
  }
  const n = items.length;
  const pct = (k: number): string => `${((100 * k) / n).toFixed(1)} %`;
  console.log(`${id.padEnd(10)} n=${n}  right ${counts.right} (${pct(counts.right)})  wrong ${counts.wrong} (${pct(counts.wrong)})  clarified-right ${counts.clarifiedRight} (${pct(counts.clarifiedRight)})  other ${counts.other} (${pct(counts.other)})`);
  if (showMisses) for (const m of misses) console.log(`  ${m}`);
}

function judge(out: DialogueOutput, rightIds: Set<string>): Verdict {
  if (out.record.faqId !== null) return rightIds.has(out.record.faqId) ? 'right' : 'wrong';
  const pending = out.state.pending;
  if (pending?.kind === 'choice' && pending.options.some((o) => o.kind === 'faq' && rightIds.has(o.id))) return 'clarifiedRight';
  return 'other';
}

function describe(out: DialogueOutput): string {
  const r = out.record;
  const what = out.handoff ? `handoff:${out.handoff.reason}` : r.faqId ? `faq ${r.faqId}` : r.flowId ? `flow ${r.flowId}` : r.outcome;
  return `${what} "${out.replies.map((x) => x.text).join(' / ').slice(0, 40)}"`;
}

for (const id of wanted.length > 0 ? wanted : templateIds) await run(id);

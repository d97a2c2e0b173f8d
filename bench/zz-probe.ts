import { NluModel } from '@zhida/nlu';
import { loadTemplate, templateIds, withSharedCommonUtterances } from '@zhida/templates';
const [id, ...texts] = process.argv.slice(2);
const OOS = 'out_of_scope';
const template = await loadTemplate(id!);
const others = await Promise.all(templateIds.filter((o) => o !== id).map(loadTemplate));
template.intents = withSharedCommonUtterances(template.intents, others.map((o) => o.intents));
const intents = template.intents.intents.map((i) => ({ name: i.id, utterances: i.utterances }));
if (template.intents.outOfScope.length > 0) intents.push({ name: OOS, utterances: template.intents.outOfScope });
const userWords = template.knowledgeGraph.nodes.flatMap((n) => [n.name, ...(n.aliases ?? [])]).filter((w) => w.length >= 2);
const faqs = template.faqs.map((f) => ({ id: f.id, question: f.question, paraphrases: f.paraphrases, answer: f.answer }));
const model = NluModel.train({ intents, faqs, userWords, graph: template.knowledgeGraph }, { seed: 42, outOfScopeIntent: OOS });
for (const t of texts) {
  const p = model.parse(t, { now: new Date() }) as any;
  console.log(t, '→', p.intent?.name, p.intent?.confidence?.toFixed(2), 'oos', p.outOfScope, 'act', p.act?.label, p.act?.confidence?.toFixed(2), 'faq', p.faq.slice(0, 3).map((f: any) => `${f.id}:${f.confidence.toFixed(2)}`).join(' '), 'emo', p.emotion.label, p.emotion.score.toFixed(2), 'ranking', (p.ranking ?? p.intents ?? []).slice?.(0,3)?.map?.((x:any)=>`${x.name}:${x.confidence?.toFixed(2)}`).join(' '));
}

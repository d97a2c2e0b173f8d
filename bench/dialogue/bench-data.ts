import { join } from 'node:path';
import { loadTemplate, type IndustryTemplate } from '@zhida/templates';
import { BenchDataError, loadHalves, type DataHalf, type HalfFile } from './data-halves.js';
import { DemoFixtures } from './demo-fixtures.js';
import { scriptFileSchema, type DialogueScript, type ScriptFile } from './dialogue-script.js';
import { everydayQuestionFileSchema, type EverydayQuestionFile } from './everyday-question-file.js';
import { placeholdersIn } from './fill-placeholders.js';
import { simulatedUserFileSchema, type SimulatedScript, type SimulatedUserFile } from './simulated-user-file.js';
import { vagueRequestFileSchema, type VagueRequestFile } from './vague-request-file.js';

export const SUITES = ['scripted', 'simulated', 'everyday', 'vague'] as const;
export type Suite = (typeof SUITES)[number];

export interface BenchDataOptions {
  suites: ReadonlySet<Suite>;
  /** Templates to keep; null for all. */
  only: ReadonlySet<string> | null;
  /** Keep only scripted and simulated scripts whose id contains this. */
  script?: string | undefined;
  /** `bench/dialogue-scripts`. */
  scriptsDir: string;
  /** The folder holding `simulated-user/`, `everyday-questions/` and `vague-requests/`. */
  dataRoot: string;
}

export interface BenchData {
  scriptedFiles: ScriptFile[];
  scriptedJobs: { template: string; tenant: string; script: DialogueScript }[];
  simulatedFiles: HalfFile<SimulatedUserFile>[];
  simulatedJobs: { template: string; tenant: string; half: DataHalf; script: SimulatedScript }[];
  everydayFiles: HalfFile<EverydayQuestionFile>[];
  vagueFiles: HalfFile<VagueRequestFile>[];
  /** The templates the simulated, everyday and vague sets name. */
  templates: Map<string, IndustryTemplate>;
  /** Per template, intent id → zh label (what a clarifying question's buttons say). */
  labels: Map<string, Map<string, string>>;
}

/**
 * Reads and validates every data file of the selected suites before any server starts: schemas, unique
 * script ids, placeholders the fixtures can fill, FAQ and intent ids the templates have.
 * Throws `BenchDataError` naming the file and the item.
 */
export async function loadBenchData(o: BenchDataOptions): Promise<BenchData> {
  const wanted = (template: string) => !o.only || o.only.has(template);
  const scriptedFiles = o.suites.has('scripted') ? loadHalves(o.scriptsDir, scriptFileSchema).map((f) => f.data) : [];
  const simulatedFiles = o.suites.has('simulated') ? loadHalves(join(o.dataRoot, 'simulated-user'), simulatedUserFileSchema).filter((f) => wanted(f.data.template)) : [];
  const everydayFiles = o.suites.has('everyday') ? loadHalves(join(o.dataRoot, 'everyday-questions'), everydayQuestionFileSchema).filter((f) => wanted(f.data.template)) : [];
  const vagueFiles = o.suites.has('vague') ? loadHalves(join(o.dataRoot, 'vague-requests'), vagueRequestFileSchema).filter((f) => wanted(f.data.template)) : [];

  const scriptedJobs: { template: string; tenant: string; script: DialogueScript }[] = [];
  const seenIds = new Set<string>();
  for (const file of scriptedFiles) {
    for (const script of file.scripts) {
      const key = `${file.template}/${script.id}`;
      if (seenIds.has(key)) throw new BenchDataError(`duplicate script id ${key}`);
      seenIds.add(key);
      if (wanted(file.template) && (!o.script || script.id.includes(o.script))) scriptedJobs.push({ template: file.template, tenant: file.tenant, script });
    }
  }
  const simulatedJobs = simulatedFiles.flatMap((f) => f.data.scripts.filter((s) => !o.script || s.id.includes(o.script)).map((script) => ({ template: f.data.template, tenant: f.data.tenant, half: f.half, script })));
  const simulatedIds = new Set<string>();
  for (const j of simulatedJobs) {
    const key = `${j.template}/${j.script.id}`;
    if (simulatedIds.has(key)) throw new BenchDataError(`simulated-user: duplicate script id ${key} (ids are unique across a template's dev and frozen files)`);
    simulatedIds.add(key);
  }

  // A placeholder the fixtures cannot fill would only fail mid-run, as a bot failure it is not.
  const placeholderTexts = [
    ...scriptedFiles.flatMap((f) => f.scripts.map((s) => ({ where: `dialogue-scripts/${f.template}.json ${s.id}`, texts: [s.goal.text ?? '', ...s.turns.flatMap((t) => [t.user, t.expect.text ?? '', t.expect.notText ?? ''])] }))),
    ...simulatedFiles.flatMap((f) =>
      f.data.scripts.map((s) => ({
        where: `simulated-user/${f.name} ${s.id}`,
        texts: [s.goal.text ?? '', s.opening, ...s.answers.flatMap((a) => a.say.flatMap((item) => (typeof item === 'string' ? [item] : [item.text, item.expect])))],
      })),
    ),
  ];
  for (const { where, texts } of placeholderTexts) {
    for (const name of texts.flatMap(placeholdersIn)) if (!DemoFixtures.knows(name)) throw new BenchDataError(`${where}: unknown placeholder {{${name}}}`);
  }

  const templates = new Map<string, IndustryTemplate>();
  for (const t of new Set([...simulatedFiles, ...everydayFiles, ...vagueFiles].map((f) => f.data.template))) templates.set(t, await loadTemplate(t));
  const labels = new Map([...templates].map(([id, t]) => [id, new Map(t.manifest.intents.map((i) => [i.id, i.label.zh]))]));
  const faqIds = (template: string) => new Set(templates.get(template)?.faqs.map((q) => q.id));
  for (const f of simulatedFiles) {
    const known = faqIds(f.data.template);
    for (const script of f.data.scripts)
      for (const entry of script.answers) for (const item of entry.say) if (typeof item !== 'string' && item.faq !== undefined && !known.has(item.faq)) throw new BenchDataError(`simulated-user/${f.name}: no FAQ "${item.faq}" in the ${f.data.template} template (script ${script.id})`);
  }
  // A frozen item is named by its position only: its text is not printed anywhere.
  const itemName = (half: DataHalf, index: number, text: string) => (half === 'frozen' ? `item ${index + 1}` : `"${text}"`);
  for (const f of everydayFiles) {
    const known = faqIds(f.data.template);
    f.data.items.forEach((item, i) => {
      for (const id of [item.faq, ...(item.alsoRight ?? [])]) if (!known.has(id)) throw new BenchDataError(`everyday-questions/${f.name}: no FAQ "${id}" in the ${f.data.template} template (${itemName(f.half, i, item.text)})`);
    });
  }
  for (const f of vagueFiles) {
    const known = labels.get(f.data.template);
    f.data.items.forEach((item, i) => {
      for (const id of item.intents) if (!known?.has(id)) throw new BenchDataError(`vague-requests/${f.name}: no intent "${id}" in the ${f.data.template} template (${itemName(f.half, i, item.text)})`);
    });
  }

  return { scriptedFiles, scriptedJobs, simulatedFiles, simulatedJobs, everydayFiles, vagueFiles, templates, labels };
}

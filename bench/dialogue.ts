/**
 * Dialogue bench: talks to the real server over HTTP through the widget API and reports, per suite,
 * how the bot holds up — scripted multi-turn conversations, a goal-driven simulated customer, everyday
 * rewordings of the FAQ questions, and vague requests (see bench/README.md).
 *
 *   npm run bench:dialogue                                   # every suite, writes results/dialogue.md
 *   npx tsx dialogue.ts --suite everyday,vague --only finance # a subset, writes results/dialogue-everyday-vague-finance.md
 *   npx tsx dialogue.ts --suite scripted --script return --verbose
 *   npx tsx dialogue.ts --suite simulated --data-root /tmp/sample --no-write
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { IndustryTemplate } from '@zhida/templates';
import { askEverydayQuestion, type EverydayResult } from './dialogue/ask-everyday-question.js';
import { askVagueRequest, type VagueResult } from './dialogue/ask-vague-request.js';
import { BenchServer } from './dialogue/bench-server.js';
import { loadBenchData, SUITES, type Suite } from './dialogue/bench-data.js';
import { ConsentingChat } from './dialogue/consenting-chat.js';
import { BenchDataError } from './dialogue/data-halves.js';
import { DemoFixtures } from './dialogue/demo-fixtures.js';
import { renderScriptedSection, score } from './dialogue/dialogue-scorecard.js';
import { renderEverydaySection, scoreEveryday } from './dialogue/everyday-scorecard.js';
import { FaqCatalogue } from './dialogue/faq-catalogue.js';
import { LoopbackPool } from './dialogue/loopback-pool.js';
import { NluParseClient } from './dialogue/nlu-parse-client.js';
import { readOtp } from './dialogue/otp-reader.js';
import { percent } from './dialogue/percent.js';
import { runPool } from './dialogue/run-pool.js';
import { runScript, type ScriptResult } from './dialogue/script-runner.js';
import { runSimulation, type SimulationResult } from './dialogue/simulation-runner.js';
import { renderSimulationSection, scoreSimulations } from './dialogue/simulation-scorecard.js';
import { renderVagueSection, scoreVague } from './dialogue/vague-scorecard.js';
import { WidgetClient } from './dialogue/widget-client.js';

const HERE = fileURLToPath(new URL('./', import.meta.url));

const { values: args } = parseArgs({
  options: {
    suite: { type: 'string' },
    only: { type: 'string' },
    script: { type: 'string' },
    concurrency: { type: 'string', default: '3' },
    verbose: { type: 'boolean', default: false },
    /** Validate the data files and stop, without starting the server. */
    check: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    /** Where simulated-user/, everyday-questions/ and vague-requests/ are read from (default: bench/); for trying sample data. */
    'data-root': { type: 'string' },
  },
});

const suites = new Set<Suite>(
  args.suite
    ? args.suite.split(',').map((s) => {
        if (!(SUITES as readonly string[]).includes(s)) throw new BenchDataError(`--suite: unknown suite "${s}" (${SUITES.join(', ')})`);
        return s as Suite;
      })
    : SUITES,
);
const only = args.only ? new Set(args.only.split(',')) : null;
const dataRoot = args['data-root'] ? resolve(args['data-root']) : HERE;
const shown = (dir: string) => (args['data-root'] ? join(dataRoot, dir) : `bench/${dir}/`);
const concurrency = Math.max(1, Number(args.concurrency));

const { scriptedFiles, scriptedJobs, simulatedFiles, simulatedJobs, everydayFiles, vagueFiles, templates, labels } = await loadBenchData({
  suites,
  only,
  script: args.script,
  scriptsDir: join(HERE, 'dialogue-scripts'),
  dataRoot,
});

const everydayCount = everydayFiles.reduce((n, f) => n + f.data.items.length, 0);
const vagueCount = vagueFiles.reduce((n, f) => n + f.data.items.length, 0);
console.log(
  [
    suites.has('scripted') ? `${scriptedJobs.length} scripted conversations` : null,
    suites.has('simulated') ? `${simulatedJobs.length} simulated customers` : null,
    suites.has('everyday') ? `${everydayCount} everyday questions` : null,
    suites.has('vague') ? `${vagueCount} vague requests` : null,
  ]
    .filter(Boolean)
    .join(' · '),
);

if (args.check) process.exit(0);

const started = Date.now();
const server = await BenchServer.start();
try {
  const slugs = new Map<string, string>();
  for (const f of [...scriptedFiles, ...simulatedFiles.map((h) => h.data), ...everydayFiles.map((h) => h.data), ...vagueFiles.map((h) => h.data)]) slugs.set(f.template, f.tenant);
  const tenantIds: Record<string, string> = {};
  for (const [template, slug] of slugs) tenantIds[template] = await server.tenantId(slug);
  const fixtures = new DemoFixtures((tenantId) => server.books(tenantId), tenantIds);
  const db = server.app.zhida.database.db;
  const addresses = new LoopbackPool();
  // Every visitor answers the consent gate as a customer in the widget would (tap its consent button, send again).
  const start = (tenant: string) => async () => new ConsentingChat(await WidgetClient.start(server.base, tenant, await addresses.take()));
  const sections: string[] = [];
  const catalogues = new Map<string, FaqCatalogue>();
  for (const f of [...simulatedFiles, ...everydayFiles]) {
    if (!catalogues.has(f.data.template)) catalogues.set(f.data.template, new FaqCatalogue(templates.get(f.data.template) as IndustryTemplate, await server.faqs(f.data.tenant)));
  }

  if (suites.has('scripted')) {
    const results: ScriptResult[] = await runPool(scriptedJobs, concurrency, async (job) => {
      const result = await runScript(job.template, job.script, { start: start(job.tenant), resolve: fixtures.forScript(), otp: (id) => readOtp(db, id, server.sms) });
      const bad = result.turns.filter((t) => t.problems.length > 0).length;
      console.log(`${result.goalReached ? '✓' : '✗'} ${job.template}/${job.script.id}${bad ? `  (${bad} failing turn${bad > 1 ? 's' : ''})` : ''}${result.error ? `  ${result.error}` : ''}`);
      if (args.verbose) {
        for (const t of result.turns) {
          console.log(`    ${t.problems.length ? '✗' : '·'} 客户: ${t.user}${(t.consented ?? []).map((b) => `  (tapped「${b}」, sent again)`).join('')}`);
          if (t.seen) console.log(`      bot [${t.seen.intent ?? '—'} / ${t.seen.outcomes.join(',')}${t.seen.handoff ? ' / handoff' : ''}]: ${t.seen.text.replace(/\n/g, ' ⏎ ')}${t.seen.buttons.length ? `  {${t.seen.buttons.join(' | ')}}` : ''}`);
          for (const p of t.problems) console.log(`      ! ${p}`);
        }
      }
      return result;
    });
    const s = score(results);
    console.log(`scripted: turn accuracy ${percent(s.turnsOk, s.turns)} (${s.turnsOk}/${s.turns}) · task completion ${percent(s.goals, s.scripts)} (${s.goals}/${s.scripts}) · clarification precision ${percent(s.clarifyAskedExpected, s.clarifyAsked)} (${s.clarifyAskedExpected}/${s.clarifyAsked})\n`);
    sections.push(renderScriptedSection(results));
  }

  if (suites.has('simulated')) {
    const results: SimulationResult[] = await runPool(simulatedJobs, concurrency, async (job) => {
      const catalogue = catalogues.get(job.template) as FaqCatalogue;
      const result = await runSimulation(job.template, job.half, job.script, { start: start(job.tenant), resolve: fixtures.forScript(), otp: (id) => readOtp(db, id, server.sms), faqTemplateId: (id) => catalogue.templateId(id) });
      // The frozen half is reported as numbers only: nothing about its scripts is printed.
      if (job.half === 'dev') {
        console.log(`${result.outcome === 'completed' ? '✓' : '✗'} ${job.template}/${job.script.id}  ${result.outcome}${result.outcome === 'completed' ? '' : `: ${result.detail}`}`);
        if (args.verbose) {
          for (const t of result.turns) {
            console.log(`    客户: ${t.customer}${t.consented.map((b) => `  (tapped「${b}」, sent again)`).join('')}${t.expect ? `  ${t.expect.met ? '✓' : '✗'} /${t.expect.regex}/` : ''}${t.faq ? `  ${t.faq.met ? '✓' : '✗'} FAQ ${t.faq.id}` : ''}`);
            if (t.bot) console.log(`      bot [${t.bot.intent ?? '—'} / ${t.bot.outcomes.join(',')}${t.bot.handoff ? ' / handoff' : ''}]: ${t.bot.text.replace(/\n/g, ' ⏎ ')}${t.bot.buttons.length ? `  {${t.bot.buttons.join(' | ')}}` : ''}`);
          }
        }
      }
      return result;
    });
    for (const half of ['dev', 'frozen'] as const) {
      const s = scoreSimulations(results.filter((r) => r.half === half));
      if (s.scripts) console.log(`simulated ${half}: task completion ${percent(s.completed, s.scripts)} (${s.completed}/${s.scripts}) · misunderstanding handoffs ${s.misunderstoodHandoffs} · stuck ${s.stuck} · expectations met ${percent(s.expectsMet, s.expects)} (${s.expectsMet}/${s.expects}) · side-question FAQ answered ${percent(s.faqsMet, s.faqs)} (${s.faqsMet}/${s.faqs})`);
    }
    console.log('');
    sections.push(renderSimulationSection(results, shown('simulated-user')));
  }

  if (suites.has('everyday')) {
    const items = everydayFiles.flatMap((f) => f.data.items.map((item) => ({ template: f.data.template, tenant: f.data.tenant, half: f.half, item })));
    let done = 0;
    const results: EverydayResult[] = await runPool(items, concurrency, async (job) => {
      const result = await askEverydayQuestion(job.template, job.half, job.item, catalogues.get(job.template) as FaqCatalogue, start(job.tenant));
      if (++done % 100 === 0) console.log(`  everyday: ${done}/${items.length}`);
      return result;
    });
    for (const half of ['dev', 'frozen'] as const) {
      const s = scoreEveryday(results.filter((r) => r.half === half));
      if (s.items) console.log(`everyday ${half}: right ${percent(s.right, s.items)} · wrong ${percent(s.wrong, s.items)} · clarified-right ${percent(s.clarifiedRight, s.items)} · other ${percent(s.other, s.items)} (task ${s.task}, handoff ${s.handoff}, errors ${s.errors}) of ${s.items}`);
    }
    console.log('');
    sections.push(renderEverydaySection(results, shown('everyday-questions')));
  }

  if (suites.has('vague')) {
    const items = vagueFiles.flatMap((f) => f.data.items.map((item) => ({ template: f.data.template, tenant: f.data.tenant, half: f.half, item })));
    const results: VagueResult[] = await runPool(items, concurrency, async (job) =>
      askVagueRequest(job.template, job.half, job.item, labels.get(job.template) as Map<string, string>, start(job.tenant), new NluParseClient(server.base, await server.apiKey(job.tenant))),
    );
    for (const half of ['dev', 'frozen'] as const) {
      const s = scoreVague(results.filter((r) => r.half === half));
      if (s.items) console.log(`vague ${half}: clarified with a right option ${percent(s.rightOption, s.items)} (${s.rightOption}/${s.items}) · clarified at all ${percent(s.clarified, s.items)} · parse ambiguous ${s.parseKnown ? percent(s.parseAmbiguous, s.parseKnown) : 'n/a'} · errors ${s.errors}`);
    }
    console.log('');
    sections.push(renderVagueSection(results, labels, shown('vague-requests')));
  }

  const seconds = (Date.now() - started) / 1000;
  if (!args['no-write']) {
    const subset = [...(suites.size < SUITES.length ? [...suites] : []), ...(only ?? []), ...(args.script ? [args.script] : [])];
    // Results on sample data stay beside that data: bench/results/ holds runs on the committed sets only.
    const target = args['data-root'] ? join(dataRoot, 'dialogue-results.md') : join(HERE, 'results', subset.length ? `dialogue-${subset.join('-')}.md` : 'dialogue.md');
    const command = `cd bench && npx tsx dialogue.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`;
    const header = [
      '# Dialogue bench — the real server, over HTTP, as the widget talks to it',
      '',
      `Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · machine: ${machine} · command: \`${command}\` · wall time ${seconds.toFixed(0)} s · suites: ${[...suites].join(', ')}`,
      '',
    ].join('\n');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, [header, ...sections].join('\n'));
    console.log(`wrote ${args['data-root'] ? target : `bench/results/${basename(target)}`}`);
  }
} finally {
  await server.close();
}

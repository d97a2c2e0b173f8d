/**
 * Dialogue bench: plays the scripted multi-turn conversations in
 * `dialogue-scripts/*.json` against the real server over HTTP and reports
 * turn accuracy, task completion and clarification precision.
 *
 *   npm run bench:dialogue                         # all templates, writes results/dialogue.md
 *   npx tsx dialogue.ts --only finance,telecom     # a subset, writes results/dialogue-finance-telecom.md
 *   npx tsx dialogue.ts --script return --verbose  # scripts whose id contains "return", print every turn
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp, loadConfig, seedDemo } from '../packages/server/src/index.js';
import { DemoFixtures } from './dialogue/demo-fixtures.js';
import { scriptFileSchema, type DialogueScript } from './dialogue/dialogue-script.js';
import { renderReport, score } from './dialogue/dialogue-scorecard.js';
import { readOtp } from './dialogue/otp-reader.js';
import { runScript, type ScriptResult } from './dialogue/script-runner.js';
import { WidgetClient } from './dialogue/widget-client.js';

const HERE = fileURLToPath(new URL('./', import.meta.url));
// 30 conversation starts per minute per IP: 8 source addresses give 240 a minute, far above what the bench needs.
const SOURCE_ADDRESSES = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    script: { type: 'string' },
    concurrency: { type: 'string', default: '3' },
    verbose: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});

const files = readdirSync(join(HERE, 'dialogue-scripts'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const parsed = scriptFileSchema.safeParse(JSON.parse(readFileSync(join(HERE, 'dialogue-scripts', f), 'utf8')));
    if (!parsed.success) throw new Error(`dialogue-scripts/${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  });
const only = args.only ? new Set(args.only.split(',')) : null;
const seenIds = new Set<string>();
const jobs: { template: string; tenant: string; script: DialogueScript }[] = [];
for (const file of files) {
  for (const script of file.scripts) {
    const key = `${file.template}/${script.id}`;
    if (seenIds.has(key)) throw new Error(`duplicate script id ${key}`);
    seenIds.add(key);
    if (only && !only.has(file.template)) continue;
    if (args.script && !script.id.includes(args.script)) continue;
    jobs.push({ template: file.template, tenant: file.tenant, script });
  }
}
console.log(`${jobs.length} scripts, ${jobs.reduce((n, j) => n + j.script.turns.length, 0)} turns`);

const dataDir = mkdtempSync(join(tmpdir(), 'zhida-bench-dialogue-'));
const app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, null));
const started = Date.now();
try {
  await seedDemo(app.zhida, app.log);
  console.log('training the tenant models…');
  await app.zhida.brains.catchUp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const tenantIds: Record<string, string> = {};
  for (const file of files) {
    const tenant = await app.zhida.tenants.findBySlug(file.tenant);
    if (!tenant) throw new Error(`tenant ${file.tenant} was not seeded`);
    tenantIds[file.template] = tenant.id;
  }
  const fixtures = new DemoFixtures(app.zhida.database.db, tenantIds);
  const db = app.zhida.database.db;

  const results: ScriptResult[] = new Array(jobs.length);
  let cursor = 0;
  const worker = async () => {
    while (cursor < jobs.length) {
      const i = cursor++;
      const job = jobs[i];
      if (!job) break;
      const resolve = fixtures.forScript();
      const source = SOURCE_ADDRESSES[i % SOURCE_ADDRESSES.length] as string;
      const result = await runScript(job.template, job.script, {
        start: () => WidgetClient.start(base, job.tenant, source),
        resolve,
        otp: (conversationId) => readOtp(db, conversationId),
      });
      results[i] = result;
      const bad = result.turns.filter((t) => t.problems.length > 0).length;
      console.log(`${result.goalReached ? '✓' : '✗'} ${job.template}/${job.script.id}${bad ? `  (${bad} failing turn${bad > 1 ? 's' : ''})` : ''}${result.error ? `  ${result.error}` : ''}`);
      if (args.verbose) {
        for (const t of result.turns) {
          console.log(`    ${t.problems.length ? '✗' : '·'} 客户: ${t.user}`);
          if (t.seen) console.log(`      bot [${t.seen.intent ?? '—'} / ${t.seen.outcomes.join(',')}${t.seen.handoff ? ' / handoff' : ''}]: ${t.seen.text.replace(/\n/g, ' ⏎ ')}${t.seen.buttons.length ? `  {${t.seen.buttons.join(' | ')}}` : ''}`);
          for (const p of t.problems) console.log(`      ! ${p}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(args.concurrency)) }, worker));

  const seconds = (Date.now() - started) / 1000;
  const overall = score(results);
  const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(1) : '—');
  console.log(
    `\nturn accuracy ${pct(overall.turnsOk, overall.turns)} % (${overall.turnsOk}/${overall.turns}) · task completion ${pct(overall.goals, overall.scripts)} % (${overall.goals}/${overall.scripts}) · clarification precision ${pct(overall.clarifyAskedExpected, overall.clarifyAsked)} % (${overall.clarifyAskedExpected}/${overall.clarifyAsked})`,
  );
  if (!args['no-write']) {
    const name = only || args.script ? `dialogue-${[...(only ?? []), ...(args.script ? [args.script] : [])].join('-')}.md` : 'dialogue.md';
    const command = `cd bench && npx tsx dialogue.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`;
    mkdirSync(join(HERE, 'results'), { recursive: true });
    writeFileSync(join(HERE, 'results', name), renderReport(results, { date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', machine, command, seconds }));
    console.log(`wrote bench/results/${name}`);
  }
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}

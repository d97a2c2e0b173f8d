import { DATA_HALVES } from './data-halves.js';
import { markdownCell } from './markdown-cell.js';
import { percent } from './percent.js';
import type { SimulationResult } from './simulation-runner.js';
import { simulationKindSchema } from './simulated-user-file.js';

export interface SimulationScore {
  scripts: number;
  completed: number;
  /** Handoffs in scripts whose goal is not a handoff: the bot misunderstood an answer (bar: 0). */
  misunderstoodHandoffs: number;
  stuck: number;
  /** Other ways to fail: turn limit, a handoff goal without its text, no SMS code, errors. */
  otherFailures: number;
  expectsMet: number;
  expects: number;
  /** Side questions whose named FAQ the bot recorded as answered. */
  faqsMet: number;
  faqs: number;
}

/** Sums a set of simulated conversations. */
export function scoreSimulations(results: readonly SimulationResult[]): SimulationScore {
  const s: SimulationScore = { scripts: results.length, completed: 0, misunderstoodHandoffs: 0, stuck: 0, otherFailures: 0, expectsMet: 0, expects: 0, faqsMet: 0, faqs: 0 };
  for (const r of results) {
    if (r.outcome === 'completed') s.completed += 1;
    else if (r.outcome === 'misunderstood_handoff') s.misunderstoodHandoffs += 1;
    else if (r.outcome === 'stuck') s.stuck += 1;
    else s.otherFailures += 1;
    for (const t of r.turns) {
      if (t.expect) {
        s.expects += 1;
        if (t.expect.met) s.expectsMet += 1;
      }
      if (t.faq) {
        s.faqs += 1;
        if (t.faq.met) s.faqsMet += 1;
      }
    }
  }
  return s;
}

/**
 * The simulated-customer section of the results page: per half, totals per template and per kind; then the
 * failing dev scripts with their transcripts. The frozen half never gets a transcript, so nobody tunes on it.
 */
export function renderSimulationSection(results: readonly SimulationResult[], dataDir: string): string {
  const lines = [
    '## Simulated customer — goal-driven conversations',
    '',
    `Scripts from \`${dataDir}\`: the customer sends the opening, then answers whatever the bot's last reply asks (its text and buttons matched against the script's answer bank), until the goal text appears, the bot hands off, nothing in the bank fits (stuck) or 14 messages have been sent.`,
    'Bar (issue #16), on the frozen half: task completion ≥ 90 % and no handoff caused by the bot misunderstanding an answer.',
    `When the bot asks for a consent before it processes a message (an ID or bank card number needs the separate consent of PIPL art. 29), the customer taps the consent button it offers and sends the message again, as in the widget (\`dialogue/consenting-chat.ts\`): ${consentCount(results)}.`,
    '',
  ];
  if (results.length === 0) return [...lines, 'No data.', ''].join('\n');
  for (const { half, title } of DATA_HALVES) {
    const part = results.filter((r) => r.half === half);
    lines.push(`### ${title}`, '');
    if (part.length === 0) {
      lines.push('No data.', '');
      continue;
    }
    lines.push('| template | scripts | task completion | misunderstanding handoffs | stuck | other failures | expectations met | side-question FAQ answered |', '|---|---:|---:|---:|---:|---:|---:|---:|');
    const row = (name: string, s: SimulationScore) =>
      `| ${name} | ${s.scripts} | **${percent(s.completed, s.scripts)}** (${s.completed}/${s.scripts}) | ${s.misunderstoodHandoffs} | ${s.stuck} | ${s.otherFailures} | ${percent(s.expectsMet, s.expects)} (${s.expectsMet}/${s.expects}) | ${percent(s.faqsMet, s.faqs)} (${s.faqsMet}/${s.faqs}) |`;
    for (const t of [...new Set(part.map((r) => r.template))]) lines.push(row(t, scoreSimulations(part.filter((r) => r.template === t))));
    lines.push(row('**overall**', scoreSimulations(part)), '', '| kind | scripts | task completion |', '|---|---:|---:|');
    for (const kind of simulationKindSchema.options) {
      const s = scoreSimulations(part.filter((r) => r.kinds.includes(kind)));
      if (s.scripts > 0) lines.push(`| ${kind} | ${s.scripts} | ${percent(s.completed, s.scripts)} (${s.completed}/${s.scripts}) |`);
    }
    lines.push('');
  }
  const failing = results.filter((r) => r.half === 'dev' && r.outcome !== 'completed');
  lines.push(`### Failing dev scripts (${failing.length})`, '');
  for (const r of failing) {
    lines.push(`**${r.template}/${r.id}** (${r.kinds.join(', ') || '—'}) — goal: ${markdownCell(r.goal)} — **${r.outcome}**: ${markdownCell(r.detail)}`, '');
    lines.push(...transcript(r), '');
  }
  const missed = results.filter((r) => r.half === 'dev').flatMap((r) => r.turns.filter((t) => (t.expect && !t.expect.met) || (t.faq && !t.faq.met)).map((t) => ({ r, t })));
  lines.push(`### Missed expectations, dev (${missed.length})`, '', '| script | customer says | expected | bot recorded | bot said |', '|---|---|---|---|---|');
  for (const { r, t } of missed) {
    const wanted = [t.expect && !t.expect.met ? `/${t.expect.regex}/` : null, t.faq && !t.faq.met ? `FAQ ${t.faq.id}` : null].filter(Boolean).join(' and ');
    const recorded = t.bot ? `${t.bot.outcomes.join(',') || '—'}${t.bot.faqIds.length ? ` / FAQ ${t.bot.faqIds.join(', ')}` : ''}` : '—';
    lines.push(`| ${r.template}/${r.id} | ${markdownCell(t.customer)} | ${markdownCell(wanted)} | ${markdownCell(recorded)} | ${markdownCell(t.bot?.text ?? '—', 140)} |`);
  }
  return lines.join('\n') + '\n';
}

function consentCount(results: readonly SimulationResult[]): string {
  const conversations = results.filter((r) => r.turns.some((t) => t.consented.length > 0)).length;
  const taps = results.reduce((n, r) => n + r.turns.reduce((m, t) => m + t.consented.length, 0), 0);
  return `${taps} consent${taps === 1 ? '' : 's'} given in ${conversations} conversation${conversations === 1 ? '' : 's'}`;
}

function transcript(r: SimulationResult): string[] {
  const out: string[] = [];
  for (const t of r.turns) {
    const checks = [t.expect ? `${t.expect.met ? '✓' : '✗'} expects /${markdownCell(t.expect.regex)}/` : null, t.faq ? `${t.faq.met ? '✓' : '✗'} FAQ ${t.faq.id}` : null].filter(Boolean);
    const consent = t.consented.map((b) => ` (asked for consent first: tapped「${markdownCell(b)}」and sent it again)`).join('');
    out.push(`- 客户: ${markdownCell(t.customer)}${consent}${checks.length ? ` ${checks.join(' ')}` : ''}`);
    if (!t.bot) continue;
    const tag = [t.bot.intent ?? '—', t.bot.outcomes.join(',') || '—', ...(t.bot.handoff ? ['handoff'] : [])].join(' / ');
    out.push(`  - bot [${tag}]: ${markdownCell(t.bot.text, 300)}${t.bot.buttons.length ? ` {${markdownCell(t.bot.buttons.join(' | '))}}` : ''}`);
  }
  return out;
}

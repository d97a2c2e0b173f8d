import { clarification, type ScriptResult } from './script-runner.js';

export interface Score {
  scripts: number;
  goals: number;
  turns: number;
  turnsOk: number;
  /** Failing turns with no earlier failure in their script: the root causes. */
  firstFailures: number;
  clarifyAsked: number;
  clarifyAskedExpected: number;
  clarifyExpected: number;
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`);

/** Sums the results of a set of scripts. */
export function score(results: ScriptResult[]): Score {
  const s: Score = { scripts: results.length, goals: 0, turns: 0, turnsOk: 0, firstFailures: 0, clarifyAsked: 0, clarifyAskedExpected: 0, clarifyExpected: 0 };
  for (const r of results) {
    if (r.goalReached) s.goals += 1;
    for (const t of r.turns) {
      s.turns += 1;
      if (t.problems.length === 0) s.turnsOk += 1;
      else if (!t.afterFailure) s.firstFailures += 1;
      const c = clarification(t);
      if (c.asked) s.clarifyAsked += 1;
      if (c.asked && c.expected) s.clarifyAskedExpected += 1;
      if (c.expected) s.clarifyExpected += 1;
    }
  }
  return s;
}

/** The scripted section of the results page: totals per template, tags, then every failing turn and goal. */
export function renderScriptedSection(results: ScriptResult[]): string {
  const templates = [...new Set(results.map((r) => r.template))];
  const row = (name: string, s: Score) =>
    `| ${name} | ${s.scripts} | ${s.turns} | **${pct(s.turnsOk, s.turns)}** (${s.turnsOk}/${s.turns}) | **${pct(s.goals, s.scripts)}** (${s.goals}/${s.scripts}) | ${s.turns - s.turnsOk} (${s.firstFailures}) | ${pct(s.clarifyAskedExpected, s.clarifyAsked)} (${s.clarifyAskedExpected}/${s.clarifyAsked}) | ${pct(s.clarifyAskedExpected, s.clarifyExpected)} (${s.clarifyAskedExpected}/${s.clarifyExpected}) |`;
  const lines = [
    '## Scripted conversations',
    '',
    'Every script is a fresh widget conversation over HTTP; expectations are judged on the bot replies\' text, quick replies and `meta.record` (intent, outcome), see `bench/README.md`.',
    'Bars (issue #5): turn accuracy ≥ 95 %, task completion ≥ 90 %. Clarification precision: of the turns where the bot asked a clarifying question (outcome `clarified`), the share where the script expected one; recall: of the turns expecting one, the share where the bot asked.',
    'A script keeps going after a failing turn, as a customer would; turns marked ↳ failed after an earlier failure in the same script and may only be its consequence — fix the first failure of a script first.',
    `When the bot asks for a consent before it processes a message (an ID or bank card number needs the separate consent of PIPL art. 29), the customer taps the consent button it offers and sends the message again, as in the widget (\`dialogue/consenting-chat.ts\`), and that resent message's replies are judged: ${consentTurns(results)}.`,
    '',
    '| template | scripts | turns | turn accuracy | task completion | failing turns (first in their script) | clarification precision | clarification recall |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...templates.map((t) => row(t, score(results.filter((r) => r.template === t)))),
    row('**overall**', score(results)),
    '',
    '### By tag',
    '',
    '| tag | scripts | turn accuracy | task completion |',
    '|---|---:|---:|---:|',
  ];
  const tags = [...new Set(results.flatMap((r) => r.tags))].sort();
  for (const tag of tags) {
    const s = score(results.filter((r) => r.tags.includes(tag)));
    lines.push(`| ${tag} | ${s.scripts} | ${pct(s.turnsOk, s.turns)} | ${pct(s.goals, s.scripts)} |`);
  }
  const failingTurns = results.flatMap((r) => r.turns.filter((t) => t.problems.length > 0).map((t) => ({ r, t })));
  lines.push('', `### Failing turns (${failingTurns.length})`, '', '| script | turn | customer says | expected | got |', '|---|---:|---|---|---|');
  for (const { r, t } of failingTurns) {
    const got = t.seen ? `${t.seen.intent ?? '—'} / ${t.seen.outcomes.join(',') || '—'}${t.seen.handoff ? ' / handoff' : ''}: ${clip(t.seen.text)}` : '—';
    const consent = (t.consented ?? []).map((b) => ` (after tapping「${b}」)`).join('');
    lines.push(`| ${r.template}/${r.id} | ${t.afterFailure ? '↳ ' : ''}${t.index + 1} | ${cell(t.user + consent)} | ${cell(t.problems.join('; '))} | ${cell(got)} |`);
  }
  const failedGoals = results.filter((r) => !r.goalReached);
  lines.push('', `### Goals not reached (${failedGoals.length})`, '', '| script | goal | why |', '|---|---|---|');
  for (const r of failedGoals) lines.push(`| ${r.template}/${r.id} | ${cell(r.goal)} | ${cell(r.goalProblems.join('; '))} |`);
  return lines.join('\n') + '\n';
}

function consentTurns(results: ScriptResult[]): string {
  const turns = results.flatMap((r) => r.turns).filter((t) => (t.consented ?? []).length > 0);
  return `${turns.length} turn${turns.length === 1 ? '' : 's'} in ${results.filter((r) => r.turns.some((t) => (t.consented ?? []).length > 0)).length} scripts`;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 110 ? `${flat.slice(0, 110)}…` : flat;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

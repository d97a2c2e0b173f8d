import type { VagueResult } from './ask-vague-request.js';
import { DATA_HALVES } from './data-halves.js';
import { markdownCell } from './markdown-cell.js';
import { percent } from './percent.js';

export interface VagueScore {
  items: number;
  /** Clarified with a right option among the buttons (the bar). */
  rightOption: number;
  clarified: number;
  /** Items the parse API flagged `ambiguous: true`, of those where it answered with the field. */
  parseAmbiguous: number;
  parseKnown: number;
  errors: number;
}

/** Sums a set of judged vague requests. */
export function scoreVague(results: readonly VagueResult[]): VagueScore {
  const s: VagueScore = { items: results.length, rightOption: 0, clarified: 0, parseAmbiguous: 0, parseKnown: 0, errors: 0 };
  for (const r of results) {
    if (r.error) s.errors += 1;
    if (r.judgement?.ok) s.rightOption += 1;
    if (r.judgement?.clarified) s.clarified += 1;
    if (r.parseAmbiguous !== null) {
      s.parseKnown += 1;
      if (r.parseAmbiguous) s.parseAmbiguous += 1;
    }
  }
  return s;
}

/** The vague-requests section: per half and template, then the failing dev items (the frozen half: numbers only). */
export function renderVagueSection(results: readonly VagueResult[], labels: ReadonlyMap<string, ReadonlyMap<string, string>>, dataDir: string): string {
  const lines = [
    '## Vague requests — clarify, do not guess',
    '',
    `Items from \`${dataDir}\`: each text is the first message of a fresh conversation; right when the bot asks a clarifying question (outcome \`clarified\`) whose buttons include the label (template.json, zh) of at least one listed intent. "parse ambiguous" is the share of texts \`POST /api/v1/nlu/parse\` (tenant API key) flags \`ambiguous: true\`; n/a when the API has no such field.`,
    'Bar (issue #16), on the frozen half: ≥ 90 % clarified with a right option.',
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
    lines.push('| template | items | clarified with a right option | clarified at all | parse ambiguous | errors |', '|---|---:|---:|---:|---:|---:|');
    const row = (name: string, s: VagueScore) =>
      `| ${name} | ${s.items} | **${percent(s.rightOption, s.items)}** (${s.rightOption}) | ${percent(s.clarified, s.items)} (${s.clarified}) | ${s.parseKnown === 0 ? 'n/a' : `${percent(s.parseAmbiguous, s.parseKnown)} (${s.parseAmbiguous})`} | ${s.errors} |`;
    for (const t of [...new Set(part.map((r) => r.template))]) lines.push(row(t, scoreVague(part.filter((r) => r.template === t))));
    lines.push(row('**overall**', scoreVague(part)), '');
  }
  const failing = results.filter((r) => r.half === 'dev' && !r.judgement?.ok);
  lines.push(`### Dev items not clarified with a right option (${failing.length})`, '', '| template | customer says | right options | bot did | bot said |', '|---|---|---|---|---|');
  for (const r of failing) {
    const names = labels.get(r.template);
    const wanted = r.item.intents.map((id) => names?.get(id) ?? id).join(' / ');
    const did = r.seen ? `${r.seen.intent ?? '—'} / ${r.seen.outcomes.join(',') || '—'}${r.seen.handoff ? ' / handoff' : ''}` : markdownCell(r.error ?? '');
    const said = r.seen ? `${markdownCell(r.seen.text, 90)}${r.seen.buttons.length ? ` {${markdownCell(r.seen.buttons.join(' / '), 80)}}` : ''}` : '—';
    lines.push(`| ${r.template} | ${markdownCell(r.item.text)} | ${markdownCell(wanted)} | ${did} | ${said} |`);
  }
  return lines.join('\n') + '\n';
}

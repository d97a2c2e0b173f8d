import type { EverydayResult } from './ask-everyday-question.js';
import { DATA_HALVES } from './data-halves.js';
import { markdownCell } from './markdown-cell.js';
import { percent } from './percent.js';

export interface EverydayScore {
  items: number;
  right: number;
  wrong: number;
  clarifiedRight: number;
  /** Neither answered nor offered: in all, then the two kinds that matter most. */
  other: number;
  task: number;
  handoff: number;
  errors: number;
}

/** Sums a set of judged everyday questions; an item that could not be asked counts as `other` and as an error. */
export function scoreEveryday(results: readonly EverydayResult[]): EverydayScore {
  const s: EverydayScore = { items: results.length, right: 0, wrong: 0, clarifiedRight: 0, other: 0, task: 0, handoff: 0, errors: 0 };
  for (const r of results) {
    const j = r.judgement;
    if (!j) {
      s.errors += 1;
      s.other += 1;
    } else if (j.verdict === 'right') s.right += 1;
    else if (j.verdict === 'wrong') s.wrong += 1;
    else if (j.verdict === 'clarified_right') s.clarifiedRight += 1;
    else {
      s.other += 1;
      if (j.other === 'task') s.task += 1;
      if (j.other === 'handoff') s.handoff += 1;
    }
  }
  return s;
}

/** The everyday-questions section: per half and template, then the failing dev items (the frozen half: numbers only). */
export function renderEverydaySection(results: readonly EverydayResult[], dataDir: string): string {
  const lines = [
    '## Everyday questions — customers\' own words for the FAQ',
    '',
    `Items from \`${dataDir}\`: each text is the first message of a fresh conversation. **right**: a reply records the item's FAQ (or one listed as also right) in \`meta.record.faqId\`; **wrong**: another FAQ answered; **clarified-right**: a clarifying question (outcome \`clarified\`) whose buttons offer the FAQ's question (whole, or a prefix of ≥ 4 characters); **other**: anything else — of which "task" started a flow and "handoff" went to a human.`,
    'Bars (issue #16), on the frozen half: right ≥ 90 %, wrong ≤ 2 %.',
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
    lines.push('| template | items | right | wrong | clarified-right | other | of which task | of which handoff | errors |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    const row = (name: string, s: EverydayScore) =>
      `| ${name} | ${s.items} | **${percent(s.right, s.items)}** (${s.right}) | ${percent(s.wrong, s.items)} (${s.wrong}) | ${percent(s.clarifiedRight, s.items)} (${s.clarifiedRight}) | ${percent(s.other, s.items)} (${s.other}) | ${s.task} | ${s.handoff} | ${s.errors} |`;
    for (const t of [...new Set(part.map((r) => r.template))]) lines.push(row(t, scoreEveryday(part.filter((r) => r.template === t))));
    lines.push(row('**overall**', scoreEveryday(part)), '');
  }
  const failing = results.filter((r) => r.half === 'dev' && r.judgement?.verdict !== 'right');
  lines.push(`### Dev items not answered right (${failing.length})`, '', '| template | customer says | expected FAQ | verdict | bot did | bot said |', '|---|---|---|---|---|---|');
  for (const r of failing) {
    const verdict = r.judgement ? (r.judgement.verdict === 'other' ? `other: ${r.judgement.other}` : r.judgement.verdict) : 'error';
    const did = r.seen ? `${r.seen.intent ?? '—'} / ${r.seen.outcomes.join(',') || '—'}${r.seen.faqIds.length ? ` / FAQ ${r.seen.faqIds.join(', ')}` : ''}` : markdownCell(r.error ?? '');
    const said = r.seen ? `${markdownCell(r.seen.text, 90)}${r.seen.buttons.length ? ` {${markdownCell(r.seen.buttons.join(' / '), 80)}}` : ''}` : '—';
    lines.push(`| ${r.template} | ${markdownCell(r.item.text)} | ${r.item.faq}: ${markdownCell(r.question)} | ${verdict} | ${did} | ${said} |`);
  }
  return lines.join('\n') + '\n';
}

import type { AssistSearchHit } from './workspace-api-types.js';

/** The `/word` the caret is in: where the `/` stands and what was typed after it. */
export interface SlashToken {
  start: number;
  end: number;
  query: string;
}

/**
 * The slash command under the caret, or null. A `/` opens the menu only at the start of the
 * text or after whitespace (so "1/2" or a URL does not), and the token runs to the caret.
 * @example slashTokenAt('好的 /退货', 6) // { start: 3, end: 6, query: '退货' }
 */
export function slashTokenAt(text: string, caret: number): SlashToken | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([^\s/]*)$/.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, end: caret, query };
}

/** Order the menu shows the kinds in when scores tie: a team's own phrasing first. */
const KIND_ORDER: Record<AssistSearchHit['kind'], number> = { canned: 0, faq: 1, article: 2 };

/**
 * The menu's items for the query, best first: a canned reply whose shortcut starts with it,
 * then title matches, then body matches. The server searched already; this re-ranks and
 * narrows as the agent keeps typing before the next answer arrives.
 * @example filterSlashMenu(hits, 'th').map((h) => h.shortcut) // ['thanks', …]
 */
export function filterSlashMenu(hits: readonly AssistSearchHit[], query: string, limit = 8): AssistSearchHit[] {
  const q = query.trim().toLowerCase();
  const scored = hits
    .map((hit, index) => ({ hit, index, score: score(hit, q) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || KIND_ORDER[a.hit.kind] - KIND_ORDER[b.hit.kind] || a.index - b.index);
  return scored.slice(0, limit).map((entry) => entry.hit);
}

function score(hit: AssistSearchHit, q: string): number {
  if (!q) return 1;
  const shortcut = hit.shortcut?.toLowerCase() ?? '';
  if (shortcut && shortcut.startsWith(q)) return 4;
  if (hit.title.toLowerCase().includes(q)) return 3;
  if (shortcut.includes(q)) return 2;
  if (hit.body.toLowerCase().includes(q)) return 1;
  return 0;
}

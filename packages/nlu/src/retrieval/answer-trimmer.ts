/** One sentence (or table row) of a passage, as the trimmer cuts it. */
export type PassageSentence = { text: string; /** A Markdown table's header row, kept before any row chosen from it. */ header?: string };

const SENTENCE_END = /(?<=[。！？；!?;])/u;
const TABLE_RULE = /^\|?\s*:?-{2,}/;

/**
 * Cuts a passage into sentences: prose at 。！？；, a Markdown table into its rows (each carrying the header row,
 * which alone says what the row's cells mean), list items and lines on their own.
 * @example splitPassageSentences('运费8元。满99元包邮。') // [{ text: '运费8元。' }, { text: '满99元包邮。' }]
 */
export function splitPassageSentences(text: string): PassageSentence[] {
  const out: PassageSentence[] = [];
  let header: string | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) {
      header = undefined;
      continue;
    }
    if (line.startsWith('|')) {
      if (TABLE_RULE.test(line.replace(/^\|\s*/, ''))) continue;
      const next = lines[i + 1]?.trim() ?? '';
      // A row followed by the |---| rule is the header: it is what a chosen row is read with, not an answer itself.
      if (TABLE_RULE.test(next.replace(/^\|\s*/, ''))) {
        header = line;
        continue;
      }
      out.push(header ? { text: line, header } : { text: line });
      continue;
    }
    header = undefined;
    for (const part of line.split(SENTENCE_END)) if (part.trim()) out.push({ text: part.trim() });
  }
  return out;
}

export type TrimOptions = {
  /** At most this many sentences in the answer (default 2). */
  maxSentences?: number;
  /** A further sentence is kept only when it scores at least this share of the best one (default 0.5). */
  keepShare?: number;
  /** Stop adding sentences beyond this many characters (default 180). */
  maxChars?: number;
};

/**
 * The sentences of a passage that answer a question: the best-scoring one and the next best while they score close
 * to it, in the passage's order — so a customer reads "签收后第16天至保修期届满，可以选择换货或维修。", not the whole section.
 * A table row comes with its header row. `weigh` scores a sentence against the question (e.g. the IDF of the query
 * terms it contains).
 * @example trimAnswer('运费8元。满99元包邮。客服电话400。', (s) => (s.includes('包邮') ? 2 : 0)) // '满99元包邮。'
 */
export function trimAnswer(text: string, weigh: (sentence: string) => number, options: TrimOptions = {}): string {
  const { maxSentences = 2, keepShare = 0.5, maxChars = 180 } = options;
  const sentences = splitPassageSentences(text);
  if (sentences.length === 0) return text.trim();
  const scored = sentences.map((s, i) => ({ s, i, score: weigh(s.text) }));
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.i - b.i);
  const best = ranked[0]!;
  if (best.score <= 0) return renderSentences([sentences[0]!]);
  const chosen = [best];
  let chars = best.s.text.length;
  for (const next of ranked.slice(1)) {
    if (chosen.length >= maxSentences || next.score < best.score * keepShare) break;
    if (chars + next.s.text.length > maxChars) continue;
    chosen.push(next);
    chars += next.s.text.length;
  }
  return renderSentences(chosen.sort((a, b) => a.i - b.i).map((c) => c.s));
}

function renderSentences(sentences: PassageSentence[]): string {
  const lines: string[] = [];
  let lastHeader: string | undefined;
  for (const s of sentences) {
    if (s.header && s.header !== lastHeader) lines.push(s.header);
    lastHeader = s.header;
    lines.push(s.text);
  }
  // Prose sentences run on; a table row, or a line that ended without a sentence mark ("收费：免费"), stays on its own line.
  return lines.reduce((acc, line, i) => (i === 0 ? line : acc + (line.startsWith('|') || !/[。！？；!?;]$/.test(acc) ? '\n' : '') + line), '');
}

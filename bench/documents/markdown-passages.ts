/**
 * A STAND-IN for the documents module's importer (docs-ingest: parse → split → save), used by bench:documents only
 * until that importer is merged: Markdown headings make the heading path (the `#` title excluded), tables become one
 * "列：值，列：值" line per row, and paragraphs are grouped into passages of about 100–400 characters that never
 * cross a heading. Replace its use in documents.ts with the importer once it is on this branch.
 */
export type StandInPassage = { headingPath: string[]; text: string; anchor: string };

export function markdownPassages(markdown: string, minChars = 100, maxChars = 400): StandInPassage[] {
  const out: StandInPassage[] = [];
  const path: { level: number; text: string }[] = [];
  let blocks: string[] = [];
  const flushSection = () => {
    let current: string[] = [];
    let size = 0;
    const emit = () => {
      if (current.length) out.push({ headingPath: path.map((h) => h.text), text: current.join('\n'), anchor: slug(path.at(-1)?.text ?? 'top') });
      current = [];
      size = 0;
    };
    for (const block of blocks) {
      if (size >= minChars && size + block.length > maxChars) emit();
      current.push(block);
      size += block.length;
    }
    emit();
    blocks = [];
  };
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flushSection();
      const level = heading[1]!.length;
      if (level === 1) continue;
      while (path.length && path.at(-1)!.level >= level) path.pop();
      path.push({ level, text: heading[2]!.trim() });
      continue;
    }
    if (line.startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('|')) {
        const cells = lines[i]!.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
        if (!cells.every((c) => /^:?-{2,}:?$/.test(c))) rows.push(cells);
        i++;
      }
      i--;
      const [header, ...body] = rows;
      for (const row of body) blocks.push(row.map((c, k) => (header?.[k] ? `${header[k]}：${c}` : c)).filter((c) => !c.endsWith('：')).join('，'));
      continue;
    }
    const text = line.replace(/^>\s*/, '');
    if (text) blocks.push(text);
  }
  flushSection();
  return out;
}

function slug(text: string): string {
  return text.replace(/\s+/g, '-');
}

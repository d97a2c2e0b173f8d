const CN_NUM = '[一二三四五六七八九十百零〇两]+';

/**
 * The numbering styles of Chinese manuals and policy files, from the usual outermost to innermost.
 * The rank orders styles that appear together; a document that starts at 一、 makes 一、 its top level.
 */
const STYLES: { kind: string; rank: number; pattern: RegExp }[] = [
  { kind: 'part', rank: 0, pattern: new RegExp(`^第${CN_NUM}[部篇编]分?\\s*\\S`) },
  { kind: 'chapter', rank: 1, pattern: new RegExp(`^第(${CN_NUM}|\\d+)章\\s*\\S`) },
  { kind: 'section', rank: 2, pattern: new RegExp(`^第(${CN_NUM}|\\d+)节\\s*\\S`) },
  { kind: 'cn-comma', rank: 3, pattern: new RegExp(`^${CN_NUM}[、．.]\\s*\\S`) },
  { kind: 'cn-paren', rank: 4, pattern: new RegExp(`^[（(]${CN_NUM}[)）]\\s*\\S`) },
  // 1 / 1.2 / 1.2.3 (the depth is the kind); "1." and "1、" count as depth 1.
  { kind: 'dec', rank: 5, pattern: /^\d{1,2}(?:\.\d{1,2}){0,4}(?:[.、．]|\s)\s*[^\d\s.]/ },
  { kind: 'num-paren', rank: 9, pattern: /^[（(]\d{1,2}[)）]\s*\S/ },
  { kind: 'circled', rank: 10, pattern: /^[①②③④⑤⑥⑦⑧⑨⑩]\s*\S/ },
];

/** The longest line still taken for a heading; longer numbered lines are body text (a numbered step). */
const MAX_HEADING_CHARS = 40;

/**
 * Finds headings in text without markup (PDF and plain text, and DOCX/HTML that use no heading
 * styles) from their numbering: 第三章, 第二节, 一、, （一）, 1, 1.2, 1.2.3, （1）. A numbered line is a
 * heading only when it is short and does not read as a sentence (no closing 。；！？, no comma
 * chains). Levels come from the styles seen so far: a style met again returns to its level; a new
 * style nests below the current heading unless its usual rank is above it.
 * @example
 * const detector = new ChineseHeadingDetector();
 * detector.levelOf('第三章 退换货'); // 1
 * detector.levelOf('3.2 运费');      // 2
 * detector.levelOf('运费由卖家承担。'); // null
 */
export class ChineseHeadingDetector {
  /** The open headings' styles, outermost first. */
  private stack: { kind: string; rank: number }[] = [];

  /** The heading level of the line (1 = outermost), or null when it is not a heading. */
  levelOf(line: string): number | null {
    const style = headingStyle(line);
    if (!style) return null;
    const found = this.stack.findIndex((s) => s.kind === style.kind);
    if (found >= 0) {
      this.stack = this.stack.slice(0, found + 1);
      return found + 1;
    }
    // A style of a higher usual rank than an open one closes it (第二章 after 一、 sub-headings).
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.rank >= style.rank) this.stack.pop();
    this.stack.push(style);
    return this.stack.length;
  }
}

function headingStyle(raw: string): { kind: string; rank: number } | null {
  const line = raw.trim();
  if (line.length < 2 || line.length > MAX_HEADING_CHARS) return null;
  if (/[。；;！!？?]$/.test(line) || /[，,].*[，,]/.test(line)) return null;
  for (const style of STYLES) {
    if (!style.pattern.test(line)) continue;
    if (style.kind === 'dec') {
      const depth = (/^\d{1,2}((?:\.\d{1,2})*)/.exec(line)![1]!.match(/\./g) ?? []).length + 1;
      // "2024年…" or "3 天内…" are not headings: the number must be followed by a title, not a unit.
      if (/^\d+\s*(年|月|日|天|元|个|小时|分钟|%|％|号|次|件)/.test(line)) return null;
      return { kind: `dec${depth}`, rank: style.rank + depth - 1 };
    }
    return { kind: style.kind, rank: style.rank };
  }
  return null;
}

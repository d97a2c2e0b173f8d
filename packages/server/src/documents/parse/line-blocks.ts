import { ChineseHeadingDetector } from './chinese-heading-detector.js';
import type { DocumentBlock } from './document-block.js';

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
const LIST_ITEM = /^([-*•·●▪]|\d{1,2}[.、)）]|[（(]\d{1,2}[)）]|[①-⑩])\s*/;
const SENTENCE_END = /[。！？!?；;：:]["”’」』）)]*$/;
/** A row of a laid-out table: cells apart by a gap of two spaces or more (two such rows in a row make a table). */
const TABLE_ROW = /\S {2,}\S/;

/**
 * Blocks from lines of text without markup (plain text, and each page of `pdftotext -layout`).
 * A blank line ends a paragraph; a numbered short line is a heading (ChineseHeadingDetector); a
 * wrapped line joins the one before it (no space between Chinese characters); a line that ends a
 * sentence and is clearly shorter than the text's width ends its paragraph; runs of laid-out
 * columns (PDF tables) become table rows with their cells joined by " | ".
 */
export class LineBlocks {
  private readonly detector = new ChineseHeadingDetector();
  readonly blocks: DocumentBlock[] = [];

  constructor(private readonly options: { tables: boolean }) {}

  addLines(lines: readonly string[], page?: number): void {
    const width = Math.max(20, ...lines.map((l) => l.trim().length));
    let paragraph: string[] = [];
    let table: { cells: string; raw: string }[] = [];
    let previousLength = width;
    const flushParagraph = () => {
      const text = paragraph.join('').trim();
      if (text) this.blocks.push(page === undefined ? { kind: 'paragraph', text } : { kind: 'paragraph', text, page });
      paragraph = [];
    };
    const flushTable = () => {
      const rows = table.map((r) => r.cells);
      if (table.length >= 2) this.blocks.push(page === undefined ? { kind: 'table', rows } : { kind: 'table', rows, page });
      else if (table.length === 1) this.addText(paragraph, table[0]!.raw.replace(/\s+/g, ' '), true);
      table = [];
    };
    for (const raw of lines) {
      const line = raw.replace(/\s+$/, '');
      const trimmed = line.trim();
      if (!trimmed) {
        flushTable();
        flushParagraph();
        continue;
      }
      const level = this.detector.levelOf(trimmed);
      if (level !== null) {
        flushTable();
        flushParagraph();
        this.blocks.push(page === undefined ? { kind: 'heading', level, text: trimmed.replace(/\s+/g, ' ') } : { kind: 'heading', level, text: trimmed.replace(/\s+/g, ' '), page });
        continue;
      }
      if (this.options.tables && TABLE_ROW.test(trimmed)) {
        if (table.length === 0) flushParagraph();
        table.push({ cells: trimmed.split(/ {2,}/).join(' | '), raw: trimmed });
        continue;
      }
      flushTable();
      if (paragraph.length > 0 && LIST_ITEM.test(trimmed)) flushParagraph();
      // A line that stopped well short of the text's width was not wrapped: what follows is a new line.
      this.addText(paragraph, trimmed, previousLength < width * 0.8);
      previousLength = trimmed.length;
      if (SENTENCE_END.test(trimmed) && trimmed.length < width * 0.8) flushParagraph();
    }
    flushTable();
    flushParagraph();
  }

  private addText(paragraph: string[], line: string, newLine: boolean): void {
    const previous = paragraph[paragraph.length - 1];
    paragraph.push(previous === undefined ? line : (newLine ? '\n' : joiner(previous, line)) + line);
  }
}

/** What goes between a wrapped line and the next: nothing inside Chinese text, a space between words. */
function joiner(previous: string, next: string): string {
  const last = previous[previous.length - 1]!;
  const first = next[0]!;
  if (CJK.test(last) || CJK.test(first)) return '';
  if (last === '-' && /[a-z]/i.test(first)) return '';
  return ' ';
}

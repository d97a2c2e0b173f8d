import type { NewPassage } from '../document-repository.js';
import type { DocumentBlock } from './document-block.js';

export interface PassageSplitOptions {
  /** A passage grows by whole paragraphs until it has at least this many characters… */
  minChars: number;
  /** …and stops before passing this many; a longer paragraph is cut between sentences. */
  maxChars: number;
  /** Anchors by page (`page=N`, PDFs) or by heading slug (the rendered view's element ids). */
  anchors: 'page' | 'heading';
}

export const DEFAULT_SPLIT: Omit<PassageSplitOptions, 'anchors'> = { minChars: 100, maxChars: 400 };

/** A sentence ends at 。！？!? (with closing quotes or brackets) or ；; at a clause, or a line break. */
const SENTENCE = /[^。！？!?；;\n]+(?:[。！？!?；;]+[”’」』）)]*|\n|$)/g;

/** The longest piece kept whole when a sentence has no end: cut at a comma, or hard, beyond it. */
const MAX_SENTENCE = 1000;

/**
 * Turns a document's blocks into passages that keep the heading path above them. A passage never
 * crosses a heading (so its path is exact), groups whole paragraphs to roughly `minChars`–`maxChars`
 * characters, cuts an over-long paragraph only between sentences, keeps a table's rows whole
 * (splitting a long table between rows), and folds a short tail into the passage before it.
 * @example
 * splitPassages([{ kind: 'heading', level: 1, text: '第三章 退换货' }, { kind: 'paragraph', text: '…' }], { ...DEFAULT_SPLIT, anchors: 'heading' })
 * // [{ headingPath: ['第三章 退换货'], text: '…', anchor: '第三章-退换货' }]
 */
export function splitPassages(blocks: readonly DocumentBlock[], options: PassageSplitOptions): NewPassage[] {
  const passages: NewPassage[] = [];
  const path: { level: number; text: string }[] = [];
  const slugs = new HeadingSlugs();
  let anchor = 'top';
  let pending: { parts: string[]; chars: number; page: number | undefined } | null = null;
  const sectionStart = passages.length;
  let sectionFirst = sectionStart;

  const headingPath = () => path.map((h) => h.text);
  const flush = () => {
    if (!pending || pending.chars === 0) {
      pending = null;
      return;
    }
    passages.push({ headingPath: headingPath(), text: pending.parts.join('\n'), anchor: options.anchors === 'page' ? `page=${pending.page ?? 1}` : anchor });
    pending = null;
  };
  const closeSection = () => {
    flush();
    foldShortTail(passages, sectionFirst, options);
    sectionFirst = passages.length;
  };
  const add = (piece: string, page: number | undefined, separable: boolean) => {
    if (pending && separable && pending.chars >= options.minChars && pending.chars + piece.length > options.maxChars) flush();
    if (pending && pending.chars + piece.length > options.maxChars * 1.5) flush();
    pending ??= { parts: [], chars: 0, page };
    pending.parts.push(piece);
    pending.chars += piece.length;
  };

  for (const block of blocks) {
    if (block.kind === 'heading') {
      closeSection();
      while (path.length > 0 && path[path.length - 1]!.level >= block.level) path.pop();
      path.push({ level: block.level, text: block.text });
      anchor = slugs.next(block.text);
      continue;
    }
    if (block.kind === 'table') {
      // A table starts its own passage, and a long one is cut between rows, never inside one.
      flush();
      for (const row of block.rows) {
        if (pending && pending.chars + row.length > options.maxChars && pending.chars >= options.minChars / 2) flush();
        pending ??= { parts: [], chars: 0, page: block.page };
        pending.parts.push(row);
        pending.chars += row.length;
      }
      flush();
      continue;
    }
    const text = block.text.trim();
    if (!text) continue;
    if (text.length <= options.maxChars) {
      add(text, block.page, true);
      continue;
    }
    // An over-long paragraph: fill passages sentence by sentence.
    flush();
    let run = '';
    for (const sentence of sentencesOf(text)) {
      if (run && run.length + sentence.length > options.maxChars) {
        add(run, block.page, false);
        flush();
        run = '';
      }
      run += sentence;
    }
    if (run) add(run, block.page, true);
  }
  closeSection();
  return passages;
}

/** A section's last passage shorter than minChars joins the one before it when both stay readable. */
function foldShortTail(passages: NewPassage[], sectionFirst: number, options: PassageSplitOptions): void {
  if (passages.length - sectionFirst < 2) return;
  const last = passages[passages.length - 1]!;
  const before = passages[passages.length - 2]!;
  if (last.text.length < options.minChars && before.text.length + last.text.length <= options.maxChars * 1.25) {
    before.text = `${before.text}\n${last.text}`;
    passages.pop();
  }
}

/** Splits a paragraph into sentences, each with its closing punctuation; a sentence over MAX_SENTENCE is cut at commas. */
export function sentencesOf(text: string): string[] {
  const sentences = (text.match(SENTENCE) ?? [text]).map((s) => s.replace(/\n$/, '')).filter((s) => s.trim().length > 0);
  return sentences.flatMap((s) => (s.length <= MAX_SENTENCE ? [s] : cutLong(s)));
}

function cutLong(sentence: string): string[] {
  const out: string[] = [];
  let rest = sentence;
  while (rest.length > MAX_SENTENCE) {
    const window = rest.slice(0, MAX_SENTENCE);
    const comma = Math.max(window.lastIndexOf('，'), window.lastIndexOf(','), window.lastIndexOf('、'), window.lastIndexOf(' '));
    const at = comma > MAX_SENTENCE / 2 ? comma + 1 : MAX_SENTENCE;
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * Element ids for headings, unique within one document: letters and digits of any script kept
 * (「3.2 运费」 → `3-2-运费`), everything else a hyphen; a repeat gets `-2`, `-3`.
 */
export class HeadingSlugs {
  private readonly seen = new Map<string, number>();

  next(heading: string): string {
    const base =
      heading
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'section';
    const count = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  }
}

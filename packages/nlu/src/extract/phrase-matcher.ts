type TrieNode<T> = { next: Map<number, TrieNode<T>>; values: T[] };

/** A phrase found by `PhraseMatcher.findAll`, with every value registered under it. */
export type PhraseMatch<T> = { start: number; end: number; values: T[] };

const ASCII_WORD = /[A-Za-z0-9]/;

/**
 * A trie over UTF-16 code units that finds phrases leftmost-longest and without overlap, in
 * O(length × longest phrase). Latin and digit phrases only match as whole words, so "pro" is not
 * found inside "product" and "12315" not inside "123156".
 *
 * @example
 * const m = new PhraseMatcher<string>(); m.add('满意', 'satisfied'); m.add('不满意', 'anger');
 * m.findAll('我不满意') // → [{ start: 1, end: 4, values: ['anger'] }]
 */
export class PhraseMatcher<T> {
  private readonly root: TrieNode<T> = { next: new Map(), values: [] };

  /** Registers `value` under `phrase`; the same phrase may carry several values. */
  add(phrase: string, value: T): this {
    if (phrase.length === 0) return this;
    let node = this.root;
    for (let i = 0; i < phrase.length; i++) {
      const c = phrase.charCodeAt(i);
      let next = node.next.get(c);
      if (!next) {
        next = { next: new Map(), values: [] };
        node.next.set(c, next);
      }
      node = next;
    }
    if (!node.values.includes(value)) node.values.push(value);
    return this;
  }

  /**
   * All phrase occurrences in `text`, leftmost-longest, non-overlapping. `accept` decides whether a
   * candidate span may match; by default Latin and digit phrases must be whole words.
   */
  findAll(text: string, accept: (start: number, end: number) => boolean = (start, end) => isWholeWord(text, start, end)): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < text.length) {
      let node: TrieNode<T> | undefined = this.root;
      let bestEnd = -1;
      let best: T[] = [];
      for (let j = i; j < text.length; j++) {
        node = node.next.get(text.charCodeAt(j));
        if (!node) break;
        if (node.values.length > 0 && accept(i, j + 1)) {
          bestEnd = j + 1;
          best = node.values;
        }
      }
      if (bestEnd < 0) {
        i++;
        continue;
      }
      out.push({ start: i, end: bestEnd, values: best });
      i = bestEnd;
    }
    return out;
  }
}

/** True unless the span starts or ends inside a run of Latin letters or digits. */
export function isWholeWord(text: string, start: number, end: number): boolean {
  if (ASCII_WORD.test(text[start] ?? '') && ASCII_WORD.test(text[start - 1] ?? '')) return false;
  if (ASCII_WORD.test(text[end - 1] ?? '') && ASCII_WORD.test(text[end] ?? '')) return false;
  return true;
}

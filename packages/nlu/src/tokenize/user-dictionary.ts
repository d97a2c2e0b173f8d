type TrieNode = { next: Map<string, TrieNode>; word?: string };

/**
 * A tenant's own vocabulary (product and plan names) matched by longest match. jieba's
 * dictionary is process-wide, so tenant words are added as whole-token features instead.
 * @example new UserDictionary(['畅享套餐']).find('我想办畅享套餐') // ['畅享套餐']
 */
export class UserDictionary {
  private readonly root: TrieNode = { next: new Map() };
  readonly words: readonly string[];

  constructor(words: readonly string[], normalize: (w: string) => string = (w) => w) {
    const unique = new Set<string>();
    for (const w of words) {
      const n = normalize(w);
      if (n.length > 0) unique.add(n);
    }
    this.words = [...unique].sort();
    for (const w of this.words) {
      let node = this.root;
      for (const ch of w) {
        let child = node.next.get(ch);
        if (!child) {
          child = { next: new Map() };
          node.next.set(ch, child);
        }
        node = child;
      }
      node.word = w;
    }
  }

  /** Non-overlapping longest matches, left to right. */
  find(text: string): string[] {
    if (this.words.length === 0) return [];
    const chars = [...text];
    const found: string[] = [];
    let i = 0;
    while (i < chars.length) {
      let node: TrieNode | undefined = this.root;
      let best: { word: string; end: number } | undefined;
      for (let j = i; j < chars.length && node; j++) {
        node = node.next.get(chars[j] as string);
        if (node?.word) best = { word: node.word, end: j + 1 };
      }
      if (best) {
        found.push(best.word);
        i = best.end;
      } else i++;
    }
    return found;
  }
}

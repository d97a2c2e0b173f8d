import { sharedJieba } from '../tokenize/shared-jieba.js';

export type SharedFragmentOptions = {
  /** A fragment must occur in at least this many utterances of each of its two leading intents (default 3). */
  minCount?: number;
  /** The second intent's rate (share of its utterances holding the fragment) is at least this fraction of the first's (default 0.3). */
  minRatio?: number;
  /** Fragments of up to this many words (default 3). */
  maxWords?: number;
  /** Labels whose utterances are not intents a customer could be asked to choose (the out-of-scope label). */
  ignoreLabels?: readonly string[];
};

const CJK = /[\u4e00-\u9fff]/;

/**
 * The pieces of a tenant's own utterances that, said on their own, do not tell its intents apart: word runs
 * ("不想要了", "没收到", "我的申请") found in the utterances of two or more intents in similar proportion. A
 * customer who says only such a piece has not said which task they mean — "不想要了" is how both a cancellation
 * and a return begin — so these become vague examples for the `VaguenessDetector`, learnt from the tenant's
 * data rather than written per template. A piece that is a whole utterance of some intent ("你好") is kept out:
 * on its own it already says something.
 * @example sharedFragments([{ text: '不想要了帮我取消', label: 'cancel' }, …, { text: '收到了不想要了', label: 'return' }, …]) // ['不想要了', …]
 */
export function sharedFragments(examples: readonly { text: string; label: string }[], options: SharedFragmentOptions = {}): string[] {
  const minCount = options.minCount ?? 3;
  const minRatio = options.minRatio ?? 0.3;
  const maxWords = options.maxWords ?? 3;
  const ignore = new Set(options.ignoreLabels ?? []);
  const sizes = new Map<string, number>();
  const counts = new Map<string, Map<string, number>>();
  const wholes = new Set<string>();
  for (const { text, label } of examples) {
    wholes.add(text);
    if (ignore.has(label)) continue;
    sizes.set(label, (sizes.get(label) ?? 0) + 1);
    const words = sharedJieba().cut(text, true).filter((w) => w.trim().length > 0);
    const seen = new Set<string>();
    for (let start = 0; start < words.length; start++) {
      for (let end = start + 1; end <= Math.min(words.length, start + maxWords); end++) {
        const fragment = words.slice(start, end).join('');
        if (fragment.length < 2 || !CJK.test(fragment) || seen.has(fragment)) continue;
        seen.add(fragment);
        const byLabel = counts.get(fragment) ?? new Map<string, number>();
        byLabel.set(label, (byLabel.get(label) ?? 0) + 1);
        counts.set(fragment, byLabel);
      }
    }
  }
  const out: { fragment: string; support: number }[] = [];
  for (const [fragment, byLabel] of counts) {
    if (wholes.has(fragment)) continue;
    const ranked = [...byLabel.entries()].map(([label, n]) => ({ n, rate: n / (sizes.get(label) ?? 1) })).sort((a, b) => b.rate - a.rate);
    const [first, second] = ranked;
    if (!first || !second || first.n < minCount || second.n < minCount || second.rate < minRatio * first.rate) continue;
    out.push({ fragment, support: ranked.reduce((sum, r) => sum + r.n, 0) });
  }
  return out.sort((a, b) => b.support - a.support || a.fragment.localeCompare(b.fragment)).map((f) => f.fragment);
}

import { sharedJieba } from './shared-jieba.js';

// jieba's part-of-speech tags for common and proper nouns ("宽带", "信用卡", "营业执照").
const NOUN_TAGS = new Set(['n', 'nz', 'nt', 'nl', 'ng']);
const CJK = /^[\u4e00-\u9fff]+$/;

/**
 * The nouns a tenant's customers talk about: Chinese nouns of two characters or more that occur in at least
 * `minCount` of the given (normalised) utterances, most frequent first. These are what a customer names
 * when they say only what their request is about ("宽带的事", "账户的问题").
 * @example topicNouns(['宽带坏了', '宽带报修', '我的宽带'], 2) // ['宽带']
 */
export function topicNouns(utterances: readonly string[], minCount = 3): string[] {
  const counts = new Map<string, number>();
  for (const text of utterances) {
    const seen = new Set<string>();
    for (const { word, tag } of sharedJieba().tag(text, true)) {
      if (word.length < 2 || !CJK.test(word) || !NOUN_TAGS.has(tag) || seen.has(word)) continue;
      seen.add(word);
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .filter(([, n]) => n >= minCount)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([word]) => word);
}

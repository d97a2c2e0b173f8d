import { searchTerms } from './search-terms.js';

const SENTENCE = /[^。！？!?；;\n]+[。！？!?；;]?/gu;

/**
 * The sentence of `body` that shares the most terms with the query (the first
 * one on ties, or the opening when nothing matches), cut to `maxChars`.
 * @example searchSnippet('发货很快。退货需在七天内申请。', new Set(searchTerms('怎么退货'))) // '退货需在七天内申请。'
 */
export function searchSnippet(body: string, queryTerms: ReadonlySet<string>, maxChars = 160): string {
  let best = '';
  let bestScore = 0;
  for (const match of body.matchAll(SENTENCE)) {
    const sentence = match[0].trim();
    if (!sentence) continue;
    if (!best) best = sentence;
    const score = new Set(searchTerms(sentence.slice(0, 1000)).filter((t) => queryTerms.has(t))).size;
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  const chars = [...(best || body.trim())];
  return chars.length > maxChars ? chars.slice(0, maxChars - 1).join('') + '…' : chars.join('');
}

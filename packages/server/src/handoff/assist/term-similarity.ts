import { searchTerms } from '../../search/search-terms.js';

/** A text's search terms as a set (jieba words and Chinese bigrams, no function words): what similarity compares. */
export function termSet(text: string): Set<string> {
  return new Set(searchTerms(text));
}

/**
 * Cosine similarity of two term sets, 0–1: how much two customers' words overlap, whatever their lengths.
 * @example termSimilarity(termSet('快递三天没动了'), termSet('快递一直没动')) // ≈ 0.5
 */
export function termSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}

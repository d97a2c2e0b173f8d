/**
 * The comparison key for duplicate detection: case, whitespace and punctuation do
 * not make an utterance new, so "怎么退货？" and "怎么退货" collide.
 *
 * @example utteranceKey('My order 还没到！') === 'myorder还没到'
 */
export function utteranceKey(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

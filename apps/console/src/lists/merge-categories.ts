/**
 * The union of known and newly seen categories, without duplicates, in the locale's order — so a
 * category dropdown keeps every option seen so far even while the list is filtered to one of them.
 *
 * @example mergeCategories(['退货'], ['发票', '退货'], 'zh-CN') // ['发票', '退货'] (pinyin order)
 */
export function mergeCategories(known: readonly string[], seen: readonly string[], locale: string): string[] {
  return [...new Set([...known, ...seen])].sort((a, b) => a.localeCompare(b, locale));
}

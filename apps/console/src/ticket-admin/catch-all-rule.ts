/**
 * Whether a routing rule matches every ticket: the server treats a rule whose categories, keywords
 * and customer tiers are all empty as a catch-all (blank keywords and tiers are dropped on save).
 * @example isCatchAll({ categoryKeys: [], keywords: ['  '], customerTiers: undefined }) // true
 */
export function isCatchAll(rule: { categoryKeys?: readonly string[]; keywords?: readonly string[]; customerTiers?: readonly string[] }): boolean {
  const filled = (values: readonly string[] | undefined) => (values ?? []).some((value) => value.trim() !== '');
  return !filled(rule.categoryKeys) && !filled(rule.keywords) && !filled(rule.customerTiers);
}

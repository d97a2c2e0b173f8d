import { toSimplified } from '@zhida/nlu';

/** A routing rule as the matcher reads it (one row of `ticket_routing_rules`). */
export interface RoutingRule {
  id: string;
  position: number;
  active: boolean;
  /** Empty: any category. */
  categoryKeys: readonly string[];
  /** Empty: any text; else at least one must occur in the text. */
  keywords: readonly string[];
  /** Empty: any tier. */
  customerTiers: readonly string[];
  groupId: string;
}

/** What a rule is matched against. */
export interface RoutingSubject {
  categoryKey: string | null;
  text: string;
  customerTier: string | null;
}

/**
 * The first active rule, by position, whose every non-empty condition matches; null when none does.
 * A rule with no conditions at all matches everything (a catch-all placed last). Keywords and text
 * are compared normalised — trimmed, lower-cased, Traditional → Simplified, full-width → half-width —
 * so '退貨' and 'ＶＩＰ' find rules written as '退货' and 'vip'. Rules at the same position keep the
 * order they were given in.
 * @example
 * matchRoutingRule([{ id: 'r1', position: 0, active: true, categoryKeys: [], keywords: ['退货'], customerTiers: [], groupId: 'g' }],
 *   { categoryKey: null, text: '我要退貨', customerTier: null }) // → the rule r1
 */
export function matchRoutingRule<R extends RoutingRule>(rules: readonly R[], subject: RoutingSubject): R | null {
  const text = normalizeRoutingText(subject.text);
  const tier = subject.customerTier === null ? null : normalizeRoutingText(subject.customerTier);
  const ordered = rules.map((rule, index) => ({ rule, index })).sort((a, b) => a.rule.position - b.rule.position || a.index - b.index);
  for (const { rule } of ordered) {
    if (!rule.active) continue;
    if (rule.categoryKeys.length > 0 && (subject.categoryKey === null || !rule.categoryKeys.includes(subject.categoryKey))) continue;
    if (rule.customerTiers.length > 0 && (tier === null || !rule.customerTiers.some((t) => normalizeRoutingText(t) === tier))) continue;
    if (rule.keywords.length > 0) {
      const words = rule.keywords.map(normalizeRoutingText).filter((w) => w.length > 0);
      // A rule whose keywords are all blank has no keyword condition left; it must not match every text by accident.
      if (words.length === 0 || !words.some((w) => text.includes(w))) continue;
    }
    return rule;
  }
  return null;
}

/**
 * NFKC turns full-width letters, digits and punctuation into their half-width forms; whitespace runs
 * become one space so a keyword typed with a double space still matches.
 */
function normalizeRoutingText(s: string): string {
  return toSimplified(s.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
}

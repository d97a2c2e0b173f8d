import type { KnowledgeGraph } from '@zhida/templates';

const SEVEN_DAY_POLICY = 'policy_return_7_days';
const EXCLUDED_POLICY = 'policy_no_reason_excluded';
const QUALITY_POLICY = 'policy_quality_15_days';

export interface ReturnRules {
  /** Days after delivery a no-reason return is accepted; null when the product has no such right. */
  returnDays: number | null;
  /** Days after delivery an exchange is accepted (quality or no-reason policy), null when none applies. */
  exchangeDays: number | null;
  /** The policy text to quote when a request is refused. */
  exclusionText: string | null;
}

/**
 * Return and exchange rules read from the tenant's knowledge graph: a product
 * belongs_to a category, which is governed_by policies. A category governed only
 * by the exclusion policy (fresh food, custom goods) has no no-reason return.
 *
 * @example
 * const rules = ReturnPolicy.fromGraph(template.knowledgeGraph).rulesFor('chile_cherries');
 * rules.returnDays // null
 */
export class ReturnPolicy {
  private constructor(private readonly graph: KnowledgeGraph) {}

  static fromGraph(graph: KnowledgeGraph): ReturnPolicy {
    return new ReturnPolicy(graph);
  }

  rulesFor(productId: string): ReturnRules {
    const categories = this.targets(productId, 'belongs_to');
    const policies = new Set([productId, ...categories].flatMap((id) => this.targets(id, 'governed_by')));
    const days = (policyId: string, fallback: number) => {
      const value = this.node(policyId)?.attrs?.days;
      return typeof value === 'number' ? value : fallback;
    };
    const excluded = policies.has(EXCLUDED_POLICY);
    const returnDays = policies.has(SEVEN_DAY_POLICY) ? days(SEVEN_DAY_POLICY, 7) : null;
    const exchangeDays = policies.has(QUALITY_POLICY) ? days(QUALITY_POLICY, 15) : returnDays;
    const condition = this.node(EXCLUDED_POLICY)?.attrs?.condition;
    return { returnDays, exchangeDays, exclusionText: excluded && typeof condition === 'string' ? condition : null };
  }

  private targets(from: string, rel: string): string[] {
    return this.graph.edges.filter((e) => e.from === from && e.rel === rel).map((e) => e.to);
  }

  private node(id: string) {
    return this.graph.nodes.find((n) => n.id === id);
  }
}

export interface ReturnEligibility {
  daysSinceDelivery: number | null;
  returnable: boolean;
  exchangeable: boolean;
  /** Why a return is refused, in words a customer understands; null when it is allowed. */
  refusal: string | null;
  /** Why an exchange is refused, from the same policy days as the decision (never a number of its own); null when allowed. */
  exchangeRefusal: string | null;
}

/** Whether an order can be returned or exchanged today, counting days in China time from the delivery date. */
export function returnEligibility(order: { status: string; deliveredAt: Date | null }, rules: ReturnRules, today: string, deliveredDay: string | null): ReturnEligibility {
  if (order.status !== 'delivered' || !order.deliveredAt || !deliveredDay) {
    const notDelivered = '订单尚未签收，暂不能申请售后';
    return { daysSinceDelivery: null, returnable: false, exchangeable: false, refusal: notDelivered, exchangeRefusal: notDelivered };
  }
  const days = Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${deliveredDay}T00:00:00Z`)) / 86_400_000));
  const returnable = rules.returnDays !== null && days <= rules.returnDays;
  const exchangeable = rules.exchangeDays !== null && days <= rules.exchangeDays;
  let refusal: string | null = null;
  if (rules.returnDays === null) refusal = rules.exclusionText ? `该商品不支持7天无理由退货（${rules.exclusionText}）` : '该商品不支持7天无理由退货';
  else if (!returnable) refusal = `已超过签收后${rules.returnDays}天的无理由退货期`;
  let exchangeRefusal: string | null = null;
  if (rules.exchangeDays === null) exchangeRefusal = '该商品不支持换货';
  else if (!exchangeable) exchangeRefusal = `已超过签收后${rules.exchangeDays}天的换货期`;
  return { daysSinceDelivery: days, returnable, exchangeable, refusal, exchangeRefusal };
}

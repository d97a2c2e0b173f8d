import { BusinessRefusal } from './business-refusal.js';
import { chinaDay, firstOfNextMonth } from './china-day.js';
import type { SubscriberRecord } from './enterprise-books.js';
import type { EnterpriseStore } from './enterprise-store.js';

/** The demo mobile operator: bills, usage and plan changes of its subscribers. */
export class MobileOperator {
  constructor(
    private readonly store: EnterpriseStore,
    private readonly now: () => Date,
  ) {}

  bill(tenant: string, mobile: string, month: string) {
    this.subscriber(tenant, mobile);
    const bill = this.store.books(tenant).phoneBills.find((b) => b.mobile === mobile && b.month === month);
    if (!bill) throw new BusinessRefusal('bill_not_found', `未查到${month}的账单（账单通常在次月3日出账）`, 404);
    return { month, planFeeCents: bill.planFeeCents, extraFeeCents: bill.extraFeeCents, valueAddedFeeCents: bill.valueAddedFeeCents };
  }

  usage(tenant: string, mobile: string) {
    this.subscriber(tenant, mobile);
    const usage = this.store.books(tenant).usage[mobile];
    if (!usage) throw new BusinessRefusal('usage_not_found', '暂未查到本月用量', 404);
    return usage;
  }

  plans(tenant: string, mobile: string) {
    const subscriber = this.subscriber(tenant, mobile);
    const plans = [...this.store.books(tenant).plans].sort((a, b) => a.monthlyFeeCents - b.monthlyFeeCents);
    const current = plans.find((p) => p.planId === subscriber.planId);
    return {
      currentPlan: { id: subscriber.planId, name: current?.name ?? subscriber.planId },
      plans: plans.filter((p) => p.planId !== subscriber.planId).map((p) => ({ id: p.planId, name: p.name, monthlyFeeCents: p.monthlyFeeCents, dataGb: p.dataGb, minutes: p.minutes })),
      effectiveFrom: firstOfNextMonth(chinaDay(this.now())),
    };
  }

  changePlan(tenant: string, mobile: string, planId: string) {
    const subscriber = this.subscriber(tenant, mobile);
    if (subscriber.planId === planId) throw new BusinessRefusal('same_plan', '您已在使用该套餐', 409);
    if (!this.store.books(tenant).plans.some((p) => p.planId === planId)) throw new BusinessRefusal('plan_not_found', '该套餐不存在或已下架', 404);
    const effectiveDate = firstOfNextMonth(chinaDay(this.now()));
    const orderNumber = this.store.nextReference(tenant, 'BG');
    this.store.books(tenant).serviceRequests.push({ reference: orderNumber, kind: 'plan_change', subject: mobile, createdAt: this.now().toISOString() });
    // The demo switches at once so a second look shows the new plan; a real BSS would schedule it.
    subscriber.planId = planId;
    return { orderNumber, effectiveDate };
  }

  private subscriber(tenant: string, mobile: string): SubscriberRecord {
    const subscriber = this.store.books(tenant).subscribers[mobile];
    if (!subscriber) throw new BusinessRefusal('subscriber_not_found', '该号码不是本网用户', 404);
    return subscriber;
  }
}

import { addDays, chinaDay } from '../china-calendar.js';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { DataUsage, PhoneBill, PlanOffer, TelecomAccountConnector } from '../connectors/telecom-account-connector.js';
import { nextReference } from '../reference-numbers.js';
import { SelfServiceFailure } from '../selfservice-failure.js';
import type { SelfServiceDb } from '../self-service-db.js';
import { conversationCustomerId } from '../conversation-customer.js';

/** Bills, usage and plans of the demo operator. */
export class DemoTelecomAccountConnector implements TelecomAccountConnector {
  constructor(private readonly db: SelfServiceDb) {}

  async getBill(ctx: ConnectorContext, mobile: string, month: string): Promise<PhoneBill> {
    await this.subscriber(ctx, mobile);
    const bill = await this.db.selectFrom('demo_phone_bills').selectAll().where('tenant_id', '=', ctx.tenantId).where('mobile', '=', mobile).where('month', '=', month).executeTakeFirst();
    if (!bill) throw new SelfServiceFailure('bill_not_found', `未查到${month}的账单（账单通常在次月3日出账）`);
    return { month, planFeeCents: bill.plan_fee_cents, extraFeeCents: bill.extra_fee_cents, valueAddedFeeCents: bill.value_added_fee_cents };
  }

  async getUsage(ctx: ConnectorContext, mobile: string): Promise<DataUsage> {
    await this.subscriber(ctx, mobile);
    const usage = await this.db.selectFrom('demo_usage').selectAll().where('tenant_id', '=', ctx.tenantId).where('mobile', '=', mobile).executeTakeFirst();
    if (!usage) throw new SelfServiceFailure('usage_not_found', '暂未查到本月用量');
    return { totalGb: Number(usage.total_gb), usedGb: Number(usage.used_gb), totalMinutes: usage.total_minutes, usedMinutes: usage.used_minutes, asOf: new Date(usage.as_of) };
  }

  async listPlans(ctx: ConnectorContext, mobile: string): Promise<PlanOffer> {
    const subscriber = await this.subscriber(ctx, mobile);
    const plans = await this.db.selectFrom('demo_plans').selectAll().where('tenant_id', '=', ctx.tenantId).orderBy('monthly_fee_cents').execute();
    const current = plans.find((p) => p.plan_id === subscriber.plan_id);
    return {
      currentPlan: { id: subscriber.plan_id, name: current?.name ?? subscriber.plan_id },
      plans: plans
        .filter((p) => p.plan_id !== subscriber.plan_id)
        .map((p) => ({ id: p.plan_id, name: p.name, monthlyFeeCents: p.monthly_fee_cents, dataGb: p.data_gb, minutes: p.minutes })),
      effectiveFrom: firstOfNextMonth(ctx.now),
    };
  }

  async changePlan(ctx: ConnectorContext, mobile: string, planId: string) {
    const subscriber = await this.subscriber(ctx, mobile);
    if (subscriber.plan_id === planId) throw new SelfServiceFailure('same_plan', '您已在使用该套餐');
    const plan = await this.db.selectFrom('demo_plans').select('name').where('tenant_id', '=', ctx.tenantId).where('plan_id', '=', planId).executeTakeFirst();
    if (!plan) throw new SelfServiceFailure('plan_not_found', '该套餐不存在或已下架');
    const effectiveDate = firstOfNextMonth(ctx.now);
    const orderNumber = await nextReference(this.db, ctx.tenantId, 'BG', ctx.now);
    await this.db
      .insertInto('demo_service_requests')
      .values({ tenant_id: ctx.tenantId, reference: orderNumber, kind: 'plan_change', subject: mobile, detail: JSON.stringify({ from: subscriber.plan_id, to: planId, effectiveDate }), conversation_id: ctx.conversationId, customer_id: await conversationCustomerId(this.db, ctx) })
      .execute();
    // The demo switches immediately so a second look shows the new plan; a real BSS would schedule it.
    await this.db.updateTable('demo_subscribers').set({ plan_id: planId }).where('tenant_id', '=', ctx.tenantId).where('mobile', '=', mobile).execute();
    return { orderNumber, effectiveDate };
  }

  private async subscriber(ctx: ConnectorContext, mobile: string) {
    const row = await this.db.selectFrom('demo_subscribers').selectAll().where('tenant_id', '=', ctx.tenantId).where('mobile', '=', mobile).executeTakeFirst();
    if (!row) throw new SelfServiceFailure('subscriber_not_found', '该号码不是本网用户');
    return row;
  }
}

function firstOfNextMonth(now: Date): string {
  const today = chinaDay(now);
  const firstOfThisMonth = `${today.slice(0, 7)}-01`;
  return addDays(firstOfThisMonth, 32).slice(0, 7) + '-01';
}

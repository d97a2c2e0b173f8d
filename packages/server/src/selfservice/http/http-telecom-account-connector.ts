import { z } from 'zod';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { DataUsage, PhoneBill, PlanOffer, TelecomAccountConnector } from '../connectors/telecom-account-connector.js';
import type { EnterpriseClientFor } from './enterprise-client-for.js';
import { remoteCall } from './remote-failure.js';

const billSchema = z.object({ month: z.string(), planFeeCents: z.number().int(), extraFeeCents: z.number().int(), valueAddedFeeCents: z.number().int() });
const usageSchema = z.object({ totalGb: z.number(), usedGb: z.number(), totalMinutes: z.number().int(), usedMinutes: z.number().int(), asOf: z.coerce.date() });
const planOfferSchema = z.object({
  currentPlan: z.object({ id: z.string(), name: z.string() }),
  plans: z.array(z.object({ id: z.string(), name: z.string(), monthlyFeeCents: z.number().int(), dataGb: z.number(), minutes: z.number().int() })),
  effectiveFrom: z.string(),
});

/**
 * A mobile operator's BSS: `GET /subscribers/{mobile}/bills/{YYYY-MM}`, `…/usage`, `…/plans`, and
 * `POST /subscribers/{mobile}/plan-changes` `{ planId }` (with an Idempotency-Key).
 * Refusals: `subscriber_not_found`, `bill_not_found`, `usage_not_found`, `plan_not_found`, `same_plan`.
 */
export class HttpTelecomAccountConnector implements TelecomAccountConnector {
  constructor(private readonly clientFor: EnterpriseClientFor) {}

  async getBill(ctx: ConnectorContext, mobile: string, month: string): Promise<PhoneBill> {
    return billSchema.parse(await remoteCall(() => this.clientFor(ctx.tenantId).request('GET', `${subscriber(mobile)}/bills/${encodeURIComponent(month)}`)));
  }

  async getUsage(ctx: ConnectorContext, mobile: string): Promise<DataUsage> {
    return usageSchema.parse(await remoteCall(() => this.clientFor(ctx.tenantId).request('GET', `${subscriber(mobile)}/usage`)));
  }

  async listPlans(ctx: ConnectorContext, mobile: string): Promise<PlanOffer> {
    return planOfferSchema.parse(await remoteCall(() => this.clientFor(ctx.tenantId).request('GET', `${subscriber(mobile)}/plans`)));
  }

  async changePlan(ctx: ConnectorContext, mobile: string, planId: string) {
    const body = await remoteCall(() => this.clientFor(ctx.tenantId).request('POST', `${subscriber(mobile)}/plan-changes`, { body: { planId }, idempotencyKey: ctx.idempotencyKey }));
    return z.object({ orderNumber: z.string(), effectiveDate: z.string() }).parse(body);
  }
}

function subscriber(mobile: string): string {
  return `/subscribers/${encodeURIComponent(mobile)}`;
}

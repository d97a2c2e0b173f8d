import type { ConnectorContext } from './connector-context.js';

export interface PhoneBill {
  month: string;
  planFeeCents: number;
  extraFeeCents: number;
  valueAddedFeeCents: number;
}

export interface DataUsage {
  totalGb: number;
  usedGb: number;
  totalMinutes: number;
  usedMinutes: number;
  asOf: Date;
}

export interface PlanOffer {
  currentPlan: { id: string; name: string };
  plans: { id: string; name: string; monthlyFeeCents: number; dataGb: number; minutes: number }[];
  /** First day of next month: plan changes take effect at the billing cycle. */
  effectiveFrom: string;
}

/** Billing, usage and plans of a mobile subscriber. Failures: `subscriber_not_found`, `bill_not_found`, `plan_not_found`, `same_plan`. */
export interface TelecomAccountConnector {
  getBill(ctx: ConnectorContext, mobile: string, month: string): Promise<PhoneBill>;
  getUsage(ctx: ConnectorContext, mobile: string): Promise<DataUsage>;
  listPlans(ctx: ConnectorContext, mobile: string): Promise<PlanOffer>;
  changePlan(ctx: ConnectorContext, mobile: string, planId: string): Promise<{ orderNumber: string; effectiveDate: string }>;
}

import { z } from 'zod';

/**
 * The connector contract as JSON: what Zhida's HTTP connectors send and accept. A customer's
 * CRM/ERP implementing these answers is a drop-in replacement for this demo enterprise.
 */
export const tenantParams = z.object({ tenant: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
export const orderParams = tenantParams.extend({ orderNo: z.string().regex(/^[A-Za-z0-9-]{4,40}$/) });
export const mobileParams = tenantParams.extend({ mobile: z.string().regex(/^1\d{10}$/) });
export const billParams = mobileParams.extend({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });

const isoTime = z.string().describe('ISO-8601 time');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('China day, YYYY-MM-DD');

export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).describe('A business refusal, shown to the customer as it is');

export const orderDto = z.object({
  orderNo: z.string(),
  productId: z.string().describe("The product's node id in the tenant's knowledge graph"),
  itemSummary: z.string(),
  amountCents: z.number().int(),
  status: z.enum(['pending_payment', 'paid', 'shipped', 'delivered', 'cancelled']),
  address: z.string(),
  carrier: z.string().nullable(),
  trackingNo: z.string().nullable(),
  orderedAt: isoTime,
  deliveredAt: isoTime.nullable(),
  latestEvent: z.object({ at: isoTime, description: z.string() }).nullable(),
});

export const addressBody = z.object({ address: z.string().trim().min(5).max(200) }).strict();
export const emptyBody = z.object({}).strict();
export const cancelDto = z.object({ order: orderDto, refundCents: z.number().int() });

export const shipmentDto = z.object({
  orderNo: z.string(),
  carrier: z.string(),
  trackingNo: z.string(),
  expectedDelivery: day.nullable(),
  delivered: z.boolean(),
  events: z.array(z.object({ at: isoTime, description: z.string() })).describe('Newest first'),
});
export const urgeDto = z.object({ ticketNumber: z.string(), responseHours: z.number().int() });

export const returnBody = z.object({ orderNo: z.string().min(4).max(40), reason: z.string().min(1).max(200), method: z.enum(['pickup', 'dropoff']) }).strict();
export const returnDto = z.object({ rmaNumber: z.string(), pickupWindow: z.string().nullable(), returnAddress: z.string() });
export const exchangeBody = z.object({ orderNo: z.string().min(4).max(40), reason: z.string().min(1).max(200), newSpec: z.string().min(1).max(100) }).strict();
export const exchangeDto = z.object({ exchangeNumber: z.string(), pickupWindow: z.string() });
export const refundDto = z.object({
  orderNo: z.string(),
  amountCents: z.number().int(),
  status: z.enum(['processing', 'completed', 'rejected']),
  channel: z.string(),
  reasonText: z.string().nullable(),
  expectedDate: day.nullable(),
  refundedAt: isoTime.nullable(),
});

export const invoiceBody = z
  .object({ orderNo: z.string().min(4).max(40), titleType: z.enum(['personal', 'company']), title: z.string().min(1).max(100), taxId: z.string().max(30).nullable(), email: z.string().email().max(200) })
  .strict();
export const invoiceDto = z.object({ requestNumber: z.string(), expectedDays: z.number().int() });

export const phoneBillDto = z.object({ month: z.string(), planFeeCents: z.number().int(), extraFeeCents: z.number().int(), valueAddedFeeCents: z.number().int() });
export const usageDto = z.object({ totalGb: z.number(), usedGb: z.number(), totalMinutes: z.number().int(), usedMinutes: z.number().int(), asOf: isoTime });
export const planOfferDto = z.object({
  currentPlan: z.object({ id: z.string(), name: z.string() }),
  plans: z.array(z.object({ id: z.string(), name: z.string(), monthlyFeeCents: z.number().int(), dataGb: z.number(), minutes: z.number().int() })),
  effectiveFrom: day.describe('Plan changes take effect at the next billing cycle'),
});
export const planChangeBody = z.object({ planId: z.string().min(1).max(20) }).strict();
export const planChangeDto = z.object({ orderNumber: z.string(), effectiveDate: day });

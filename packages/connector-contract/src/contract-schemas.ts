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

// — Identity: the customer a registered mobile belongs to (Zhida then verifies it by SMS).
export const customerDto = z.object({ customerId: z.string(), name: z.string() });

// — The bank. Zhida calls these only for a customer whose mobile passed its SMS check.
export const bankCustomerParams = tenantParams.extend({ customerId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
export const cardParams = bankCustomerParams.extend({ last4: z.string().regex(/^\d{4}$/) });
export const cardBillParams = bankCustomerParams.extend({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });
export const balanceDto = z.object({ accountLast4: z.string(), availableCents: z.number().int(), ledgerCents: z.number().int() });
export const cardLossDto = z.object({ reportNumber: z.string(), replacementFeeCents: z.number().int() });
export const passwordResetBody = z.object({ kind: z.enum(['login', 'transaction']) }).strict();
export const passwordResetDto = z.object({ requestNumber: z.string(), linkValidMinutes: z.number().int() });
export const cardBillDto = z.object({ amountDueCents: z.number().int(), minimumDueCents: z.number().int(), dueDate: day });
export const transferQuery = z.object({ day, amountCents: z.coerce.number().int().positive().optional() });
export const transferDto = z.object({
  transferId: z.string(),
  day,
  amountCents: z.number().int(),
  payeeName: z.string(),
  payeeAccountLast4: z.string(),
  status: z.enum(['completed', 'processing', 'returned']),
});

/** Who asks, on writes that file something for a customer: the chat, and Zhida's verified customer id (null when anonymous). */
const asker = { conversationId: z.string().min(1).max(100), customerId: z.string().min(1).max(64).nullable() };

// — The government hall: counter appointments, applications, certificates, materials.
export const serviceParams = tenantParams.extend({ service: z.string().regex(/^[a-z_]{1,50}$/) });
export const slotsQuery = z.object({ day: z.string().max(20) });
export const slotsDto = z.object({
  serviceName: z.string(),
  location: z.string(),
  slots: z.array(z.object({ id: z.uuid(), day, startTime: z.string(), endTime: z.string(), remaining: z.number().int() })).describe('Free slots only'),
});
export const bookingBody = z.object({ service: z.string().min(1).max(50), slotId: z.uuid(), name: z.string().min(1).max(50), idCard: z.string().min(15).max(18), ...asker }).strict();
export const bookingDto = z.object({ referenceNumber: z.string(), day, startTime: z.string(), endTime: z.string(), location: z.string() });
export const applicationParams = tenantParams.extend({ applicationRef: z.string().regex(/^[A-Za-z0-9]{4,40}$/) });
export const applicationDto = z.object({ applicationRef: z.string(), serviceName: z.string(), stage: z.string(), detail: z.string(), expectedDate: day.nullable() });
export const certificateBody = z.object({ type: z.string().min(1).max(50), idCard: z.string().min(15).max(18), ...asker }).strict();
export const certificateDto = z.object({ applicationRef: z.string(), expectedDays: z.number().int() });
export const materialsExpectedBody = z.object(asker).strict();
export const materialsExpectedDto = z.object({ requiredMaterials: z.array(z.string()), reviewDays: z.number().int() });
export const materialBody = z.object({ conversationId: z.string().min(1).max(100), attachmentId: z.string().min(1).max(100), filename: z.string().min(1).max(255) }).strict();
export const materialDto = z.object({ applicationRef: z.string() });

// — The operator's services: broadband repairs, number porting, SIM replacement.
export const faultBody = z.object({ account: z.string().trim().min(1).max(200), symptom: z.string().min(1).max(200), customerId: asker.customerId }).strict();
export const faultDto = z.object({ ticketNumber: z.string(), eta: z.string().describe('China time, YYYY-MM-DD HH:mm') });
export const portingDto = z.discriminatedUnion('eligible', [
  z.object({ eligible: z.literal(true), authCode: z.string(), validUntil: day }),
  z.object({ eligible: z.literal(false), reasonText: z.string() }),
]);
export const simReplacementBody = z.object({ reason: z.string().min(1).max(200), delivery: z.enum(['store', 'mail']), customerId: asker.customerId }).strict();
export const simReplacementDto = z.object({ orderNumber: z.string(), pickupText: z.string() });

// — What Zhida's verified customers hold, for its widget search, agents' context panel and 猜你想办.
export const customerRecordsQuery = z.object({
  customerId: z
    .union([z.string().min(1).max(64), z.array(z.string().min(1).max(64)).max(10)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .describe("Zhida's verified customer ids (repeat the parameter)"),
  conversationId: z.string().min(1).max(100).optional().describe('Bookings and applications made in this chat count for anyone'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
const moneyCents = z.number().int();
export const customerRecordsDto = z.object({
  customers: z.array(z.object({ customerId: z.string(), name: z.string(), mobile: z.string() })).describe('Bank customers among the ids'),
  orders: z.array(
    z.object({
      orderNo: z.string(),
      itemSummary: z.string(),
      status: orderDto.shape.status,
      amountCents: moneyCents,
      carrier: z.string().nullable(),
      trackingNo: z.string().nullable(),
      orderedAt: isoTime,
      shippedAt: isoTime.nullable(),
      deliveredAt: isoTime.nullable(),
      expectedDelivery: day.nullable(),
    }),
  ),
  refunds: z.array(z.object({ orderNo: z.string(), status: refundDto.shape.status, orderedAt: isoTime })),
  returns: z.array(
    z.object({
      reference: z.string(),
      kind: z.enum(['return', 'exchange']),
      orderNo: z.string(),
      reason: z.string(),
      status: z.string(),
      method: z.string().nullable(),
      newSpec: z.string().nullable(),
      itemSummary: z.string(),
      statusChangedAt: isoTime.nullable(),
      createdAt: isoTime,
      next: z
        .object({ status: z.string(), at: isoTime })
        .nullable()
        .default(null)
        .describe("The step the backend plans next and when (shipped_back, received, approved, refunded or completed): Zhida tells the customer \"预计11月28日前完成验收\". Null when finished or not known"),
    }),
  ),
  serviceRequests: z.array(z.object({ reference: z.string(), kind: z.string(), subject: z.string(), detail: z.record(z.string(), z.string()), createdAt: isoTime })).describe('催件, 发票, 挂失, 密码重置, 套餐变更, 宽带报修, 补换卡 …'),
  accounts: z.array(balanceDto),
  cards: z.array(z.object({ last4: z.string(), kind: z.enum(['debit', 'credit']), status: z.enum(['active', 'lost']) })),
  cardBills: z.array(z.object({ cardLast4: z.string(), month: z.string(), amountDueCents: moneyCents, dueDate: day })),
  transfers: z.array(transferDto.pick({ transferId: true, day: true, amountCents: true, status: true })),
  phoneLines: z.array(
    z.object({
      mobile: z.string(),
      name: z.string(),
      planId: z.string(),
      planName: z.string().nullable(),
      arrearsCents: moneyCents,
      contractUntil: day.nullable(),
      broadbandAccount: z.string().nullable(),
      broadbandAddress: z.string().nullable(),
      usage: z.object({ totalGb: z.number(), usedGb: z.number(), asOf: isoTime }).nullable(),
    }),
  ),
  appointments: z.array(
    z.object({
      reference: z.string(),
      name: z.string(),
      serviceName: z.string().nullable(),
      location: z.string().nullable(),
      day,
      startTime: z.string(),
      endTime: z.string(),
      owned: z.boolean().describe('Booked by one of the customers'),
      inConversation: z.boolean().describe('Booked in this chat'),
    }),
  ),
  applications: z.array(
    z.object({
      reference: z.string(),
      serviceName: z.string(),
      stage: z.string(),
      expectedDate: day.nullable(),
      awaitingMaterials: z.boolean(),
      createdAt: isoTime,
      owned: z.boolean().describe('Filed by, or materials sent by, one of the customers'),
      filedInConversation: z.boolean(),
      inConversation: z.boolean().describe('Filed in this chat, or materials sent from it'),
    }),
  ),
  planNames: z.record(z.string(), z.string()).describe('Plan ids in plan-change requests → plan names'),
});

import { z } from 'zod';
import type { ActionContext } from './action-executor.js';
import { chinaDateTime, chinaDay, yuan } from './china-calendar.js';
import type { Connectors } from './connectors/connectors.js';
import type { Order } from './connectors/order-connector.js';
import type { CustomerTicketStatus } from './connectors/ticket-connector.js';
import type { CustomerVerifications } from './customer-verifications.js';
import type { OtpService } from './otp-service.js';
import { returnEligibility } from './return-policy.js';
import { SelfServiceFailure } from './selfservice-failure.js';
import type { TenantReturnPolicies } from './tenant-return-policies.js';

/** The executor's context plus the key a real backend dedupes writes on. */
export type RunContext = ActionContext & { idempotencyKey?: string; customerId?: string | null };

/** One action a flow may call: how its args are read and what it does. */
export interface ActionHandler {
  args: z.ZodType<Record<string, unknown>>;
  run(ctx: RunContext, args: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export interface CatalogueDeps {
  connectors: Connectors;
  otp: OtpService;
  verifications: CustomerVerifications;
  policies: TenantReturnPolicies;
}

// Flow args are interpolated strings; an unfilled optional slot arrives as "".
const text = (max = 500) => z.string().trim().min(1).max(max);
const optionalText = (max = 500) => z.string().trim().max(max).optional().transform((v) => (v ? v : null));
const orderNo = z.string().trim().toUpperCase().regex(/^[A-Z]{0,4}\d{8,24}$/);
const mobile = z.string().trim().transform((v) => v.replace(/^\+?86/, '')).pipe(z.string().regex(/^1[3-9]\d{9}$/));
const month = z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const day = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/);
const last4 = z.string().trim().regex(/^\d{4}$/);
const idCard = z.string().trim().toUpperCase().regex(/^\d{17}[\dX]$/);
const ticketNo = z.string().trim().toUpperCase().regex(/^GD\d{12}$/);
/** How many open tickets the bot lists when asked without a number. */
const OPEN_TICKETS_LISTED = 3;
const applicationRef = z.string().trim().toUpperCase().regex(/^[A-Z]{2}\d{8,14}$/);

const STATUS_TEXT: Record<Order['status'], string> = {
  pending_payment: '待付款',
  paid: '待发货',
  shipped: '已发货',
  delivered: '已签收',
  cancelled: '已取消',
};

function define<S extends z.ZodType<Record<string, unknown>>>(args: S, run: (ctx: RunContext, args: z.output<S>) => Promise<Record<string, unknown>>): ActionHandler {
  return { args, run: run as ActionHandler['run'] };
}

/** One ticket as a line of the bot's reply: "GD202612060007 退换货（处理中）：已派单至售后服务部，预计今天 16:00 前处理". */
export function ticketStatusLine(t: CustomerTicketStatus): string {
  const detail = [t.progress, t.expectation].filter((x): x is string => !!x).join('，');
  return `${t.number} ${t.categoryName ?? '工单'}（${t.statusText}）${detail ? `：${detail}` : ''}`;
}

/** Drops null/undefined fields, so a flow's `exists` check sees a missing value as missing. */
function present(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null && v !== undefined));
}

/**
 * Every action the industry flows call, by name. Each reads its args with a zod
 * schema, calls one connector, and shapes the result into the fields the flows
 * interpolate (`{{result.rmaNumber}}`). Money is shown as `¥1,299.00`, times in China time.
 */
export function actionCatalogue({ connectors: c, otp, verifications, policies }: CatalogueDeps): Record<string, ActionHandler> {
  const mustFindOrder = async (ctx: RunContext, no: string) => {
    const order = await c.orders.get(ctx, no);
    if (!order) throw new SelfServiceFailure('order_not_found', '没有查到该订单，请核对订单号');
    return order;
  };

  return {
    'orders.get': define(z.object({ orderId: orderNo }), async (ctx, { orderId }) => {
      const order = await mustFindOrder(ctx, orderId);
      const policy = await policies.forTenant(ctx.tenantId);
      const eligibility = policy
        ? returnEligibility(order, policy.rulesFor(order.productId), chinaDay(ctx.now), order.deliveredAt ? chinaDay(order.deliveredAt) : null)
        : { daysSinceDelivery: null, returnable: false, exchangeable: false, refusal: null, exchangeRefusal: null };
      return present({
        orderId: order.orderNo,
        status: order.status,
        statusText: STATUS_TEXT[order.status],
        itemSummary: order.itemSummary,
        amount: yuan(order.amountCents),
        carrier: order.carrier,
        trackingNumber: order.trackingNo,
        latestEvent: order.latestEvent?.description,
        latestEventAt: order.latestEvent ? chinaDateTime(order.latestEvent.at) : null,
        deliveredAt: order.deliveredAt ? chinaDateTime(order.deliveredAt) : null,
        daysSinceDelivery: eligibility.daysSinceDelivery,
        returnable: eligibility.returnable,
        exchangeable: eligibility.exchangeable,
        refusal: eligibility.refusal,
        exchangeRefusal: eligibility.exchangeRefusal,
      });
    }),
    'orders.updateAddress': define(z.object({ orderId: orderNo, address: text(300) }), async (ctx, { orderId, address }) => {
      const order = await c.orders.updateAddress(ctx, orderId, address);
      return present({ orderId, address: order.address, statusText: STATUS_TEXT[order.status], carrier: order.carrier, trackingNumber: order.trackingNo });
    }),
    'orders.cancel': define(z.object({ orderId: orderNo }), async (ctx, { orderId }) => {
      const { order, refundCents } = await c.orders.cancel(ctx, orderId);
      return { orderId, statusText: STATUS_TEXT[order.status], itemSummary: order.itemSummary, amount: yuan(order.amountCents), refundAmount: yuan(refundCents) };
    }),
    'returns.create': define(
      z.object({ orderId: orderNo, reason: text(100), method: z.enum(['pickup', 'dropoff']) }),
      async (ctx, { orderId, reason, method }) => present(await c.returns.createReturn(ctx, { orderNo: orderId, reason, method })),
    ),
    'exchanges.create': define(
      z.object({ orderId: orderNo, newSpec: text(200), reason: text(100) }),
      async (ctx, { orderId, newSpec, reason }) => c.returns.createExchange(ctx, { orderNo: orderId, newSpec, reason }),
    ),
    'refunds.get': define(z.object({ orderId: orderNo }), async (ctx, { orderId }) => {
      // A mistyped order number must not read as "no refund yet": the flow offers a return for the latter.
      await mustFindOrder(ctx, orderId);
      const refund = await c.returns.getRefund(ctx, orderId);
      if (!refund) throw new SelfServiceFailure('refund_not_found', '该订单暂无退款记录');
      return present({
        status: refund.status,
        amount: yuan(refund.amountCents),
        channel: refund.channel,
        expectedDate: refund.expectedDate,
        refundedAt: refund.refundedAt ? chinaDateTime(refund.refundedAt) : null,
        reasonText: refund.reasonText,
      });
    }),
    'logistics.track': define(z.object({ orderId: orderNo }), async (ctx, { orderId }) => {
      const shipment = await c.logistics.track(ctx, orderId);
      const latest = shipment.events[0];
      const delayed = !shipment.delivered && shipment.expectedDelivery !== null && shipment.expectedDelivery < chinaDay(ctx.now);
      return present({
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNo,
        latestEvent: latest?.description,
        latestEventAt: latest ? chinaDateTime(latest.at) : null,
        expectedDelivery: shipment.expectedDelivery,
        delayed,
        events: shipment.events.map((e) => ({ at: chinaDateTime(e.at), description: e.description })),
      });
    }),
    'logistics.urge': define(z.object({ orderId: orderNo }), async (ctx, { orderId }) => c.logistics.urge(ctx, orderId)),
    'invoices.request': define(
      z.object({ orderId: orderNo, titleType: z.enum(['personal', 'company']), title: text(100), taxId: optionalText(20), email: z.email() }),
      async (ctx, a) => c.invoices.request(ctx, { orderNo: a.orderId, titleType: a.titleType, title: a.title, taxId: a.taxId, email: a.email }),
    ),
    'tickets.create': define(z.object({ category: text(50), description: text(2000) }), async (ctx, a) => c.tickets.create(ctx, a)),
    // With a number: that ticket, if this visitor may see it. Without: their latest open ones.
    'tickets.status': define(z.object({ ticketNumber: z.union([ticketNo, z.literal(''), z.null()]).optional() }), async (ctx, { ticketNumber }) => {
      if (ticketNumber) {
        const ticket = await c.tickets.findForCustomer(ctx, ticketNumber);
        if (!ticket) throw new SelfServiceFailure('ticket_not_found', '没有找到这个工单');
        return present({ count: 1, ticketNumber: ticket.number, statusText: ticket.statusText, expectation: ticket.expectation, summary: ticketStatusLine(ticket) });
      }
      const open = await c.tickets.openForCustomer(ctx, OPEN_TICKETS_LISTED);
      return { count: open.length, summary: open.map(ticketStatusLine).join('\n') };
    }),

    'identity.sendOtp': define(z.object({ mobile }), async (ctx, a) => {
      const customer = await c.identity.findByMobile(ctx, a.mobile);
      if (!customer) throw new SelfServiceFailure('mobile_not_registered', '该手机号未在本机构登记，请使用预留手机号');
      return otp.send(ctx, a.mobile, ctx.now);
    }),
    'identity.verifyOtp': define(z.object({ mobile, code: z.string().trim().regex(/^\d{6}$/) }), async (ctx, a) => {
      const check = await otp.verify(ctx, a.mobile, a.code, ctx.now);
      if (!check.verified) return { verified: false, attemptsLeft: check.attemptsLeft };
      const customer = await c.identity.findByMobile(ctx, a.mobile);
      if (!customer) throw new SelfServiceFailure('mobile_not_registered', '该手机号未在本机构登记');
      await verifications.record(ctx, customer.customerId, a.mobile);
      return { verified: true, customerId: customer.customerId, mobile: a.mobile };
    }),

    'accounts.getBalance': define(z.object({ customerId: text(64) }), async (ctx, { customerId }) => {
      await verifications.requireCustomer(ctx, customerId);
      const balance = await c.banking.getBalance(ctx, customerId);
      return { accountLast4: balance.accountLast4, available: yuan(balance.availableCents), ledger: yuan(balance.ledgerCents), asOf: chinaDateTime(ctx.now) };
    }),
    'cards.reportLoss': define(z.object({ customerId: text(64), cardLast4: last4 }), async (ctx, a) => {
      await verifications.requireCustomer(ctx, a.customerId);
      const report = await c.banking.reportCardLoss(ctx, a.customerId, a.cardLast4);
      return { reportNumber: report.reportNumber, replacementFee: yuan(report.replacementFeeCents) };
    }),
    'cards.resetPassword': define(z.object({ customerId: text(64), cardLast4: last4, kind: z.enum(['login', 'transaction']) }), async (ctx, a) => {
      await verifications.requireCustomer(ctx, a.customerId);
      return c.banking.resetPassword(ctx, a.customerId, a.cardLast4, a.kind);
    }),
    'cards.getBill': define(z.object({ customerId: text(64), month }), async (ctx, a) => {
      await verifications.requireCustomer(ctx, a.customerId);
      const bill = await c.banking.getCardBill(ctx, a.customerId, a.month);
      return { month: a.month, amountDue: yuan(bill.amountDueCents), minimumDue: yuan(bill.minimumDueCents), dueDate: bill.dueDate };
    }),
    'transfers.find': define(
      z.object({ customerId: text(64), date: day, amount: z.string().trim().regex(/^\d+(\.\d{1,2})?$/).optional().or(z.literal('')) }),
      async (ctx, a) => {
        await verifications.requireCustomer(ctx, a.customerId);
        const cents = a.amount ? Math.round(Number(a.amount) * 100) : null;
        const t = await c.banking.findTransfer(ctx, a.customerId, a.date, cents);
        const view = {
          completed: { statusText: '已到账', adviceText: '款项已入账收款方账户，如对方未看到，请让其查询入账明细。' },
          processing: { statusText: '处理中', adviceText: '跨行转账通常 2 小时内到账，最迟不超过 1 个工作日，请耐心等待。' },
          returned: { statusText: '已退回', adviceText: '收款账户信息有误，款项已原路退回您的账户，请核对户名和账号后重新转账。' },
        }[t.status];
        return { status: t.status, amount: yuan(t.amountCents), payeeMasked: `${t.payeeName.slice(0, 1)}*${t.payeeName.length > 2 ? '*' : ''}（尾号${t.payeeAccountLast4}）`, ...view };
      },
    ),

    'appointments.listSlots': define(z.object({ service: text(50), date: day }), async (ctx, a) => {
      const list = await c.appointments.listSlots(ctx, a.service, a.date);
      return {
        serviceName: list.serviceName,
        location: list.location,
        date: a.date,
        slots: list.slots.map((s) => ({ id: s.id, label: `${s.startTime}–${s.endTime}（余 ${s.remaining} 个）` })),
      };
    }),
    'appointments.book': define(z.object({ service: text(50), date: day.optional(), slotId: z.uuid(), name: text(50), idCard }), async (ctx, a) => {
      const booking = await c.appointments.book(ctx, { service: a.service, slotId: a.slotId, name: a.name, idCard: a.idCard });
      return { referenceNumber: booking.referenceNumber, date: booking.day, time: `${booking.day} ${booking.startTime}–${booking.endTime}`, location: booking.location };
    }),
    'materials.expect': define(z.object({ applicationRef }), async (ctx, a) => {
      const needed = await c.materials.expect(ctx, a.applicationRef);
      return { requiredMaterials: needed.requiredMaterials.join('、'), requiredMaterialList: needed.requiredMaterials, reviewDays: needed.reviewDays };
    }),
    'applications.getProgress': define(z.object({ applicationRef }), async (ctx, a) => {
      const progress = await c.applications.getProgress(ctx, a.applicationRef);
      if (!progress) throw new SelfServiceFailure('application_not_found', '没有查到该申请编号，请核对后重试');
      return present({ serviceName: progress.serviceName, stage: progress.stage, detail: progress.detail, expectedDate: progress.expectedDate });
    }),
    'certificates.request': define(z.object({ type: text(50), idCard }), async (ctx, a) => c.applications.requestCertificate(ctx, a.type, a.idCard)),

    'billing.getBill': define(z.object({ mobile, month }), async (ctx, a) => {
      const bill = await c.telecomAccounts.getBill(ctx, a.mobile, a.month);
      return {
        month: a.month,
        planFee: yuan(bill.planFeeCents),
        extraFee: yuan(bill.extraFeeCents),
        valueAddedFee: yuan(bill.valueAddedFeeCents),
        total: yuan(bill.planFeeCents + bill.extraFeeCents + bill.valueAddedFeeCents),
      };
    }),
    'billing.getUsage': define(z.object({ mobile }), async (ctx, a) => {
      const u = await c.telecomAccounts.getUsage(ctx, a.mobile);
      const round = (n: number) => Math.round(n * 100) / 100;
      return { totalGb: u.totalGb, usedGb: round(u.usedGb), remainingGb: round(Math.max(0, u.totalGb - u.usedGb)), remainingMinutes: Math.max(0, u.totalMinutes - u.usedMinutes), asOf: chinaDateTime(u.asOf) };
    }),
    'plans.list': define(z.object({ mobile }), async (ctx, a) => {
      await verifications.requireMobile(ctx, a.mobile);
      const offer = await c.telecomAccounts.listPlans(ctx, a.mobile);
      return {
        currentPlan: offer.currentPlan.name,
        plans: offer.plans.map((p) => ({ id: p.id, label: `${p.name}（${yuan(p.monthlyFeeCents)}/月，${p.dataGb}GB，${p.minutes}分钟）` })),
        effectiveFrom: offer.effectiveFrom,
      };
    }),
    'plans.change': define(z.object({ mobile, planId: text(64) }), async (ctx, a) => {
      await verifications.requireMobile(ctx, a.mobile);
      return c.telecomAccounts.changePlan(ctx, a.mobile, a.planId);
    }),
    'faults.create': define(z.object({ account: text(64), symptom: text(50) }), async (ctx, a) => c.telecomServices.createFault(ctx, a.account, a.symptom)),
    'porting.checkEligibility': define(z.object({ mobile }), async (ctx, a) => {
      await verifications.requireMobile(ctx, a.mobile);
      return { ...(await c.telecomServices.checkPorting(ctx, a.mobile)) };
    }),
    'sim.requestReplacement': define(z.object({ mobile, reason: text(50), delivery: z.enum(['store', 'mail']) }), async (ctx, a) => {
      await verifications.requireMobile(ctx, a.mobile);
      return c.telecomServices.requestSimReplacement(ctx, a.mobile, a.reason, a.delivery);
    }),
  };
}

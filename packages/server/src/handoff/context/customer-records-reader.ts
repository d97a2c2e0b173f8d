import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { chinaDateTime, yuan } from '../../selfservice/china-calendar.js';
import { ConnectorNotConfiguredError } from '../../selfservice/connectors/connector-not-configured-error.js';
import type { CustomerRecordConnector, CustomerRecordSet } from '../../selfservice/connectors/customer-record-connector.js';
import { asSelfServiceDb, type SelfServiceDb } from '../../selfservice/self-service-db.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';

/** One of the customer's records in the enterprise's systems, shown generically: the console needs no per-industry code. */
export const customerRecordSchema = z.object({
  kind: z.string(),
  title: z.string(),
  fields: z.record(z.string(), z.string()),
});
export type CustomerRecordDto = z.infer<typeof customerRecordSchema>;

// The context panel shows the latest few of each kind; the history is the connectors' own pages.
const PER_KIND = 20;

const ORDER_STATUS: Record<string, string> = { pending_payment: '待付款', paid: '待发货', shipped: '已发货', delivered: '已签收', cancelled: '已取消' };
const CARD_KIND: Record<string, string> = { debit: '借记卡', credit: '信用卡' };
const CARD_STATUS: Record<string, string> = { active: '正常', lost: '已挂失' };
const RETURN_KIND: Record<string, string> = { return: '退货', exchange: '换货' };

/**
 * The records of the customer behind a conversation, from the enterprise through the
 * `CustomerRecordConnector` port (its CRM over HTTP, or the in-process demo): who the customer is comes
 * from the visitor's verified `external_id` (widget HMAC identity) and from the customer ids an OTP check
 * in this very conversation proved (`selfservice_verifications`) — an unverified claim owns nothing.
 * Appointments and applications made in this conversation are shown even for an anonymous visitor: they
 * happened in front of the agent.
 * @example await reader.read(ctx, { conversationId, verifiedCustomerId: 'shopper-001' }) // [{ kind: 'order', title: '订单 2026…', fields: {…} }]
 */
export class CustomerRecordsReader {
  private readonly db: SelfServiceDb;

  constructor(
    db: Kysely<Database>,
    private readonly connector: CustomerRecordConnector,
  ) {
    this.db = asSelfServiceDb(db);
  }

  async read(ctx: TenantContext, subject: { conversationId: string; verifiedCustomerId: string | null }): Promise<CustomerRecordDto[]> {
    const otpVerified = await this.db
      .selectFrom('selfservice_verifications')
      .select('customer_id')
      .distinct()
      .where('tenant_id', '=', ctx.tenantId)
      .where('conversation_id', '=', subject.conversationId)
      .limit(5)
      .execute();
    const ids = [...new Set([subject.verifiedCustomerId, ...otpVerified.map((v) => v.customer_id)].filter((id): id is string => !!id))];
    let set: CustomerRecordSet;
    try {
      set = await this.connector.records({ tenantId: ctx.tenantId }, { customerIds: ids, conversationId: subject.conversationId }, PER_KIND);
    } catch (error) {
      // No enterprise system connected: nothing could be read, and that is not an outage.
      if (error instanceof ConnectorNotConfiguredError) return [{ kind: 'unavailable', title: '未接入企业系统，没有可读取的客户记录', fields: {} }];
      // The enterprise's systems are down: the panel still opens, and says so instead of "no records".
      return [{ kind: 'unavailable', title: '企业系统暂时无法访问，客户记录未能读取', fields: {} }];
    }
    const customers = set.customers.map((c) => ({ kind: 'customer', title: c.name, fields: { 客户号: c.customerId, 手机: c.mobile } }));
    const orders = set.orders.map((o) => ({
      kind: 'order',
      title: `订单 ${o.orderNo}`,
      fields: compact({
        商品: o.itemSummary,
        状态: ORDER_STATUS[o.status] ?? o.status,
        金额: yuan(o.amountCents),
        下单时间: chinaDateTime(o.orderedAt),
        物流: o.carrier && o.trackingNo ? `${o.carrier} ${o.trackingNo}` : null,
        签收时间: o.deliveredAt ? chinaDateTime(o.deliveredAt) : null,
      }),
    }));
    const returns = set.returns.map((r) => ({
      kind: r.kind,
      title: `${RETURN_KIND[r.kind] ?? r.kind} ${r.reference}`,
      fields: compact({ 订单: r.orderNo, 原因: r.reason, 状态: r.status, 新规格: r.newSpec, 申请时间: chinaDateTime(r.createdAt) }),
    }));
    const accounts = set.accounts.map((a) => ({ kind: 'account', title: `账户 尾号 ${a.accountLast4}`, fields: { 可用余额: yuan(a.availableCents), 账面余额: yuan(a.ledgerCents) } }));
    const cards = set.cards.map((c) => ({ kind: 'card', title: `${CARD_KIND[c.kind] ?? c.kind} 尾号 ${c.last4}`, fields: { 状态: CARD_STATUS[c.status] ?? c.status } }));
    // A mobile line, and its broadband line when it has one (the telecom template's two products).
    const lines = set.phoneLines.flatMap((s) => [
      { kind: 'mobile', title: `手机 ${s.mobile}`, fields: compact({ 机主: s.name, 套餐: s.planName ?? s.planId, 欠费: s.arrearsCents > 0 ? yuan(s.arrearsCents) : null, 合约到期: s.contractUntil }) },
      ...(s.broadbandAccount ? [{ kind: 'broadband', title: `宽带 ${s.broadbandAccount}`, fields: compact({ 装机地址: s.broadbandAddress, 绑定手机: s.mobile }) }] : []),
    ]);
    const appointments = set.appointments
      .filter((a) => a.inConversation)
      .map((a) => ({ kind: 'appointment', title: `预约 ${a.reference}`, fields: compact({ 事项: a.serviceName, 时间: `${a.day} ${a.startTime}–${a.endTime}`, 地点: a.location, 预约人: a.name }) }));
    const applications = set.applications
      .filter((a) => a.filedInConversation)
      .map((a) => ({ kind: 'application', title: `办事申请 ${a.reference}`, fields: compact({ 事项: a.serviceName, 进度: a.stage, 预计办结: a.expectedDate }) }));
    const requests = set.serviceRequests.map((r) => ({ kind: 'request', title: r.reference, fields: { 类型: r.kind, 事项: r.subject, 提交时间: chinaDateTime(r.createdAt) } }));
    return [...customers, ...orders, ...returns, ...accounts, ...cards, ...lines, ...appointments, ...applications, ...requests];
  }
}

function compact(fields: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}

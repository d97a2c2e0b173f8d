import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { chinaDateTime, yuan } from '../../selfservice/china-calendar.js';
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
 * The records of the customer behind a conversation, read from the tables the demo connectors
 * read (migrations 0003/0005): who the customer is comes from the visitor's verified `external_id`
 * (widget HMAC identity) and from the customer ids an OTP check in this very conversation proved
 * (`selfservice_verifications`) — an unverified claim owns nothing. Appointments and applications
 * made in this conversation are shown even for an anonymous visitor: they happened in front of the agent.
 * @example await reader.read(ctx, { conversationId, verifiedCustomerId: 'shopper-001' }) // [{ kind: 'order', title: '订单 2026…', fields: {…} }]
 */
export class CustomerRecordsReader {
  private readonly db: SelfServiceDb;

  constructor(db: Kysely<Database>) {
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
    const [orders, returns, requests, customers, accounts, cards, subscribers, appointments, applications] = await Promise.all([
      this.orders(ctx, ids),
      this.returns(ctx, ids),
      this.requests(ctx, ids),
      this.customers(ctx, ids),
      this.accounts(ctx, ids),
      this.cards(ctx, ids),
      this.subscribers(ctx, ids),
      this.appointments(ctx, subject.conversationId),
      this.applications(ctx, subject.conversationId),
    ]);
    return [...customers, ...orders, ...returns, ...accounts, ...cards, ...subscribers, ...appointments, ...applications, ...requests];
  }

  private async orders(ctx: TenantContext, ids: string[]): Promise<CustomerRecordDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('demo_orders')
      .select(['order_no', 'item_summary', 'status', 'amount_cents', 'carrier', 'tracking_no', 'ordered_at', 'delivered_at'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('customer_id', 'in', ids)
      .orderBy('ordered_at', 'desc')
      .limit(PER_KIND)
      .execute();
    return rows.map((o) => ({
      kind: 'order',
      title: `订单 ${o.order_no}`,
      fields: compact({
        商品: o.item_summary,
        状态: ORDER_STATUS[o.status] ?? o.status,
        金额: yuan(o.amount_cents),
        下单时间: chinaDateTime(new Date(o.ordered_at)),
        物流: o.carrier && o.tracking_no ? `${o.carrier} ${o.tracking_no}` : null,
        签收时间: o.delivered_at ? chinaDateTime(new Date(o.delivered_at)) : null,
      }),
    }));
  }

  /** A return belongs to the owner of its order (`demo_returns` has no customer id). */
  private async returns(ctx: TenantContext, ids: string[]): Promise<CustomerRecordDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('demo_returns as r')
      .innerJoin('demo_orders as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.order_no', '=', 'r.order_no'))
      .select(['r.reference', 'r.kind', 'r.order_no', 'r.reason', 'r.status', 'r.new_spec', 'r.created_at'])
      .where('r.tenant_id', '=', ctx.tenantId)
      .where('o.customer_id', 'in', ids)
      .orderBy('r.created_at', 'desc')
      .limit(PER_KIND)
      .execute();
    return rows.map((r) => ({
      kind: r.kind,
      title: `${RETURN_KIND[r.kind] ?? r.kind} ${r.reference}`,
      fields: compact({ 订单: r.order_no, 原因: r.reason, 状态: r.status, 新规格: r.new_spec, 申请时间: chinaDateTime(new Date(r.created_at)) }),
    }));
  }

  private async requests(ctx: TenantContext, ids: string[]): Promise<CustomerRecordDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('demo_service_requests')
      .select(['reference', 'kind', 'subject', 'created_at'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('customer_id', 'in', ids)
      .orderBy('created_at', 'desc')
      .limit(PER_KIND)
      .execute();
    return rows.map((r) => ({ kind: 'request', title: r.reference, fields: { 类型: r.kind, 事项: r.subject, 提交时间: chinaDateTime(new Date(r.created_at)) } }));
  }

  private async customers(ctx: TenantContext, ids: string[]): Promise<CustomerRecordDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('demo_customers').select(['customer_id', 'name', 'mobile']).where('tenant_id', '=', ctx.tenantId).where('customer_id', 'in', ids).limit(PER_KIND).execute();
    return rows.map((c) => ({ kind: 'customer', title: c.name, fields: { 客户号: c.customer_id, 手机: c.mobile } }));
  }

  private async accounts(ctx: TenantContext, ids: string[]): Promise<CustomerRecordDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('demo_accounts').select(['account_last4', 'available_cents', 'ledger_cents']).where('tenant_id', '=', ctx.tenantId).where('customer_id', 'in', ids).limit(PER_KIND).execute();
    return rows.map((a) => ({ kind: 'account', title: `账户 尾号 ${a.account_last4}`, fields: { 可用余额: yuan(a.available_cents), 账面余额: yuan(a.ledger_cents) } }));
  }

  private async cards(ctx: TenantContext, ids: string[]): Promise<CustomerRecordDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('demo_cards').select(['last4', 'kind', 'status']).where('tenant_id', '=', ctx.tenantId).where('customer_id', 'in', ids).limit(PER_KIND).execute();
    return rows.map((c) => ({ kind: 'card', title: `${CARD_KIND[c.kind] ?? c.kind} 尾号 ${c.last4}`, fields: { 状态: CARD_STATUS[c.status] ?? c.status } }));
  }

  /** A mobile line, and its broadband line when it has one (the telecom template's two products). */
  private async subscribers(ctx: TenantContext, ids: string[]): Promise<CustomerRecordDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('demo_subscribers as s')
      .leftJoin('demo_plans as p', (j) => j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.plan_id', '=', 's.plan_id'))
      .select(['s.mobile', 's.name', 's.plan_id', 'p.name as plan_name', 's.arrears_cents', 's.contract_until', 's.broadband_account', 's.broadband_address'])
      .where('s.tenant_id', '=', ctx.tenantId)
      .where('s.customer_id', 'in', ids)
      .limit(PER_KIND)
      .execute();
    return rows.flatMap((s) => [
      { kind: 'mobile', title: `手机 ${s.mobile}`, fields: compact({ 机主: s.name, 套餐: s.plan_name ?? s.plan_id, 欠费: s.arrears_cents > 0 ? yuan(s.arrears_cents) : null, 合约到期: s.contract_until }) },
      ...(s.broadband_account ? [{ kind: 'broadband', title: `宽带 ${s.broadband_account}`, fields: compact({ 装机地址: s.broadband_address, 绑定手机: s.mobile }) }] : []),
    ]);
  }

  private async appointments(ctx: TenantContext, conversationId: string): Promise<CustomerRecordDto[]> {
    const rows = await this.db
      .selectFrom('demo_appointments as a')
      .innerJoin('demo_appointment_slots as s', (j) => j.onRef('s.tenant_id', '=', 'a.tenant_id').onRef('s.id', '=', 'a.slot_id'))
      .leftJoin('demo_gov_services as g', (j) => j.onRef('g.tenant_id', '=', 's.tenant_id').onRef('g.code', '=', 's.service_code'))
      .select(['a.reference', 'a.name', 'g.name as service_name', 'g.location', 's.day', 's.start_time', 's.end_time'])
      .where('a.tenant_id', '=', ctx.tenantId)
      .where('a.conversation_id', '=', conversationId)
      .limit(PER_KIND)
      .execute();
    return rows.map((a) => ({
      kind: 'appointment',
      title: `预约 ${a.reference}`,
      fields: compact({ 事项: a.service_name, 时间: `${a.day} ${a.start_time}–${a.end_time}`, 地点: a.location, 预约人: a.name }),
    }));
  }

  /** Applications filed in this conversation: the reference is in the stored outcome of its `certificates.request`. */
  private async applications(ctx: TenantContext, conversationId: string): Promise<CustomerRecordDto[]> {
    const rows = await this.db
      .selectFrom('demo_applications')
      .select(['reference', 'service_name', 'stage', 'expected_date'])
      .where('tenant_id', '=', ctx.tenantId)
      .where(
        'reference',
        'in',
        this.db
          .selectFrom('selfservice_actions')
          .select(sql<string>`outcome -> 'data' ->> 'applicationRef'`.as('reference'))
          .where('tenant_id', '=', ctx.tenantId)
          .where('conversation_id', '=', conversationId)
          .where('name', '=', 'certificates.request'),
      )
      .limit(PER_KIND)
      .execute();
    return rows.map((a) => ({ kind: 'application', title: `办事申请 ${a.reference}`, fields: compact({ 事项: a.service_name, 进度: a.stage, 预计办结: a.expected_date }) }));
  }
}

function compact(fields: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}

import { randomInt } from 'node:crypto';
import { addDays, chinaDateTime, chinaDay, yuan } from '../china-calendar.js';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { PortingCheck, TelecomServiceConnector } from '../connectors/telecom-service-connector.js';
import { nextReference } from '../reference-numbers.js';
import { SelfServiceFailure } from '../selfservice-failure.js';
import type { SelfServiceDb } from '../self-service-db.js';
import { conversationCustomerId } from '../conversation-customer.js';
import { matchInstallationAddress } from './installation-address.js';

/** Broadband repairs, number porting checks and SIM replacements of the demo operator. */
export class DemoTelecomServiceConnector implements TelecomServiceConnector {
  constructor(private readonly db: SelfServiceDb) {}

  async createFault(ctx: ConnectorContext, account: string, symptom: string) {
    const line = await this.findLine(ctx, account);
    const ticketNumber = await nextReference(this.db, ctx.tenantId, 'GZ', ctx.now);
    await this.db
      .insertInto('demo_service_requests')
      .values({
        tenant_id: ctx.tenantId,
        reference: ticketNumber,
        kind: 'broadband_fault',
        subject: line.subject,
        detail: JSON.stringify(line.address === undefined ? { symptom } : { symptom, address: line.address }),
        conversation_id: ctx.conversationId,
        customer_id: await conversationCustomerId(this.db, ctx),
      })
      .execute();
    // Repair crews promise a visit within 24 hours.
    return { ticketNumber, eta: chinaDateTime(new Date(ctx.now.getTime() + 24 * 3600_000)) };
  }

  /**
   * The line a customer means by a broadband account, a mobile number or an installation address.
   * An address that fits no line, or more than one, is refused rather than guessed: a repair crew
   * sent to the wrong home is worse than asking again.
   */
  private async findLine(ctx: ConnectorContext, given: string): Promise<{ subject: string; address?: string }> {
    const key = given.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
    const owner = await this.db
      .selectFrom('demo_subscribers')
      .select('mobile')
      .where('tenant_id', '=', ctx.tenantId)
      .where((eb) => eb.or([eb('broadband_account', '=', key), eb('mobile', '=', key)]))
      .executeTakeFirst();
    if (owner) return { subject: key };
    // Account numbers and mobiles are ASCII; anything with Chinese in it is read as an address.
    if (!/\p{Script=Han}/u.test(given)) throw new SelfServiceFailure('account_not_found', '没有查到该宽带账号，请核对后重试');
    // A demo tenant has a handful of lines; a real operator's connector would search its own address index.
    const lines = await this.db
      .selectFrom('demo_subscribers')
      .select(['broadband_account', 'broadband_address'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('broadband_account', 'is not', null)
      .where('broadband_address', 'is not', null)
      .execute();
    const match = matchInstallationAddress(
      given,
      lines.map((l) => ({ account: l.broadband_account!, address: l.broadband_address! })),
    );
    if (match.kind === 'match') return { subject: match.account, address: given.trim() };
    if (match.kind === 'ambiguous') throw new SelfServiceFailure('account_not_found', '该地址对应多条宽带，请提供宽带账号，或补充区、路名等完整安装地址');
    if (match.kind === 'too_vague') throw new SelfServiceFailure('account_not_found', '地址不够具体，请提供宽带账号，或包含路名、楼号和室号的完整安装地址');
    throw new SelfServiceFailure('account_not_found', '没有查到该安装地址的宽带，请核对地址或提供宽带账号');
  }

  async checkPorting(ctx: ConnectorContext, mobile: string): Promise<PortingCheck> {
    const row = await this.db.selectFrom('demo_subscribers').selectAll().where('tenant_id', '=', ctx.tenantId).where('mobile', '=', mobile).executeTakeFirst();
    if (!row) throw new SelfServiceFailure('subscriber_not_found', '该号码不是本网用户');
    const today = chinaDay(ctx.now);
    if (row.arrears_cents > 0) return { eligible: false, reasonText: `账户欠费 ${yuan(row.arrears_cents)}，请先缴清` };
    if (row.contract_until && row.contract_until >= today) return { eligible: false, reasonText: `合约期至 ${row.contract_until}，合约期内不能携号转网` };
    return { eligible: true, authCode: String(randomInt(0, 1_000_000)).padStart(6, '0'), validUntil: addDays(today, 90) };
  }

  async requestSimReplacement(ctx: ConnectorContext, mobile: string, reason: string, delivery: 'store' | 'mail') {
    const row = await this.db.selectFrom('demo_subscribers').select('mobile').where('tenant_id', '=', ctx.tenantId).where('mobile', '=', mobile).executeTakeFirst();
    if (!row) throw new SelfServiceFailure('subscriber_not_found', '该号码不是本网用户');
    const orderNumber = await nextReference(this.db, ctx.tenantId, 'BK', ctx.now);
    await this.db
      .insertInto('demo_service_requests')
      .values({ tenant_id: ctx.tenantId, reference: orderNumber, kind: 'sim_replacement', subject: mobile, detail: JSON.stringify({ reason, delivery }), conversation_id: ctx.conversationId, customer_id: await conversationCustomerId(this.db, ctx) })
      .execute();
    const pickupText = delivery === 'store' ? '请于 3 个工作日内携带本人身份证到任一营业厅领取新卡' : `新卡将于 ${addDays(chinaDay(ctx.now), 2)} 前寄出，签收时需核验身份证`;
    return { orderNumber, pickupText };
  }
}

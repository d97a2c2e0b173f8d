import { randomInt } from 'node:crypto';
import { BusinessRefusal } from './business-refusal.js';
import { addDays, chinaDateTime, chinaDay, firstOfNextMonth, yuan } from './china-day.js';
import type { SubscriberRecord } from './enterprise-books.js';
import type { EnterpriseStore } from './enterprise-store.js';
import { matchInstallationAddress } from './installation-address.js';

// Repair crews promise a visit within this many hours.
const REPAIR_VISIT_HOURS = 24;
const PORTING_CODE_VALID_DAYS = 90;

/**
 * The demo mobile operator: bills, usage and plan changes of its subscribers, broadband repairs
 * (found by account, mobile or installation address), number-porting checks and SIM replacements.
 */
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
    this.store.books(tenant).serviceRequests.push({ reference: orderNumber, kind: 'plan_change', subject: mobile, detail: { from: subscriber.planId, to: planId, effectiveDate }, createdAt: this.now().toISOString() });
    // The demo switches at once so a second look shows the new plan; a real BSS would schedule it.
    subscriber.planId = planId;
    return { orderNumber, effectiveDate };
  }

  createFault(tenant: string, account: string, symptom: string, customerId: string | null) {
    const line = this.findLine(tenant, account);
    const ticketNumber = this.store.nextReference(tenant, 'GZ');
    const detail: Record<string, string> = line.address === undefined ? { symptom } : { symptom, address: line.address };
    this.store.books(tenant).serviceRequests.push({ reference: ticketNumber, kind: 'broadband_fault', subject: line.account, detail, customerId, createdAt: this.now().toISOString() });
    return { ticketNumber, eta: chinaDateTime(new Date(this.now().getTime() + REPAIR_VISIT_HOURS * 3600_000)) };
  }

  checkPorting(tenant: string, mobile: string) {
    const subscriber = this.subscriber(tenant, mobile);
    const today = chinaDay(this.now());
    if (subscriber.arrearsCents > 0) return { eligible: false as const, reasonText: `账户欠费 ${yuan(subscriber.arrearsCents)}，请先缴清` };
    if (subscriber.contractUntil && subscriber.contractUntil >= today) return { eligible: false as const, reasonText: `合约期至 ${subscriber.contractUntil}，合约期内不能携号转网` };
    return { eligible: true as const, authCode: String(randomInt(0, 1_000_000)).padStart(6, '0'), validUntil: addDays(today, PORTING_CODE_VALID_DAYS) };
  }

  requestSimReplacement(tenant: string, mobile: string, reason: string, delivery: 'store' | 'mail', customerId: string | null) {
    this.subscriber(tenant, mobile);
    const orderNumber = this.store.nextReference(tenant, 'BK');
    this.store.books(tenant).serviceRequests.push({ reference: orderNumber, kind: 'sim_replacement', subject: mobile, detail: { reason, delivery }, customerId, createdAt: this.now().toISOString() });
    const pickupText = delivery === 'store' ? '请于 3 个工作日内携带本人身份证到任一营业厅领取新卡' : `新卡将于 ${addDays(chinaDay(this.now()), 2)} 前寄出，签收时需核验身份证`;
    return { orderNumber, pickupText };
  }

  /**
   * The line a customer means by a broadband account, a mobile number or an installation address.
   * An address that fits no line, or more than one, is refused rather than guessed: a repair crew
   * sent to the wrong home is worse than asking again.
   */
  private findLine(tenant: string, given: string): { account: string; address?: string } {
    const key = given.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
    const lines = Object.values(this.store.books(tenant).subscribers);
    if (lines.some((l) => l.broadbandAccount === key || l.mobile === key)) return { account: key };
    // Account numbers and mobiles are ASCII; anything with Chinese in it is read as an address.
    if (!/\p{Script=Han}/u.test(given)) throw new BusinessRefusal('account_not_found', '没有查到该宽带账号，请核对后重试', 404);
    const addressed = lines.flatMap((l) => (l.broadbandAccount && l.broadbandAddress ? [{ account: l.broadbandAccount, address: l.broadbandAddress }] : []));
    const match = matchInstallationAddress(given, addressed);
    if (match.kind === 'match') return { account: match.account, address: given.trim() };
    if (match.kind === 'ambiguous') throw new BusinessRefusal('account_not_found', '该地址对应多条宽带，请提供宽带账号，或补充区、路名等完整安装地址', 404);
    if (match.kind === 'too_vague') throw new BusinessRefusal('account_not_found', '地址不够具体，请提供宽带账号，或包含路名、楼号和室号的完整安装地址', 404);
    throw new BusinessRefusal('account_not_found', '没有查到该安装地址的宽带，请核对地址或提供宽带账号', 404);
  }

  private subscriber(tenant: string, mobile: string): SubscriberRecord {
    const subscriber = this.store.books(tenant).subscribers[mobile];
    if (!subscriber) throw new BusinessRefusal('subscriber_not_found', '该号码不是本网用户', 404);
    return subscriber;
  }
}

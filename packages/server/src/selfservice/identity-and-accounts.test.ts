import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../test-support/test-backends.js';
import { demoTryThis } from '@zhida/demo-enterprise';
import { DemoSmsProvider } from './sms-provider.js';
import { SmsRateLimitedError } from './sms-rate-limited-error.js';
import { chinaDateTime } from './china-calendar.js';
import { FIXED_NOW, RecordingLogger, SelfServiceFixture } from './test-support/selfservice-fixture.js';

const BANK_MOBILE = demoTryThis.finance.mobile;
const minutes = (n: number) => n * 60_000;
// 00:30 China time on the fixture's day: each conversation starts an hour later, so the
// per-number hourly SMS cap never trips across tests (and the day stays 2026-11-25).
const EARLY = new Date(FIXED_NOW.getTime() - minutes(9.5 * 60));

describe('demo SMS provider', () => {
  it('writes the code to the log with the mobile masked', async () => {
    const log = new RecordingLogger();
    await new DemoSmsProvider(log).send('13800138000', '【智答】您的验证码是 482913，5 分钟内有效。');
    expect(log.lines).toEqual([{ level: 'info', obj: expect.objectContaining({ mobile: '138****8000', code: '482913' }), msg: 'demo SMS' }]);
    expect(JSON.stringify(log.lines)).not.toContain('13800138000');
  });
});

describe.each(await testBackends())('identity and accounts on %s', (backend) => {
  let f: SelfServiceFixture;
  let hoursLater = 0;
  const conversation = (industry: 'finance' | 'telecom' | 'government') => f.conversation(industry, new Date(EARLY.getTime() + minutes(61 * hoursLater++)));
  beforeAll(async () => {
    f = await SelfServiceFixture.start(backend);
  });
  afterAll(async () => {
    await f?.close();
  });

  describe('SMS one-time codes', () => {
    it('sends a code to a registered mobile and verifies it once', async () => {
      const ctx = await conversation('finance');
      expect(await f.ok(ctx, 'identity.sendOtp', { mobile: BANK_MOBILE })).toMatchObject({ maskedMobile: '138****8000' });
      const code = f.sms.lastCode();
      expect(f.sms.sent.at(-1)?.mobile).toBe(BANK_MOBILE);
      const stored = await f.system(() => f.db.selectFrom('selfservice_otps').select('code_hash').where('conversation_id', '=', ctx.conversationId).executeTakeFirstOrThrow());
      expect(stored.code_hash).not.toContain(code);
      expect(await f.ok(ctx, 'identity.verifyOtp', { mobile: BANK_MOBILE, code })).toEqual({ verified: true, customerId: 'C10001', mobile: BANK_MOBILE });
      expect(await f.failCode(ctx, 'identity.verifyOtp', { mobile: BANK_MOBILE, code })).toBe('otp_expired');
    });

    it('counts wrong codes down and locks after five', async () => {
      const ctx = await conversation('finance');
      await f.ok(ctx, 'identity.sendOtp', { mobile: BANK_MOBILE });
      const code = f.sms.lastCode();
      const wrong = code === '000000' ? '111111' : '000000';
      const left: unknown[] = [];
      for (let i = 0; i < 5; i++) left.push((await f.ok(ctx, 'identity.verifyOtp', { mobile: BANK_MOBILE, code: wrong })).attemptsLeft);
      expect(left).toEqual([4, 3, 2, 1, 0]);
      expect(await f.ok(ctx, 'identity.verifyOtp', { mobile: BANK_MOBILE, code })).toEqual({ verified: false, attemptsLeft: 0 });
    });

    it('expires a code after five minutes', async () => {
      const ctx = await conversation('finance');
      await f.ok(ctx, 'identity.sendOtp', { mobile: BANK_MOBILE });
      const later = { ...ctx, now: new Date(ctx.now.getTime() + minutes(5) + 1000) };
      expect(await f.failCode(later, 'identity.verifyOtp', { mobile: BANK_MOBILE, code: f.sms.lastCode() })).toBe('otp_expired');
    });

    it('does not resend within a minute, and a new code replaces the old one', async () => {
      const ctx = await conversation('finance');
      await f.ok(ctx, 'identity.sendOtp', { mobile: BANK_MOBILE });
      const first = f.sms.lastCode();
      expect(await f.failCode(ctx, 'identity.sendOtp', { mobile: BANK_MOBILE })).toBe('otp_rate_limited');
      const later = { ...ctx, now: new Date(ctx.now.getTime() + minutes(2)) };
      await f.ok(later, 'identity.sendOtp', { mobile: BANK_MOBILE });
      const second = f.sms.lastCode();
      if (first !== second) expect(await f.ok(later, 'identity.verifyOtp', { mobile: BANK_MOBILE, code: first })).toMatchObject({ verified: false });
      expect(await f.ok(later, 'identity.verifyOtp', { mobile: BANK_MOBILE, code: second })).toMatchObject({ verified: true });
    });

    it('says how many seconds are left before a resend is allowed', async () => {
      const ctx = await conversation('finance');
      await f.ok(ctx, 'identity.sendOtp', { mobile: BANK_MOBILE });
      const soon = { ...ctx, now: new Date(ctx.now.getTime() + 20_500) };
      const refused = await f.run(soon, 'identity.sendOtp', { mobile: BANK_MOBILE });
      expect(refused).toEqual({ ok: false, error: { code: 'otp_rate_limited', message: '验证码发送过于频繁，请 40 秒后再试', retryAfterSeconds: 40 } });
    });

    it('passes the SMS gateway’s own rate limit on as a wait, and the code it refused never counts', async () => {
      const ctx = await conversation('finance');
      await f.ok(ctx, 'identity.sendOtp', { mobile: BANK_MOBILE });
      const later = { ...ctx, now: new Date(ctx.now.getTime() + minutes(2)) };
      f.sms.refuseNext(new SmsRateLimitedError(29.2));
      expect(await f.run(later, 'identity.sendOtp', { mobile: BANK_MOBILE })).toEqual({
        ok: false,
        error: { code: 'otp_rate_limited', message: '验证码发送过于频繁，请 30 秒后再试', retryAfterSeconds: 30 },
      });
      // The refused code was never delivered: the one the customer holds still works, and our own resend rule does not block.
      await f.ok(later, 'identity.sendOtp', { mobile: BANK_MOBILE });
      expect(await f.ok(later, 'identity.verifyOtp', { mobile: BANK_MOBILE, code: f.sms.lastCode() })).toMatchObject({ verified: true });
    });

    it('keeps the last code valid when the gateway refuses a resend', async () => {
      const ctx = await conversation('finance');
      await f.ok(ctx, 'identity.sendOtp', { mobile: BANK_MOBILE });
      const held = f.sms.lastCode();
      const later = { ...ctx, now: new Date(ctx.now.getTime() + minutes(2)) };
      f.sms.refuseNext(new SmsRateLimitedError(60));
      expect(await f.failCode(later, 'identity.sendOtp', { mobile: BANK_MOBILE })).toBe('otp_rate_limited');
      expect(await f.ok(later, 'identity.verifyOtp', { mobile: BANK_MOBILE, code: held })).toMatchObject({ verified: true });
    });

    it('treats any other gateway failure as an outage, with no wait to announce and nothing stored', async () => {
      const ctx = await conversation('finance');
      f.sms.refuseNext(new Error('connect ECONNREFUSED'));
      expect(await f.run(ctx, 'identity.sendOtp', { mobile: BANK_MOBILE })).toEqual({ ok: false, error: { code: 'unavailable', message: '系统繁忙，请稍后再试' } });
      await f.ok(ctx, 'identity.sendOtp', { mobile: BANK_MOBILE });
    });

    it('sends nothing to an unregistered mobile or another tenant’s customer', async () => {
      const before = f.sms.sent.length;
      expect(await f.failCode(await conversation('finance'), 'identity.sendOtp', { mobile: '13312345678' })).toBe('mobile_not_registered');
      // A customer only the bank's books hold is unknown to another tenant's enterprise.
      const onlyAtTheBank = '13312340000';
      f.books('finance').bankCustomers['only-at-the-bank'] = { customerId: 'only-at-the-bank', name: '钱多多', mobile: onlyAtTheBank };
      expect(await f.failCode(await conversation('government'), 'identity.sendOtp', { mobile: onlyAtTheBank })).toBe('mobile_not_registered');
      expect(f.sms.sent.length).toBe(before);
    });

    it('sends at most five codes an hour to one number, across conversations', async () => {
      const at = new Date(EARLY.getTime() + minutes(61 * hoursLater++));
      const sends = [];
      for (let i = 0; i < 6; i++) sends.push(await f.run(await f.conversation('finance', at), 'identity.sendOtp', { mobile: demoTryThis.finance.secondMobile }));
      expect(sends.map((o) => (o.ok ? 'sent' : o.error.code))).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'otp_rate_limited']);
      // All five went out at the same instant, so the next one is allowed a full hour later.
      expect(sends[5]).toMatchObject({ ok: false, error: { message: '该号码验证码发送次数过多，请 60 分钟后再试', retryAfterSeconds: 3600 } });
    });

    it('does not accept a code sent in another conversation', async () => {
      const a = await conversation('finance');
      const b = await conversation('finance');
      await f.ok(a, 'identity.sendOtp', { mobile: BANK_MOBILE });
      expect(await f.failCode(b, 'identity.verifyOtp', { mobile: BANK_MOBILE, code: f.sms.lastCode() })).toBe('otp_expired');
    });
  });

  describe('bank accounts', () => {
    it('refuses account actions before verification, whatever customer id the flow passes', async () => {
      const ctx = await conversation('finance');
      expect(await f.failCode(ctx, 'accounts.getBalance', { customerId: 'C10001' })).toBe('not_verified');
      await f.verify(ctx, BANK_MOBILE);
      expect(await f.failCode(ctx, 'accounts.getBalance', { customerId: 'C10002' })).toBe('not_verified');
    });

    it('shows the balance and the credit card bill of the verified customer', async () => {
      const ctx = await conversation('finance');
      await f.verify(ctx, BANK_MOBILE);
      expect(await f.ok(ctx, 'accounts.getBalance', { customerId: 'C10001' })).toMatchObject({ accountLast4: '6688', available: '¥25,680.50', ledger: '¥26,180.50' });
      expect(await f.ok(ctx, 'cards.getBill', { customerId: 'C10001', month: '2026-10' })).toMatchObject({ amountDue: '¥6,832.40', minimumDue: '¥683.24', dueDate: '2026-11-20' });
      expect(await f.failCode(ctx, 'cards.getBill', { customerId: 'C10001', month: '2025-01' })).toBe('bill_not_found');
    });

    it('reports a card lost once, with a reference number', async () => {
      const ctx = await conversation('finance');
      await f.verify(ctx, BANK_MOBILE);
      const report = await f.ok(ctx, 'cards.reportLoss', { customerId: 'C10001', cardLast4: '4321' });
      expect(report).toMatchObject({ replacementFee: '¥10.00' });
      expect(report.reportNumber).toMatch(/^GS20261125\d{4}$/);
      expect(await f.failCode(ctx, 'cards.reportLoss', { customerId: 'C10001', cardLast4: '4321' })).toBe('card_already_lost');
      expect(await f.failCode(ctx, 'cards.reportLoss', { customerId: 'C10001', cardLast4: '0000' })).toBe('card_not_found');
      expect(await f.ok(ctx, 'cards.resetPassword', { customerId: 'C10001', cardLast4: '6688', kind: 'login' })).toMatchObject({ linkValidMinutes: 30 });
    });

    it('finds a transfer by date and amount and explains its status', async () => {
      const ctx = await conversation('finance');
      await f.verify(ctx, BANK_MOBILE);
      expect(await f.ok(ctx, 'transfers.find', { customerId: 'C10001', date: '2026-11-22', amount: '3000' })).toMatchObject({ status: 'returned', statusText: '已退回', amount: '¥3,000.00', payeeMasked: '刘**（尾号8812）' });
      expect(await f.failCode(ctx, 'transfers.find', { customerId: 'C10001', date: '2026-11-22', amount: '1' })).toBe('transfer_not_found');
    });
  });

  describe('telecom subscribers', () => {
    it('shows a bill and usage by mobile', async () => {
      const ctx = await conversation('telecom');
      expect(await f.ok(ctx, 'billing.getBill', { mobile: '13800001111', month: '2026-10' })).toEqual({ month: '2026-10', planFee: '¥59.00', extraFee: '¥12.00', valueAddedFee: '¥10.00', total: '¥81.00' });
      expect(await f.ok(ctx, 'billing.getUsage', { mobile: '13800001111' })).toMatchObject({ totalGb: 30, usedGb: 29.4, remainingGb: 0.6, remainingMinutes: 113 });
      expect(await f.failCode(ctx, 'billing.getUsage', { mobile: '13311112222' })).toBe('subscriber_not_found');
    });

    it('changes the plan of a verified number from the offered list', async () => {
      const ctx = await conversation('telecom');
      expect(await f.failCode(ctx, 'plans.list', { mobile: '13800001111' })).toBe('not_verified');
      expect(await f.verify(ctx, '13800001111')).toMatchObject({ verified: true, customerId: 'U20001' });
      const offer = await f.ok(ctx, 'plans.list', { mobile: '13800001111' });
      expect(offer).toMatchObject({ currentPlan: '畅享 59 元套餐', effectiveFrom: '2026-12-01' });
      expect((offer.plans as { id: string }[]).map((p) => p.id)).toEqual(['P29', 'P99', 'P129']);
      const change = await f.ok(ctx, 'plans.change', { mobile: '13800001111', planId: 'P99' });
      expect(change).toMatchObject({ effectiveDate: '2026-12-01' });
      expect(change.orderNumber).toMatch(/^BG20261125\d{4}$/);
      expect(await f.failCode(ctx, 'plans.change', { mobile: '13800001111', planId: 'P99' })).toBe('same_plan');
    });

    it('explains why a number cannot be ported', async () => {
      const arrears = await conversation('telecom');
      await f.verify(arrears, '13900002222');
      expect(await f.ok(arrears, 'porting.checkEligibility', { mobile: '13900002222' })).toEqual({ eligible: false, reasonText: '账户欠费 ¥46.80，请先缴清' });
      const ok = await conversation('telecom');
      await f.verify(ok, '13800001111');
      expect(await f.ok(ok, 'porting.checkEligibility', { mobile: '13800001111' })).toMatchObject({ eligible: true, validUntil: '2027-02-23' });
    });

    it('files a broadband repair and a SIM replacement', async () => {
      const ctx = await conversation('telecom');
      const fault = await f.ok(ctx, 'faults.create', { account: 'KD0571001234', symptom: 'slow' });
      expect(fault).toMatchObject({ eta: chinaDateTime(new Date(ctx.now.getTime() + minutes(24 * 60))) });
      expect(await f.failCode(ctx, 'faults.create', { account: 'KD0000000000', symptom: 'slow' })).toBe('account_not_found');
      await f.verify(ctx, '13700003333');
      expect(await f.ok(ctx, 'sim.requestReplacement', { mobile: '13700003333', reason: 'lost', delivery: 'store' })).toMatchObject({ orderNumber: expect.stringMatching(/^BK/) });
    });
  });
});

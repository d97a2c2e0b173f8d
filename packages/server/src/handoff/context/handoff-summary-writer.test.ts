import { describe, expect, it } from 'vitest';
import type { ConversationUnderstanding, UnderstandingVocabulary } from './conversation-understanding.js';
import { MAX_SUMMARY_CHARS, writeHandoffSummary } from './handoff-summary-writer.js';

function understood(patch: Partial<ConversationUnderstanding>): ConversationUnderstanding {
  return { intent: null, intentLabel: null, confidence: null, flowId: null, step: null, slots: {}, emotions: [], risk: { level: 'none', reasons: [] }, handoffReason: null, locale: 'zh-CN', ...patch };
}
const vocab = (slotLabels: Record<string, string>, valueLabels: Record<string, string> = {}): UnderstandingVocabulary => ({ slotLabels, valueLabels });

describe('handoff summary', () => {
  describe('ecommerce', () => {
    it('names the return, its order, the reason the customer gave and the regulator they mentioned', () => {
      const u = understood({ intent: 'return_request', intentLabel: '申请退货', flowId: 'ecommerce.return', slots: { orderId: '20261118883301', reason: '屏幕划痕' }, handoffReason: 'high_risk', risk: { level: 'high', reasons: ['regulator_complaint', 'complaint_intent'] } });
      const summary = writeHandoffSummary(u, ['我要退货', '20261118883301', '屏幕划痕', '再不处理我就打12315投诉你们'], vocab({ orderId: '订单号', reason: '退货原因' }));
      expect(summary).toBe('客户申请退货 订单号 20261118883301，退货原因：屏幕划痕；因提到 12315 转人工');
    });

    it('shows the option label the customer picked, not its stored value', () => {
      const u = understood({ intent: 'exchange_request', intentLabel: '申请换货', slots: { orderId: '20261123883308', reason: 'size' }, handoffReason: 'user_request' });
      const summary = writeHandoffSummary(u, ['换个尺码', '人工'], vocab({ orderId: '订单号', reason: '换货原因' }, { reason: '尺码不合适' }));
      expect(summary).toBe('客户申请换货 订单号 20261123883308，换货原因：尺码不合适；客户主动要求转人工');
    });

    it('turns a topic label into a request and quotes the customer when no detail was collected', () => {
      const u = understood({ intent: 'refund_status', intentLabel: '退款进度', handoffReason: 'repeated_failure' });
      const summary = writeHandoffSummary(u, ['钱怎么还没退回来', '都一个星期了']);
      expect(summary).toBe('客户咨询退款进度；机器人多次未能理解，转人工；最后一句：“都一个星期了”');
    });

    it('says the customer is upset when the bot handed over for another reason', () => {
      const u = understood({ intent: 'logistics_delay', intentLabel: '物流太慢/没更新', slots: { orderId: '20261124883304' }, handoffReason: 'user_request', emotions: [{ seq: 2, label: 'neutral' }, { seq: 4, label: 'anger' }] });
      expect(writeHandoffSummary(u, ['快递怎么还不到', '转人工'], vocab({ orderId: '订单号' }))).toBe('客户咨询物流太慢/没更新 订单号 20261124883304；客户主动要求转人工；客户情绪激动');
    });

    it('writes the complaint in the customer’s words and the anger that handed it over', () => {
      const u = understood({ intent: 'complaint', intentLabel: '投诉', slots: { description: '客服态度差，答应的补偿一直没给' }, handoffReason: 'anger', emotions: [{ seq: 2, label: 'anger' }] });
      expect(writeHandoffSummary(u, ['客服态度差，答应的补偿一直没给'], vocab({ description: '问题描述' }))).toBe('客户投诉，问题描述：客服态度差，答应的补偿一直没给；因客户情绪激动转人工');
    });

    it('keeps secrets and bookkeeping slots out of an invoice summary', () => {
      const u = understood({ intent: 'invoice_request', intentLabel: '开发票', slots: { orderId: '20261118883301', taxId: '91310000MA1FL0000X', titleType: 'company', verified: true, customerId: 'shopper-001' }, handoffReason: 'user_request' });
      const summary = writeHandoffSummary(u, ['开个公司发票'], vocab({ orderId: '订单号', taxId: '税号', titleType: '抬头类型' }, { titleType: '单位' }));
      expect(summary).toBe('客户开发票 订单号 20261118883301，抬头类型：单位；客户主动要求转人工');
      expect(summary).not.toContain('91310000');
      expect(summary).not.toContain('shopper-001');
    });
  });

  describe('finance', () => {
    it('puts a fraud report first and names the police the customer mentioned', () => {
      const u = understood({ intent: 'fraud_report', intentLabel: '诈骗/盗刷', flowId: 'finance.fraud_report', handoffReason: 'high_risk', risk: { level: 'high', reasons: ['legal_threat'] }, emotions: [{ seq: 1, label: 'anxiety' }] });
      expect(writeHandoffSummary(u, ['我的卡被盗刷了两万', '我已经报警了'])).toBe('客户咨询诈骗/盗刷；因提到 报警 转人工；客户很着急；最后一句：“我已经报警了”');
    });

    it('never shows the one-time code of a card-loss identity check', () => {
      const u = understood({ intent: 'card_loss_report', intentLabel: '挂失银行卡', slots: { mobile: '13800138000', otp: '123456', cardLast4: '6688' }, handoffReason: 'flow' });
      const summary = writeHandoffSummary(u, ['挂失', '13800138000', '123456'], vocab({ mobile: '手机号', otp: '验证码', cardLast4: '卡号后四位' }));
      expect(summary).toBe('客户挂失银行卡 手机号 13800138000，卡号后四位：6688；流程需要人工处理');
      expect(summary).not.toContain('123456');
    });

    it('tells a self-harm risk apart from a complaint', () => {
      const u = understood({ intent: 'credit_card_bill', intentLabel: '信用卡账单', handoffReason: 'high_risk', risk: { level: 'high', reasons: ['self_harm'] } });
      expect(writeHandoffSummary(u, ['还不上了，活着没意思'])).toContain('客户流露轻生念头，需立即关怀');
    });
  });

  describe('government', () => {
    it('names the service and day of an appointment, never the ID card number', () => {
      const u = understood({ intent: 'appointment_booking', intentLabel: '预约办事', slots: { service: 'household', date: '2026-12-10', idCard: '110101199003071234' }, handoffReason: 'user_request' });
      const summary = writeHandoffSummary(u, ['预约户籍', '12月10号'], vocab({ service: '办理事项', date: '预约日期', idCard: '身份证号' }, { service: '户籍业务' }));
      expect(summary).toBe('客户预约办事，办理事项：户籍业务，预约日期 2026-12-10；客户主动要求转人工');
      expect(summary).not.toContain('110101');
    });

    it('names a regulator hotline other than 12315', () => {
      const u = understood({ intent: 'progress_query', intentLabel: '办件进度', slots: { applicationRef: 'SQ2026111800120' }, handoffReason: 'high_risk', risk: { level: 'high', reasons: ['regulator_complaint'] } });
      expect(writeHandoffSummary(u, ['SQ2026111800120 怎么还没办好', '我要打12345'], vocab({ applicationRef: '申请编号' }))).toBe('客户咨询办件进度 申请编号 SQ2026111800120；因提到 12345 转人工');
    });
  });

  describe('telecom', () => {
    it('names the broadband account and the symptom', () => {
      const u = understood({ intent: 'broadband_fault', intentLabel: '宽带报修', slots: { account: 'KD0571001234', symptom: 'no_connection' }, handoffReason: 'repeated_failure' });
      expect(writeHandoffSummary(u, ['宽带坏了'], vocab({ account: '宽带账号或地址', symptom: '故障现象' }, { symptom: '无法上网' }))).toBe('客户申请宽带报修 宽带账号或地址 KD0571001234，故障现象：无法上网；机器人多次未能理解，转人工');
    });

    it('falls back to a plain phrase when the regulator is not named in the last messages', () => {
      const u = understood({ intent: 'bill_query', intentLabel: '话费账单', handoffReason: 'high_risk', risk: { level: 'high', reasons: ['regulator_complaint'] } });
      expect(writeHandoffSummary(u, ['乱扣费，我要去告你们'])).toBe('客户咨询话费账单；因提到 向监管部门投诉 转人工；最后一句：“乱扣费，我要去告你们”');
    });

    it('says the customer writes in English', () => {
      const u = understood({ intent: 'plan_change', intentLabel: 'Change plan', handoffReason: 'user_request', locale: 'en' });
      expect(writeHandoffSummary(u, ['I want a cheaper plan', 'agent please'])).toBe('客户咨询Change plan；客户主动要求转人工；最后一句：“agent please”；客户使用英文');
    });
  });

  describe('when little is known', () => {
    it('says no reason was given and quotes the last words before the request for a person', () => {
      const u = understood({ intent: 'human_agent', intentLabel: '转人工客服', handoffReason: 'user_request' });
      expect(writeHandoffSummary(u, ['你好', '我那个东西的事', '转人工'])).toBe('客户主动要求转人工，未说明原因；最后一句：“我那个东西的事”');
    });

    it('quotes the request itself when it is all the customer said', () => {
      expect(writeHandoffSummary(understood({ handoffReason: 'user_request' }), ['人工客服'])).toBe('客户主动要求转人工，未说明原因；最后一句：“人工客服”');
    });

    it('says so when the customer has said nothing', () => {
      expect(writeHandoffSummary(understood({}), [])).toBe('客户要求转人工，未说明原因；客户尚未发言');
    });

    it('treats greetings as no topic', () => {
      const u = understood({ intent: 'greeting', intentLabel: '打招呼', handoffReason: 'repeated_failure' });
      expect(writeHandoffSummary(u, ['在吗', '那个怎么弄啊'])).toBe('机器人多次未能理解，转人工，未说明原因；最后一句：“那个怎么弄啊”');
    });
  });

  describe('length', () => {
    it('cuts a long quote and a long slot value', () => {
      const long = '我'.repeat(300);
      const u = understood({ intent: 'complaint', intentLabel: '投诉', slots: { description: long }, handoffReason: 'anger' });
      const summary = writeHandoffSummary(u, [long], vocab({ description: '问题描述' }));
      expect([...summary].length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
      expect(summary).toContain('…');
    });

    it('never exceeds the bound however many slots there are', () => {
      const slots = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`s${i}`, `值${'长'.repeat(20)}${i}`]));
      const labels = Object.fromEntries(Object.keys(slots).map((k) => [k, `标签${k}`]));
      const summary = writeHandoffSummary(understood({ intent: 'x', intentLabel: '办理业务', slots, handoffReason: 'flow' }), ['a'], vocab(labels));
      expect([...summary].length).toBe(MAX_SUMMARY_CHARS);
      expect(summary.endsWith('…')).toBe(true);
    });
  });
});

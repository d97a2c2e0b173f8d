import { describe, expect, it } from 'vitest';
import { DialogueManager } from './dialogue-manager.js';
import { Conversation, industryFlows } from './test-support/conversation.js';
import { ecommerceBot } from './test-support/ecommerce-bot.js';

const ORDER = 'E202611250001';
const MOBILE = '13800138000';

function bot(industry: 'finance' | 'government' | 'telecom', locale: 'zh-CN' | 'en' = 'zh-CN'): DialogueManager {
  return new DialogueManager({ flows: industryFlows(industry), intentLabels: {}, clarifyGroups: [], locale });
}

describe('ecommerce return, end to end', () => {
  it('goes from "我要退货" through eligibility, reason, pickup and confirmation to an RMA number', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要退货', { intent: 'return_request', confidence: 0.91 });
    expect(chat.say(ORDER).action).toEqual({ id: expect.any(String), name: 'orders.get', args: { orderId: ORDER } });

    chat.actionSucceeds({ orderId: ORDER, status: 'delivered', statusText: '已签收', daysSinceDelivery: 3, itemSummary: '纯棉T恤 ×1' });
    expect(chat.text()).toBe('请问退货的原因是？');
    expect(chat.buttons()).toEqual(['商品质量问题', '尺码不合适', '与描述不符', '不想要了']);

    chat.say('衣服有破损');
    expect(chat.buttons()).toEqual(['上门取件', '自行寄回']);
    chat.say('1');
    expect(chat.text()).toBe(`请确认退货信息：订单 ${ORDER}（纯棉T恤 ×1），原因：商品质量问题，方式：上门取件。确认提交吗？`);
    expect(chat.buttons()).toEqual(['确认', '取消']);

    const create = chat.say('确认');
    expect(create.action).toMatchObject({ name: 'returns.create', args: { orderId: ORDER, reason: 'quality', method: 'pickup' } });
    expect(create.record.outcome).toBe('action');

    const done = chat.actionSucceeds({ rmaNumber: 'RMA20261125001', pickupWindow: '明天 9:00–18:00' });
    expect(chat.text()).toContain('退货申请已提交，RMA 号 RMA20261125001');
    expect(done.record).toMatchObject({ outcome: 'completed', flowId: 'ecommerce.return', intent: 'return_request' });
    expect(done.state.flow).toBeNull();
    expect(done.state.context.orderId).toBe(ORDER);
  });

  it('refuses a return outside the window using the policy in the flow', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say(`${ORDER}退货`, { intent: 'return_request', confidence: 0.9 });
    const out = chat.actionSucceeds({ orderId: ORDER, status: 'delivered', statusText: '已签收', daysSinceDelivery: 12 });
    expect(chat.text()).toContain('已超过 7 天无理由退货期');
    expect(out.state.flow).toBeNull();
  });

  it('follows the connector\'s policy verdict and quotes its refusal', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say(`${ORDER}退货`, { intent: 'return_request', confidence: 0.9 });
    chat.actionSucceeds({ orderId: ORDER, status: 'delivered', statusText: '已签收', daysSinceDelivery: 2, returnable: false, refusal: '该商品不支持7天无理由退货（生鲜商品）' });
    expect(chat.text()).toContain('暂不能申请退货：该商品不支持7天无理由退货（生鲜商品）');
    const generous = new Conversation(ecommerceBot());
    generous.say(`${ORDER}退货`, { intent: 'return_request', confidence: 0.9 });
    generous.actionSucceeds({ orderId: ORDER, status: 'delivered', statusText: '已签收', daysSinceDelivery: 12, returnable: true });
    expect(generous.text()).toBe('请问退货的原因是？');
  });

  it('words an exchange refusal with the window the connector decided by, not a number of the template\'s own', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say(`${ORDER}换货`, { intent: 'exchange_request', confidence: 0.9 });
    chat.actionSucceeds({ orderId: ORDER, status: 'delivered', statusText: '已签收', daysSinceDelivery: 12, exchangeable: false, exchangeRefusal: '已超过签收后7天的换货期' });
    expect(chat.text()).toContain('暂不能换货：已超过签收后7天的换货期');
    expect(chat.text()).not.toMatch(/15 ?天/);
    const unknown = new Conversation(ecommerceBot());
    unknown.say(`${ORDER}换货`, { intent: 'exchange_request', confidence: 0.9 });
    unknown.actionSucceeds({ orderId: ORDER, status: 'delivered', statusText: '已签收', daysSinceDelivery: 20 });
    expect(unknown.text()).toContain('已超过换货期');
    expect(unknown.text()).not.toMatch(/\d+ ?天/);
  });

  it('asks again for the order number when the order does not exist', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say(`${ORDER}退货`, { intent: 'return_request', confidence: 0.9 });
    chat.actionFails('not_found', 'order not found');
    expect(chat.text()).toContain(`没有查到订单 ${ORDER}`);
    expect(chat.last?.state.flow?.waiting).toBe('slot');
    expect(chat.say('E202611250009').action?.args).toEqual({ orderId: 'E202611250009' });
  });

  it('says the order system is busy, not that the order does not exist, when the backend is down', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say(`${ORDER}退货`, { intent: 'return_request', confidence: 0.9 });
    const out = chat.actionFails('unavailable', '系统繁忙，请稍后再试');
    expect(chat.text()).toContain('订单系统暂时繁忙');
    expect(chat.text()).not.toContain('没有查到');
    expect(chat.buttons()).toEqual(['转人工']);
    expect(out.state.flow).toBeNull();
  });

  it('offers a human when a connector fails in a step without its own error path', () => {
    const flows = [
      {
        id: 'shop.points',
        intent: 'points_query',
        title: { zh: '积分查询', en: 'points' },
        steps: [
          { id: 'fetch', type: 'action' as const, action: 'points.get' },
          { id: 'done', type: 'end' as const, text: { zh: '您有 {{result.points}} 积分', en: '{{result.points}} points' } },
        ],
      },
    ];
    const chat = new Conversation(new DialogueManager({ flows, intentLabels: {}, clarifyGroups: [], locale: 'zh-CN' }));
    chat.say('我有多少积分', { intent: 'points_query', confidence: 0.9 });
    const out = chat.actionFails('unavailable');
    expect(chat.text()).toContain('系统暂时无法完成处理');
    expect(chat.buttons()).toEqual(['转人工']);
    expect(out.state.flow).toBeNull();
    expect(out.record.outcome).toBe('fallback');
    expect(chat.say('转人工').handoff?.reason).toBe('user_request');
  });
});

describe('finance identity verification then card loss', () => {
  it('verifies by SMS code, then reports the card lost', () => {
    const chat = new Conversation(bot('finance'));
    chat.say('我的银行卡丢了', { intent: 'card_loss_report', confidence: 0.93 });
    expect(chat.text()).toContain('请输入您预留的手机号码');

    const send = chat.say(`手机号 ${MOBILE.slice(0, 3)} ${MOBILE.slice(3, 7)} ${MOBILE.slice(7)}`);
    expect(send.action).toMatchObject({ name: 'identity.sendOtp', args: { mobile: MOBILE } });
    const sent = chat.actionSucceeds({ maskedMobile: '138****8000' });
    expect(sent.record).toMatchObject({ intent: 'card_loss_report', flowId: 'finance.identity', step: 'otp' });
    expect(chat.text()).toBe('验证码已发送至 138****8000，请输入 6 位短信验证码。');

    expect(chat.say('12345').action).toBeUndefined();
    expect(chat.text()).toContain('6 位数字验证码');
    const verify = chat.say('验证码是 246810');
    expect(verify.action).toMatchObject({ name: 'identity.verifyOtp', args: { mobile: MOBILE, code: '246810' } });

    chat.actionSucceeds({ verified: true, customerId: 'C1001' });
    expect(chat.text()).toContain('请输入需要挂失的银行卡卡号后四位');
    chat.say('尾号 6222');
    expect(chat.text()).toContain('确认挂失尾号 6222 的银行卡吗');
    const report = chat.say('确认');
    expect(report.action).toMatchObject({ name: 'cards.reportLoss', args: { customerId: 'C1001', cardLast4: '6222' } });

    const done = chat.actionSucceeds({ reportNumber: 'GS20261125009', replacementFee: 0 });
    expect(chat.text()).toContain('挂失成功，挂失编号 GS20261125009');
    expect(done.record).toMatchObject({ outcome: 'completed', flowId: 'finance.card_loss' });
    expect(done.state.context).toMatchObject({ identityVerified: true, customerId: 'C1001', mobile: MOBILE });
  });

  it('repeats the verification question when the customer repeats the task mid-verification', () => {
    const chat = new Conversation(bot('finance'));
    chat.say('我的卡丢了', { intent: 'card_loss_report', confidence: 0.93 });
    const out = chat.say('我要挂失银行卡', { intent: 'card_loss_report', confidence: 0.97 });
    expect(chat.text()).toBe('好的，我们继续银行卡挂失：为保障您的账户安全，需要先验证身份。请输入您预留的手机号码。');
    expect(out.state.stack).toHaveLength(1);
  });

  it('takes a code the classifier mistakes for another task, since the message is just the code', () => {
    const chat = new Conversation(bot('finance'));
    chat.say('挂失', { intent: 'card_loss_report', confidence: 0.9 });
    chat.say(MOBILE);
    chat.actionSucceeds({ maskedMobile: '138****8000' });
    expect(chat.say('验证码246810', { intent: 'fraud_report', confidence: 1 }).action?.name).toBe('identity.verifyOtp');
  });

  it('does not verify twice in one conversation', () => {
    const chat = new Conversation(bot('finance'));
    chat.say('查余额', { intent: 'balance_query', confidence: 0.9 });
    chat.say(MOBILE);
    chat.actionSucceeds({ maskedMobile: '138****8000' });
    chat.say('246810');
    chat.actionSucceeds({ verified: true, customerId: 'C1001' });
    chat.actionSucceeds({ accountLast4: '0001', available: '¥1,024.00', ledger: '¥1,024.00', asOf: '11-25 10:00' });
    expect(chat.text()).toContain('可用余额为 ¥1,024.00，');
    const reset = chat.say('我要重置密码', { intent: 'password_reset', confidence: 0.9 });
    expect(reset.action).toBeUndefined();
    expect(chat.text()).toContain('身份验证通过。请输入需要重置密码的银行卡卡号后四位');
  });

  it('hands off after too many wrong codes', () => {
    const chat = new Conversation(bot('finance'));
    chat.say('挂失', { intent: 'card_loss_report', confidence: 0.9 });
    chat.say(MOBILE);
    chat.actionSucceeds({ maskedMobile: '138****8000' });
    chat.say('111111');
    chat.actionSucceeds({ verified: false, attemptsLeft: 1 });
    expect(chat.text()).toContain('验证码不正确，您还可以尝试 1 次');
    chat.say('222222');
    const out = chat.actionSucceeds({ verified: false, attemptsLeft: 0 });
    expect(out.handoff).toEqual({ reason: 'high_risk', priority: 'high' });
    expect(out.state.flow).toBeNull();
  });

  it('says how many seconds to wait when codes were requested too often, and resends when asked', () => {
    const chat = new Conversation(bot('finance'));
    chat.say('挂失', { intent: 'card_loss_report', confidence: 0.9 });
    chat.say(MOBILE);
    const refused = chat.actionFails('otp_rate_limited', '验证码发送过于频繁，请 42 秒后再试', 41.3);
    expect(chat.text()).toBe('验证码发送太频繁，请在 42 秒后再试。到时需要我重新发送验证码吗？');
    expect(chat.text()).not.toContain('暂时不可用');
    expect(chat.buttons()).toEqual(['是', '否']);
    expect(refused.state.flow).toMatchObject({ flowId: 'finance.identity', stepId: 'resendLater' });
    // Asked again too early: the wait shown is the new one.
    expect(chat.say('是').action).toMatchObject({ name: 'identity.sendOtp', args: { mobile: MOBILE } });
    chat.actionFails('otp_rate_limited', '', 12);
    expect(chat.text()).toContain('请在 12 秒后再试');
    chat.say('好的');
    const sent = chat.actionSucceeds({ maskedMobile: '138****8000' });
    expect(chat.text()).toBe('验证码已发送至 138****8000，请输入 6 位短信验证码。');
    expect(sent.state.flow).toMatchObject({ flowId: 'finance.identity', stepId: 'otp' });
  });

  it('gives the wait in minutes when the number reached its hourly limit, and offers a human', () => {
    const chat = new Conversation(bot('finance'));
    chat.say('挂失', { intent: 'card_loss_report', confidence: 0.9 });
    chat.say(MOBILE);
    const out = chat.actionFails('otp_rate_limited', '', 2941);
    expect(chat.text()).toBe('该号码获取验证码的次数过多，请在 50 分钟后再试，或转人工客服。');
    expect(chat.buttons()).toEqual(['转人工']);
    expect(out.state.flow).toBeNull();
  });

  it('keeps the outage message for a real outage', () => {
    const chat = new Conversation(bot('finance'));
    chat.say('挂失', { intent: 'card_loss_report', confidence: 0.9 });
    chat.say(MOBILE);
    chat.actionFails('unavailable', '系统繁忙，请稍后再试');
    expect(chat.text()).toBe('抱歉，验证码服务暂时不可用，请稍后再试或转人工客服。');
  });

  it('cancelling during verification cancels the card-loss task it belongs to', () => {
    const chat = new Conversation(bot('finance'));
    chat.say('挂失', { intent: 'card_loss_report', confidence: 0.9 });
    chat.say('算了');
    expect(chat.text()).toBe('确定要取消当前的银行卡挂失吗？');
    const out = chat.say('是的');
    expect(out.state.flow).toBeNull();
    expect(out.state.stack).toEqual([]);
    expect(out.record.outcome).toBe('cancelled');
  });
});

describe('government appointment booking', () => {
  it('books a counter appointment from the free slots and returns the reference number', () => {
    const chat = new Conversation(bot('government'));
    chat.say('我想预约办事', { intent: 'appointment_booking', confidence: 0.9 });
    expect(chat.buttons()).toContain('身份证办理');
    // The classifier hears a certificate request in the button text; the open question wins.
    chat.say('身份证办理', { intent: 'certificate_request', confidence: 1 });
    const list = chat.say('明天');
    expect(list.action).toMatchObject({ name: 'appointments.listSlots', args: { service: 'id_card', date: '2026-11-26' } });
    chat.actionSucceeds({ slots: [{ id: 's1', label: '09:00-09:30' }, { id: 's2', label: '14:00-14:30' }] });
    expect(chat.buttons()).toEqual(['09:00-09:30', '14:00-14:30']);
    chat.say('第二个');
    chat.say('张三');
    chat.say('11010519491231002X');
    expect(chat.text()).toBe('请确认预约信息：身份证办理，2026-11-26 14:00-14:30，预约人 张三。确认预约吗？');
    const book = chat.say('确认');
    expect(book.action).toMatchObject({ name: 'appointments.book', args: { service: 'id_card', date: '2026-11-26', slotId: 's2', name: '张三', idCard: '11010519491231002X' } });
    chat.actionSucceeds({ referenceNumber: 'YY20261126042', time: '11月26日 14:00', location: '市民中心 3 号窗口' });
    expect(chat.text()).toContain('预约成功！预约号 YY20261126042');
  });

  it('skips the service question when the opening message names the service', () => {
    const chat = new Conversation(bot('government'));
    chat.say('我想预约办身份证', { intent: 'appointment_booking', confidence: 0.9 });
    expect(chat.text()).toContain('请问您想预约哪一天');
    chat.say('明天');
    chat.actionSucceeds({ slots: [{ id: 's1', label: '09:00-09:30' }] });
    chat.say('1');
    chat.say('李四');
    chat.say('11010519491231002X');
    expect(chat.text()).toBe('请确认预约信息：身份证办理，2026-11-26 09:00-09:30，预约人 李四。确认预约吗？');
  });

  it('asks for another day when the chosen one is full', () => {
    const chat = new Conversation(bot('government'));
    chat.say('预约', { intent: 'appointment_booking', confidence: 0.9 });
    chat.say('社保');
    chat.say('后天');
    chat.actionSucceeds({ slots: [] });
    expect(chat.text()).toContain('2026-11-27 的号源已约满');
    expect(chat.say('下周一').action?.args).toEqual({ service: 'social_security', date: '2026-11-30' });
  });

  it('takes the day from an NLU datetime entity', () => {
    const chat = new Conversation(bot('government'));
    chat.say('预约', { intent: 'appointment_booking', confidence: 0.9 });
    chat.say('户籍业务');
    const out = chat.say('12月2日下午', { entities: [{ type: 'datetime', value: '2026-12-02T14:00:00+08:00', text: '12月2日下午' }] });
    expect(out.action?.args).toEqual({ service: 'household', date: '2026-12-02' });
  });

  it('rejects an ID number with a wrong check digit', () => {
    const chat = new Conversation(bot('government'));
    chat.say('开无犯罪记录证明', { intent: 'certificate_request', confidence: 0.9 });
    chat.say('无犯罪记录证明');
    chat.say('110105194912310021');
    expect(chat.text()).toContain('身份证号码校验未通过');
  });

  it('tells the customer to upload materials through the attachment button', () => {
    const chat = new Conversation(bot('government'));
    chat.say('补交材料 GA2026112500001', { intent: 'material_upload', confidence: 0.9 });
    expect(chat.last?.action).toMatchObject({ name: 'materials.expect', args: { applicationRef: 'GA2026112500001' } });
    chat.actionSucceeds({ requiredMaterials: ['户口本首页', '近期免冠照片'], reviewDays: 3 });
    expect(chat.text()).toContain('还需要补交：户口本首页、近期免冠照片。请点击对话框下方的附件按钮上传');
  });
});

describe('telecom broadband repair', () => {
  it('takes the symptom from the opening message and files a repair ticket', () => {
    const chat = new Conversation(bot('telecom'));
    chat.say('家里宽带上不了网', { intent: 'broadband_fault', confidence: 0.95 });
    expect(chat.text()).toBe('请提供宽带账号或安装地址。');
    const out = chat.say('杭州市西湖区文三路 100 号');
    expect(chat.text()).toContain('断电 1 分钟后重启');
    expect(out.action).toMatchObject({ name: 'faults.create', args: { account: '杭州市西湖区文三路 100 号', symptom: 'no_connection' } });
  });
});

describe('telecom plan change', () => {
  it('lists plans, confirms the pick and changes the plan after verification', () => {
    const chat = new Conversation(bot('telecom'));
    chat.say('我想换个套餐', { intent: 'plan_change', confidence: 0.9 });
    chat.say(MOBILE);
    chat.actionSucceeds({ maskedMobile: '138****8000' });
    chat.say('135790');
    const list = chat.actionSucceeds({ verified: true, customerId: 'T77' });
    expect(list.action).toMatchObject({ name: 'plans.list', args: { mobile: MOBILE } });
    chat.actionSucceeds({ currentPlan: '畅享 59 元', effectiveFrom: '2026-12-01', plans: [{ id: 'p39', label: '畅享 39 元' }, { id: 'p99', label: '畅享 99 元' }] });
    expect(chat.buttons()).toEqual(['畅享 39 元', '畅享 99 元']);
    chat.say('99元那个');
    expect(chat.text()).toBe(`确认将 ${MOBILE} 的套餐变更为「畅享 99 元」吗？新套餐将于 2026-12-01 生效。`);
    const change = chat.say('确认');
    expect(change.action).toMatchObject({ name: 'plans.change', args: { mobile: MOBILE, planId: 'p99' } });
    chat.actionSucceeds({ orderNumber: 'BG1125', effectiveDate: '2026-12-01' });
    expect(chat.text()).toContain('套餐变更成功，受理单号 BG1125');
  });

  it('takes a full plan label tapped as the pick, not its pieces as questions about plans', () => {
    const chat = new Conversation(new DialogueManager({ flows: industryFlows('telecom'), intentLabels: {}, clarifyGroups: [], locale: 'zh-CN', faqLookup: (id) => ({ question: id, answer: `FAQ ${id}` }) }));
    chat.say('我想换个套餐', { intent: 'plan_change', confidence: 0.9 });
    chat.say(MOBILE);
    chat.actionSucceeds({ maskedMobile: '138****8000' });
    chat.say('135790');
    chat.actionSucceeds({ verified: true, customerId: 'T77' });
    const plans = [{ id: 'P39', label: '畅享 39 元套餐（¥39.00/月，10GB，100分钟）' }, { id: 'P99', label: '5G 畅享 99 元套餐（¥99.00/月，60GB，500分钟）' }];
    chat.actionSucceeds({ currentPlan: '畅享 59 元套餐', effectiveFrom: '2026-12-01', plans });
    // The server splits the label at its commas; each piece reads as a question with a sure FAQ on 5G plans.
    const asks = { act: 'question' as const, actConfidence: 0.9, faq: [{ id: 'plan_5g', confidence: 0.9 }] };
    const label = plans[1]!.label;
    chat.sayClauses(label, asks, ['5G 畅享 99 元套餐（¥99.00/月', '60GB', '500分钟）'].map((c) => [c, asks] as const));
    expect(chat.text()).toBe(`确认将 ${MOBILE} 的套餐变更为「${label}」吗？新套餐将于 2026-12-01 生效。`);
  });

  it('tells an English customer how many seconds to wait for a new code', () => {
    const chat = new Conversation(bot('telecom', 'en'));
    chat.say('I want to change my plan', { intent: 'plan_change', confidence: 0.9 });
    chat.say(MOBILE);
    chat.actionFails('otp_rate_limited', '', 30);
    expect(chat.text()).toBe('Codes were requested too often. Please try again in 30 seconds. Shall I resend the code then?');
  });

  it('verifies the number, reads the bill month from "last month" and answers in English for an English tenant', () => {
    const chat = new Conversation(bot('telecom', 'en'));
    chat.say(`bill for ${MOBILE} last month`, { intent: 'bill_query', confidence: 0.9 });
    // A number's bill is shown only to whoever can read its SMS: the number given goes to the identity check.
    expect(chat.last?.action).toMatchObject({ name: 'identity.sendOtp', args: { mobile: MOBILE } });
    chat.actionSucceeds({ maskedMobile: '138****8000' });
    chat.say('123456');
    chat.actionSucceeds({ verified: true, customerId: 'C1' });
    expect(chat.last?.action).toMatchObject({ name: 'billing.getBill', args: { mobile: MOBILE, month: '2026-10' } });
    chat.actionSucceeds({ total: '¥88.00', planFee: '¥59.00', extraFee: '¥20.00', valueAddedFee: '¥9.00' });
    expect(chat.text()).toBe(`Bill for ${MOBILE} in 2026-10: ¥88.00 (plan ¥59.00, extra ¥20.00, add-ons ¥9.00).`);
  });
});

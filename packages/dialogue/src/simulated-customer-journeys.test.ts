import { describe, expect, it } from 'vitest';
import type { FaqAnswer } from './dialogue-event.js';
import { DialogueManager } from './dialogue-manager.js';
import { Conversation, industryFlows } from './test-support/conversation.js';

// Stories of the kind the simulated-customer bench (issue #16, parts 1–3) found failing, one kind each, in new words.
function bot(industry: 'finance' | 'government' | 'telecom'): DialogueManager {
  return new DialogueManager({ flows: industryFlows(industry), intentLabels: {}, clarifyGroups: [], locale: 'zh-CN' });
}

const WEEKEND: FaqAnswer = { id: 'weekend', question: '政务服务中心周末上班吗？', answer: '周六上午 9:00–12:00 开放部分窗口，周日休息。' };
const COMPENSATION: FaqAnswer = { id: 'compensation', question: '宽带修了很久没修好有补偿吗？', answer: '修障超过 48 小时未恢复的，可按天申请补偿。' };

describe('side questions while a value is asked', () => {
  it('answers "你们星期六开不开" at the date question instead of booking that Saturday', () => {
    const chat = new Conversation(bot('government'));
    chat.say('预约', { intent: 'appointment_booking', confidence: 0.9 });
    chat.say('户籍业务');
    expect(chat.text()).toContain('哪一天');
    const out = chat.say('工作日走不开，你们星期六星期天开不开门', { intent: 'appointment_booking', confidence: 0.88, act: 'question', actConfidence: 0.99, faq: [{ id: 'weekend', confidence: 0.42 }] }, [WEEKEND]);
    expect(chat.text()).toContain('周六上午');
    expect(chat.text()).toContain('哪一天');
    expect(out.action).toBeUndefined();
  });

  it('takes an ID number said with the word 身份证 in front, although the classifier hears a certificate request', () => {
    const chat = new Conversation(bot('government'));
    chat.say('预约', { intent: 'appointment_booking', confidence: 0.9 });
    chat.say('户籍业务');
    chat.say('明天');
    chat.actionSucceeds({ slots: [{ id: 's1', label: '09:00-09:30' }] });
    chat.say('第一个');
    chat.say('王小明');
    const out = chat.say('身份证11010519491231002X', { intent: 'certificate_request', confidence: 0.94 });
    expect(out.state.flow?.flowId).toBe('government.appointment');
    expect(out.state.flow?.slots.idCard).toBe('11010519491231002X');
  });

  it('answers a question at the broadband account step rather than filing it as the address, then picks the symptom from free words', () => {
    const chat = new Conversation(bot('telecom'));
    chat.say('家里网断了', { intent: 'broadband_fault', confidence: 0.9 });
    expect(chat.text()).toContain('宽带账号');
    chat.say('修了这么多天都没好，会赔点什么吗？', { outOfScope: true, act: 'question', actConfidence: 0.86, faq: [{ id: 'compensation', confidence: 0.36 }, { id: 'other', confidence: 0.05 }] }, [COMPENSATION]);
    expect(chat.text()).toContain('按天申请补偿');
    expect(chat.text()).toContain('宽带账号');
    chat.say('KD0571009999');
    expect(chat.buttons()).toContain('完全无法上网');
    const out = chat.say('一点网都没有', { outOfScope: true });
    expect(out.state.flow?.slots.symptom).toBe('no_connection');
    expect(chat.text()).toContain('按『完全无法上网』');
  });
});

describe('a new task instead of the current one', () => {
  it('drops the balance check and starts the bill at once when the customer says both ("余额不查了，帮我看账单")', () => {
    const chat = new Conversation(bot('finance'));
    chat.say('查余额', { intent: 'balance_query', confidence: 0.9 });
    const out = chat.say('算了余额不查了，帮我看看信用卡账单', { intent: 'credit_card_bill', confidence: 0.87 });
    expect(chat.text()).toContain('已为您取消');
    expect(out.state.pending).toBeNull();
    expect(out.state.stack.filter((e) => e.mode === 'suspend')).toEqual([]);
    expect(out.state.flow).not.toBeNull();
  });
});

describe('a task taken after the bot answered or asked about the message first', () => {
  const HOW_TO: FaqAnswer = { id: 'no_record_how', question: '无犯罪记录证明怎么开？', answer: '本人可在「一网通办」在线申请，3个工作日内出具电子证明。' };

  it('keeps what the first message said: "开无犯罪记录证明" answered as a how-to, then the ID takes the offer with the type already known', () => {
    const chat = new Conversation(bot('government'));
    chat.say('开无犯罪记录证明', { intent: 'certificate_request', confidence: 0.9, act: 'question', actConfidence: 0.8, faq: [{ id: 'no_record_how', confidence: 0.9 }] }, [HOW_TO]);
    expect(chat.text()).toContain('一网通办');
    expect(chat.buttons()).toHaveLength(1);
    const out = chat.say('33010619900101123X');
    expect(out.state.flow?.flowId).toBe('government.certificate');
    expect(out.state.flow?.slots).toMatchObject({ certificateType: 'no_criminal_record', idCard: '33010619900101123X' });
    expect(chat.text()).not.toContain('哪类证明');
  });

  it('keeps it when the offer is taken with a bare "好的" too', () => {
    const chat = new Conversation(bot('government'));
    chat.say('开无犯罪记录证明', { intent: 'certificate_request', confidence: 0.9, act: 'question', actConfidence: 0.8, faq: [{ id: 'no_record_how', confidence: 0.9 }] }, [HOW_TO]);
    const out = chat.say('好的');
    expect(out.state.flow?.slots.certificateType).toBe('no_criminal_record');
    expect(chat.text()).toContain('身份证');
  });
});

describe('a question about a record named earlier in the chat', () => {
  const CHANGE_HOW: FaqAnswer = { id: 'address_how', question: '下单后还能改地址吗？', answer: '订单未出库时，可在订单详情点击「修改地址」。' };
  const shop = () => new DialogueManager({ flows: industryFlows('ecommerce'), intentLabels: {}, clarifyGroups: [], locale: 'zh-CN' });

  it('"刚才那个订单能改地址吗" after a status check starts the change for that order instead of explaining how', () => {
    const chat = new Conversation(shop());
    chat.say('查一下订单 20261125883305', { intent: 'order_status', confidence: 0.95 });
    chat.actionSucceeds({ orderId: '20261125883305', status: 'paid', statusText: '待发货' });
    // A sure FAQ (≥ faqBesideRequest) too: read as a request with a question beside it, it was answered and offered.
    const spec = { intent: 'modify_address', confidence: 0.99, act: 'question' as const, actConfidence: 0.9, faq: [{ id: 'address_how', confidence: 0.95 }] };
    const out = chat.say('刚才那个订单能改地址吗', spec, [CHANGE_HOW]);
    expect(out.state.flow?.flowId).toBe('ecommerce.modify_address');
    expect(out.state.flow?.slots.orderId).toBe('20261125883305');
    // Without an earlier record the same words ask how it works: answered, the task offered.
    const fresh = new Conversation(shop());
    const asked = fresh.say('那个订单能改地址吗', spec, [CHANGE_HOW]);
    expect(asked.state.flow).toBeNull();
    expect(fresh.text()).toContain('修改地址');
  });
});

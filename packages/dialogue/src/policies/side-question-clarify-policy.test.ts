import { describe, expect, it } from 'vitest';
import type { FaqAnswer } from '../dialogue-event.js';
import { Conversation } from '../test-support/conversation.js';
import { ecommerceBot } from '../test-support/ecommerce-bot.js';
import { ecommerceStates, ORDER } from '../test-support/ecommerce-states.js';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { sideQuestionClarifyPolicy } from './side-question-clarify-policy.js';

const bot = new PolicyHarness();
const HOURS: FaqAnswer = { id: 'service_hours', question: '人工客服几点上班？', answer: '人工客服每天 9:00–22:00 在线。' };
const ASKED = { act: 'question' as const, actConfidence: 0.95, intent: 'human_agent', confidence: 0.99, faq: [{ id: 'service_hours', confidence: 0.35 }] };

describe('side-question clarify policy', () => {
  it('asks "您是想问…" beside the step asked again, instead of calling the question a wrong order number', () => {
    const { acted, turn, text } = bot.trial(sideQuestionClarifyPolicy, ecommerceStates.returnAskingForOrder(), '晚上十点以后还有真人客服吗？', ASKED, { faqAnswers: [HOURS] });
    expect(acted).toBe(true);
    expect(text).toContain('您是想问');
    expect(text).toContain('订单号');
    expect(text).not.toContain('不正确');
    expect(turn.replies[0]?.quickReplies).toEqual(['人工客服几点上班？']);
    expect(turn.state.pending).toMatchObject({ kind: 'choice', purpose: 'clarify', options: [{ kind: 'faq', id: 'service_hours' }] });
  });

  it('leaves values, mistyped numbers and questions without FAQ hits to the other policies', () => {
    expect(bot.trial(sideQuestionClarifyPolicy, ecommerceStates.returnAskingForOrder(), '单号是1234吗？', ASKED, { faqAnswers: [HOURS] }).acted).toBe(false);
    expect(bot.trial(sideQuestionClarifyPolicy, ecommerceStates.returnAskingForOrder(), '今天天气怎么样？', { act: 'question', actConfidence: 0.95, outOfScope: true }).acted).toBe(false);
    // Buttons on show: a question is read against them by the option policies, not here.
    expect(bot.trial(sideQuestionClarifyPolicy, ecommerceStates.returnAskingForReason(), '晚上十点以后还有真人客服吗？', ASKED, { faqAnswers: [HOURS] }).acted).toBe(false);
  });

  it('answers the question tapped and asks the step again; the order number typed instead still fills it', () => {
    const chat = new Conversation(ecommerceBot());
    chat.state = ecommerceStates.returnAskingForOrder();
    chat.say('晚上十点以后还有真人客服吗？', ASKED, [HOURS]);
    chat.say('人工客服几点上班？', { faq: [{ id: 'service_hours', confidence: 0.9 }] }, [HOURS]);
    expect(chat.text()).toContain('9:00–22:00');
    expect(chat.text()).toContain('订单号');
    expect(chat.state?.flow?.stepId).toBe('order');
    const typed = new Conversation(ecommerceBot());
    typed.state = ecommerceStates.returnAskingForOrder();
    typed.say('晚上十点以后还有真人客服吗？', ASKED, [HOURS]);
    const out = typed.say(ORDER);
    expect(out.state.flow?.slots.orderId).toBe(ORDER);
  });
});

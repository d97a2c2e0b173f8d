import { actionPendingPolicy } from './action-pending-policy.js';
import { angerPolicy } from './anger-policy.js';
import { cancelConfirmPolicy } from './cancel-confirm-policy.js';
import { cancelPolicy } from './cancel-policy.js';
import { choiceReplyPolicy } from './choice-reply-policy.js';
import { clarifyPolicy } from './clarify-policy.js';
import { compoundTaskPolicy } from './compound-task-policy.js';
import { confirmationPolicy } from './confirmation-policy.js';
import { correctionPolicy } from './correction-policy.js';
import { detourPolicy } from './detour-policy.js';
import { documentAnswerPolicy } from './document-answer-policy.js';
import { documentDeclinePolicy } from './document-decline-policy.js';
import { fallbackPolicy } from './fallback-policy.js';
import { faqAnswerPolicy } from './faq-answer-policy.js';
import { faqClarifyPolicy } from './faq-clarify-policy.js';
import { freeTextSlotPolicy } from './free-text-slot-policy.js';
import { generalQuestionPolicy } from './general-question-policy.js';
import { highRiskPolicy } from './high-risk-policy.js';
import { humanRequestPolicy } from './human-request-policy.js';
import { inDomainClarifyPolicy } from './in-domain-clarify-policy.js';
import { intentOrFaqPolicy } from './intent-or-faq-policy.js';
import { lateCorrectionPolicy } from './late-correction-policy.js';
import { offTopicPolicy } from './off-topic-policy.js';
import { ownCaseQuestionPolicy } from './own-case-question-policy.js';
import { optionAnswerPolicy } from './option-answer-policy.js';
import { optionGuessReplyPolicy } from './option-guess-reply-policy.js';
import { reAskPolicy } from './re-ask-policy.js';
import { sideQuestionClarifyPolicy } from './side-question-clarify-policy.js';
import { referencePolicy } from './reference-policy.js';
import { strictSlotPolicy } from './strict-slot-policy.js';
import { topicSwitchPolicy } from './topic-switch-policy.js';
import { vagueClarifyPolicy } from './vague-clarify-policy.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * The decisions about a customer message, tried in this order until one acts. Policies marked (flow) act only
 * while a flow is active, (open) only outside flows; each of the two groups ends with one that always acts.
 * A new kind of message gets a new policy here, placed by what it must win over and what must win over it.
 */
export const turnPolicies: readonly TurnPolicy[] = [
  // Safety first: nothing the message also asks for matters when it is a threat or a crisis.
  highRiskPolicy,
  // Strong anger next: a person calms better than any flow; below the bar the task goes on with empathy.
  angerPolicy,
  // An explicit "转人工" overrides whatever is pending — but not a button or vague phrase the classifier misreads.
  humanRequestPolicy,
  // The answer to "确定取消吗？" must be read before "不" or "好" is taken as anything else.
  cancelConfirmPolicy,
  // A reply to buttons on show is taken as that answer before the message is read on its own.
  choiceReplyPolicy,
  // (flow) A message while an action is outstanding means its result was lost: ask again, before any reading.
  actionPendingPolicy,
  // (flow) The yes or no to "您说的是『与描述不符』吗？", before "不是" could be read as a correction or a cancel.
  optionGuessReplyPolicy,
  // (flow) "不对，订单号是…" holds a value, and must not be read as the answer "不对" or as that value for the current step.
  correctionPolicy,
  // (flow) At a confirmation "取消"/"不对" is "no", so it comes before the cancel policy.
  confirmationPolicy,
  // (flow) "算了" leaves the task (after an "are you sure?"), before "算了" could be taken as a free-text answer.
  cancelPolicy,
  // (flow) A typed value is the answer unless the message clearly asks something else; recalled references and mistyped numbers too.
  strictSlotPolicy,
  // (flow) A general question with a sure FAQ answer, answered and the step asked again — before free text swallows it.
  detourPolicy,
  // (flow) A question with options answered in the customer's own words: after the detour (a question is no
  // answer), before topic switches (the classifier may hear another task in "穿了一次就开线了").
  optionAnswerPolicy,
  // (flow) A free-text slot takes the message as it is, unless it is another task or small talk.
  freeTextSlotPolicy,
  // (flow) Another task, small talk or an FAQ: after the slot policies, so answers are never mistaken for topics.
  topicSwitchPolicy,
  // (flow) A question with FAQ hits, none sure, is not a wrong value either: "您是想问…" beside the step asked again.
  sideQuestionClarifyPolicy,
  // (flow) A question the bot cannot answer is not a wrong value: say so, without counting an attempt.
  offTopicPolicy,
  // (flow) Anything else is a wrong answer to the step.
  reAskPolicy,
  // (open) "刚才单号输错了，是…" right after a flow ended reopens it: before any reading of the message as a new request.
  lateCorrectionPolicy,
  // (open) "那另一个订单呢" repeats the last task for another entity, before a weak intent could be clarified.
  referencePolicy,
  // (open) A request the NLU flags as vague ("户口的问题") is asked about before a passage could answer it by guess.
  vagueClarifyPolicy,
  // (open) No clear FAQ, but a confident passage of the tenant's documents: answered with its source — before a
  // clarification of a vague request or a "您是想问…" among weaker FAQs, which a sure answer makes needless; a
  // confident task still starts its flow unless the message asks how things work.
  documentAnswerPolicy,
  // (open) A question inside the customer's own story that an FAQ answers surely: answered, then the task starts or
  // is offered — before a clarification (a sure answer makes it needless) and before the task alone would start.
  ownCaseQuestionPolicy,
  // (open) A vague or ambiguous request is clarified rather than guessed, before any task starts.
  clarifyPolicy,
  // (open) A task with a question beside it: both are handled, before either alone would be.
  compoundTaskPolicy,
  // (open) A how-things-work question with a clear FAQ is answered even when a task's intent is confident.
  generalQuestionPolicy,
  // (open) A how-things-work question with FAQ hits but no clear one: "您是想问…" — not a task nobody asked for,
  // not a guessed answer (the bar is ≤ 2 % wrong answers).
  faqClarifyPolicy,
  // (open) A confident intent starts its flow unless an FAQ is clearly surer.
  intentOrFaqPolicy,
  // (open) No confident intent, but a sure FAQ.
  faqAnswerPolicy,
  // (open) A request the NLU calls out of scope while one of the tenant's tasks holds a fair share of it ("帮我查下"):
  // underspecified, not foreign — asked which task, before the fallback ladder says it did not understand.
  inDomainClarifyPolicy,
  // (open) A question the tenant's documents do not answer surely: say so and offer a person — never a guess.
  documentDeclinePolicy,
  // (open) Nothing understood: the fallback ladder.
  fallbackPolicy,
];

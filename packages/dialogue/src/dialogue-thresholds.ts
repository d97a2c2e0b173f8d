/** Confidence levels at which the manager acts; defaults suit the NLU's calibrated scores. */
export type DialogueThresholds = {
  /** An intent at or above this starts its flow. */
  intent: number;
  /** An intent this sure is not second-guessed by vague-phrase clarification. */
  strongIntent: number;
  /** Top two candidates closer than this are ambiguous. */
  clarifyMargin: number;
  /** Candidates below this are not offered as clarification buttons. */
  clarifyFloor: number;
  /** For a message the NLU flags ambiguous, a third or fourth candidate is offered from this confidence on (the first two always are). */
  clarifyFlaggedFloor: number;
  /**
   * A message the NLU calls out of scope whose best in-scope candidate still has this much is an underspecified
   * request in the tenant's domain ("帮我查下" 0.63, "太贵了" 0.79), asked about rather than not understood; requests
   * from outside the domain ("帮我订张机票", "帮我点个外卖") leave every task near 0.
   */
  clarifyOutOfScope: number;
  /** An FAQ hit at or above this is answered. */
  faq: number;
  /** With a confident intent that has no flow, an FAQ hit this sure is answered. */
  faqWithIntent: number;
  /** A general question ("退款一般多久到账？", not "我的退款到哪了") with an FAQ hit this sure gets the FAQ answer, even when a task's intent is confident. */
  faqQuestion: number;
  /**
   * A question opening a conversation (no flow to come back to) is answered only from an FAQ hit this sure; a less
   * sure one gets "您是想问…" with the candidates. The retriever's confidence is the calibrated probability that its
   * hit is right: at 0.6 about 2 % of the dev everyday questions got another FAQ's answer, at 0.3 over 4 %.
   */
  faqOpenQuestion: number;
  /** Below `faq`, such an FAQ must lead the runner-up by this much ("转账手续费是多少" half-matches two FAQs: not answered). */
  faqQuestionLead: number;
  /**
   * A message with marks of the customer's own case ("我想", "还剩") must be this surely a question before the how-to of
   * the very task it names is answered instead of doing the task: "流量还剩多少" (0.91) and "我想退货怎么操作" (0.51) want
   * the task; "流量怎么查" (0.99) and "预约了去不了咋取消", with no such marks, get the how-to and the task offered.
   */
  howToQuestionAct: number;
  /**
   * A question that also reports the customer's own trouble ("退款成功好几天了还没到账怎么回事") is answered — and the
   * task offered — when the FAQ hit is this sure, whatever the speech act says; below it such a message is a task.
   */
  faqBesideRequest: number;
  /**
   * A question inside the customer's own story ("为什么退我的钱比我付的少") is answered before its task when the FAQ hit
   * is this sure. On the dev everyday questions the top hit was right for 55 of 57 items at 0.8–0.9, 306 of 310 above.
   */
  faqOwnCaseQuestion: number;
  /**
   * Such an answer whose FAQ reads as another intent than the message ("退款一般几天能到账呀", a refund, matching the
   * FAQ on delivery times) must be this sure; below it the customer is asked "您是想问…". Chosen on the dev everyday
   * questions with each template scored by the setting chosen on the other three (bench/everyday-thresholds-dev.ts).
   */
  faqAcrossIntents: number;
  /** A clause's FAQ counts as a side question only when the whole message retrieves it at least this surely (or retrieves nothing). */
  faqSupport: number;
  /** An FAQ beats a confident flow intent only by more than this ("流量还剩多少" wants the number, not the how-to). */
  faqOverFlowMargin: number;
  /** Mid-flow, another intent this sure interrupts the flow. */
  topicSwitch: number;
  /** Anger this strong hands off at once. */
  strongAnger: number;
  /** Anger this strong hands off when the message is a complaint or no task at all; an angry "快递又延误了" still gets its task done. */
  angryComplaint: number;
  /** Anger or anxiety this strong adds an empathetic prefix. */
  empathy: number;
};

export const defaultDialogueThresholds: DialogueThresholds = {
  intent: 0.6,
  strongIntent: 0.85,
  clarifyMargin: 0.1,
  clarifyFloor: 0.2,
  // A vague message leaves most weight on the intent its topic suggests; an alternative at a tenth is still a real one.
  clarifyFlaggedFloor: 0.1,
  clarifyOutOfScope: 0.3,
  faq: 0.6,
  faqWithIntent: 0.4,
  faqQuestion: 0.3,
  faqQuestionLead: 0.1,
  faqOpenQuestion: 0.6,
  faqSupport: 0.1,
  faqBesideRequest: 0.9,
  faqOwnCaseQuestion: 0.8,
  faqAcrossIntents: 0.95,
  howToQuestionAct: 0.95,
  faqOverFlowMargin: 0.15,
  topicSwitch: 0.8,
  strongAnger: 0.85,
  // The NLU scores "什么垃圾银行，马上给我退回来！" and "气死了，快递又延误了" around 0.65, a calm complaint about rudeness around 0.5.
  angryComplaint: 0.6,
  empathy: 0.5,
};

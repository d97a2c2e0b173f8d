import type { Locale } from './localized-text.js';

const zhCN = {
  welcome: '您好，我是智答智能客服，请问有什么可以帮您？',
  greeting: '您好，请问有什么可以帮您？',
  thanks: '不客气，很高兴能帮到您。还有其他问题吗？',
  upsetThanks: '非常抱歉让您有这样的经历。能具体说说遇到了什么问题吗？我会尽力帮您处理，也可以为您转人工客服。',
  goodbye: '感谢您的咨询，祝您生活愉快，再见！',
  clarify: '为了更准确地帮您，请问您遇到的是以下哪种情况？',
  clarifyFaq: '您是想问以下哪个问题？',
  documentChoice: '资料里有相关的内容，但我不能确定是哪一处，不想凭猜测回答。您想了解的是下面哪一项？都不是的话可以转人工客服。',
  offerTask: '需要现在帮您办理{{task}}吗？',
  declined: '好的，还有其他可以帮您的吗？',
  rephrase: '抱歉，我没有完全理解您的意思。您可以换个说法，或者看看是不是想问：',
  rephraseBare: '抱歉，我没有完全理解您的意思，您可以换个说法再描述一下吗？',
  offerHuman: '抱歉，我还是没能理解您的问题。需要为您转接人工客服吗？',
  noAnswer: '这个问题需要人工客服为您处理，需要为您转接吗？',
  documentNotFound: '抱歉，我在资料里没有找到这个问题的确切答案，不想凭猜测回答您。需要为您转接人工客服吗？客服不在时也可以留言，我们会创建工单跟进。',
  humanButton: '转人工',
  handoffUserRequest: '好的，正在为您转接人工客服，请稍候。',
  handoffHighRisk: '您反映的情况我们非常重视，已为您优先转接人工客服，请稍候，我们会尽快为您处理。',
  handoffCrisis:
    '听到您这样说，我们很担心您。您现在的感受很重要，您不是一个人在面对，我们已为您最优先转接人工客服，马上会有人来陪您沟通。' +
    '如果您有伤害自己的想法，请立即拨打公开的心理援助热线：全国24小时心理援助热线 400-161-9995，北京心理危机研究与干预中心 010-82951332，' +
    '或全国心理健康热线 12356。如果您正处在危险中，请马上拨打 120 或 110，或请身边的人陪着您。',
  handoffAnger: '非常理解您现在的心情，我马上为您转接人工客服，请您稍候。',
  handoffRepeatedFailure: '抱歉没能帮您解决，正在为您转接人工客服，请稍候。',
  empathyAnger: '非常抱歉给您带来不便，',
  empathyAnxiety: '请您别着急，',
  cancelConfirm: '确定要取消当前的{{flow}}吗？',
  cancelled: '好的，已为您取消{{flow}}。如有其他需要请随时告诉我。',
  cancelledForOther: '好的，{{flow}}已为您取消。',
  optionTaken: '好的，按『{{label}}』为您处理。',
  continueFlow: '好的，我们继续{{flow}}：{{prompt}}',
  resumeFlow: '我们继续刚才的{{flow}}：{{prompt}}',
  corrected: '好的，{{label}}已更正为 {{value}}。',
  invalidSlot: '{{label}}好像不正确。{{prompt}}',
  optionGuess: '您说的是『{{label}}』吗？',
  optionPick: '好的。{{prompt}}请从下面选择最接近的一项。',
  optionUnclear: '抱歉，没能确定您说的是哪一种。{{prompt}}请从下面选择最接近的一项。',
  offTopic: '抱歉，这个问题我暂时回答不了。',
  confirmRetry: '请回复“{{yes}}”或“{{no}}”。',
  actionPending: '正在为您处理，请稍候…',
  actionFailed: '抱歉，系统暂时无法完成处理，请稍后再试，或转人工客服为您处理。',
  taskNotConfigured: '抱歉，{{flow}}暂不支持在线办理（尚未接入业务系统）。可以为您转人工客服，或提交工单由专人处理。',
  ticketButton: '提交工单',
  yes: '是',
  no: '否',
  confirm: '确认',
  cancel: '取消',
} as const;

export type DialogueMessageKey = keyof typeof zhCN;

/** The bot's own phrases (not flow texts), one catalogue per locale. */
export type DialogueMessages = Record<DialogueMessageKey, string>;

const en: DialogueMessages = {
  welcome: "Hello, I'm the Zhida assistant. How can I help you?",
  greeting: 'Hello, how can I help you?',
  thanks: "You're welcome, glad to help. Anything else?",
  upsetThanks: "I'm sorry this has been such a hassle. Could you tell me what went wrong? I'll do my best to sort it out, or I can put you through to a person.",
  goodbye: 'Thank you for contacting us. Goodbye!',
  clarify: 'To help you precisely, which of these is it?',
  clarifyFaq: 'Did you mean one of these questions?',
  documentChoice: "Our documents have something close, but I'm not sure which part you mean and I'd rather not guess. Which of these would you like? If neither, I can connect you to a human agent.",
  offerTask: 'Shall I start the {{task}} for you now?',
  declined: 'OK. Is there anything else I can help with?',
  rephrase: "Sorry, I didn't quite get that. Could you rephrase, or is it one of these?",
  rephraseBare: "Sorry, I didn't quite get that. Could you describe it another way?",
  offerHuman: "Sorry, I still couldn't understand. Shall I connect you to a human agent?",
  noAnswer: 'A human agent needs to handle this. Shall I connect you?',
  documentNotFound: "Sorry, I couldn't find a sure answer to this in our documents, and I'd rather not guess. Shall I connect you to a human agent? If nobody is available you can leave a message and we'll follow up with a ticket.",
  humanButton: 'Human agent',
  handoffUserRequest: 'Sure, connecting you to a human agent. Please wait a moment.',
  handoffHighRisk: 'We take this very seriously. A human agent will be with you as a priority; please hold on.',
  handoffCrisis:
    'We are worried about you after what you said. How you feel matters and you are not facing this alone: a person from our team is being ' +
    'connected to you first, right now. If you are thinking of hurting yourself, please call one of these published psychological support ' +
    'hotlines in China now: the national 24-hour line 400-161-9995, the Beijing Psychological Crisis Research and Intervention Center ' +
    '010-82951332, or the national mental-health hotline 12356. If you are in danger right now, call 120 or 110, or ask someone near you to stay with you.',
  handoffAnger: 'I completely understand how you feel. I am connecting you to a human agent right away.',
  handoffRepeatedFailure: "Sorry I couldn't sort this out. Connecting you to a human agent now.",
  empathyAnger: 'We are very sorry for the inconvenience. ',
  empathyAnxiety: "Please don't worry. ",
  cancelConfirm: 'Do you want to cancel the {{flow}}?',
  cancelled: 'OK, the {{flow}} has been cancelled. Let me know if there is anything else.',
  cancelledForOther: 'OK, the {{flow}} has been cancelled.',
  optionTaken: 'OK, "{{label}}".',
  continueFlow: "OK, let's continue with the {{flow}}: {{prompt}}",
  resumeFlow: "Let's get back to the {{flow}}: {{prompt}}",
  corrected: 'OK, {{label}} changed to {{value}}.',
  invalidSlot: 'That {{label}} does not look right. {{prompt}}',
  optionGuess: 'Do you mean "{{label}}"?',
  optionPick: 'OK. {{prompt}} Please pick the closest one.',
  optionUnclear: 'Sorry, I could not tell which one you mean. {{prompt}} Please pick the closest one.',
  offTopic: "Sorry, I can't answer that one.",
  confirmRetry: 'Please answer "{{yes}}" or "{{no}}".',
  actionPending: 'Working on it, one moment…',
  actionFailed: 'Sorry, the system could not complete this right now. Please try again later or talk to a human agent.',
  taskNotConfigured: 'Sorry, the {{flow}} cannot be done online here: it is not connected to our business systems yet. A human agent can help, or you can file a ticket.',
  ticketButton: 'File a ticket',
  yes: 'Yes',
  no: 'No',
  confirm: 'Confirm',
  cancel: 'Cancel',
};

/** Built-in catalogues; a tenant may override single phrases through `DialogueManager` options. */
export const defaultDialogueMessages: Record<Locale, DialogueMessages> = { 'zh-CN': zhCN, en };

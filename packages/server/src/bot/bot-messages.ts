/** Bot phrasing, per locale. Logic never embeds user-facing text. */
export const botMessages = {
  'zh-CN': {
    welcome: (tenantName: string) => `您好，欢迎来到${tenantName}！我是智能客服小智，请问有什么可以帮您？`,
    fallback: '抱歉，我暂时没能理解您的问题。您可以换个说法试试，或者点击“转人工”联系人工客服。',
    handoff: '好的，正在为您转接人工客服，请稍候，客服接入后会第一时间回复您。',
    handoffUrgent: '非常抱歉给您带来不好的体验，我们非常重视您的问题，已为您优先转接人工客服，请稍候。',
    humanButton: '转人工',
    relatedPrefix: '您可能还想问：',
  },
  en: {
    welcome: (tenantName: string) => `Hello, welcome to ${tenantName}! I'm the virtual assistant. How can I help?`,
    fallback: "Sorry, I didn't quite get that. Could you rephrase it, or tap “Talk to a human”?",
    handoff: 'Sure, connecting you to a human agent. Please wait a moment.',
    handoffUrgent: "We're very sorry about this. Your case has been prioritised and an agent will join shortly.",
    humanButton: 'Talk to a human',
    relatedPrefix: 'You may also ask:',
  },
} as const;

export type BotLocale = keyof typeof botMessages;

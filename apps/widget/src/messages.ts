/** Locales the widget ships text for. */
export type Locale = 'zh-CN' | 'en';

/** Every piece of text the widget can show. Functions take the values they interpolate. */
export interface Catalogue {
  title: string;
  subtitleOnline: string;
  subtitleReconnecting: string;
  subtitleConnecting: string;
  subtitleUnavailable: string;
  openChat: string;
  closeChat: string;
  unread: (count: number) => string;
  messageList: string;
  inputLabel: string;
  inputPlaceholder: string;
  send: string;
  sending: string;
  retrying: string;
  waiting: string;
  failed: string;
  dismiss: string;
  botName: string;
  /** Before a bot answer's document source link. */
  documentSource: string;
  agentFallbackName: string;
  visitorName: string;
  someoneTyping: (who: string) => string;
  quickReplies: string;
  /** The 猜你想办 row's title. */
  recommendations: string;
  startFailed: string;
  /** Rate-limited (429): when the widget tries again by itself. */
  busyRetryIn: (seconds: number) => string;
  busyRetrying: string;
  /** What a screen reader hears once, instead of a countdown read out every second. */
  busyAnnouncement: string;
  identityRejected: string;
  tryAgain: string;
  poweredBy: string;
  /** widget-on-demand.js could not be loaded when a video call rang. */
  callLoadFailed: string;
}

const zhCN: Catalogue = {
  title: '在线客服',
  subtitleOnline: '智能助手在线 · 随时为您解答',
  subtitleReconnecting: '网络连接中断，正在重连…',
  subtitleConnecting: '正在连接…',
  subtitleUnavailable: '暂时无法连接',
  openChat: '打开在线客服',
  closeChat: '关闭对话窗口',
  unread: (count) => `${count} 条未读消息`,
  messageList: '对话记录',
  inputLabel: '输入消息',
  inputPlaceholder: '输入消息，Enter 发送',
  send: '发送',
  sending: '发送中…',
  retrying: '网络不稳定，稍后自动重发',
  waiting: '等待发送',
  failed: '发送失败',
  dismiss: '移除',
  botName: '智能助手',
  documentSource: '查看原文',
  agentFallbackName: '人工客服',
  visitorName: '我',
  someoneTyping: (who) => `${who}正在输入…`,
  quickReplies: '快捷回复',
  recommendations: '猜你想办',
  startFailed: '暂时无法连接客服，请稍后再试。',
  busyRetryIn: (seconds) => (seconds >= 120 ? `客服繁忙，${Math.ceil(seconds / 60)} 分钟后自动重试` : `客服繁忙，${seconds} 秒后自动重试`),
  busyRetrying: '客服繁忙，正在重试…',
  busyAnnouncement: '客服繁忙，稍后将自动重试，您的消息会自动发送。',
  identityRejected: '身份校验未通过，请刷新页面后重试。',
  tryAgain: '重试',
  poweredBy: '由 智答 提供技术支持',
  callLoadFailed: '视频通话组件加载失败，请刷新重试',
};

const en: Catalogue = {
  title: 'Customer service',
  subtitleOnline: 'Assistant online · here to help',
  subtitleReconnecting: 'Connection lost, reconnecting…',
  subtitleConnecting: 'Connecting…',
  subtitleUnavailable: 'Currently unavailable',
  openChat: 'Open customer service chat',
  closeChat: 'Close chat window',
  unread: (count) => (count === 1 ? '1 unread message' : `${count} unread messages`),
  messageList: 'Conversation',
  inputLabel: 'Type a message',
  inputPlaceholder: 'Type a message…',
  send: 'Send',
  sending: 'Sending…',
  retrying: 'Network unstable, will resend automatically',
  waiting: 'Waiting to send',
  failed: 'Not sent',
  dismiss: 'Remove',
  botName: 'Assistant',
  documentSource: 'Open the source',
  agentFallbackName: 'Agent',
  visitorName: 'You',
  someoneTyping: (who) => `${who} is typing…`,
  quickReplies: 'Quick replies',
  recommendations: 'You may want to',
  startFailed: 'We could not reach customer service. Please try again later.',
  busyRetryIn: (seconds) => (seconds >= 120 ? `Customer service is busy. Retrying in ${Math.ceil(seconds / 60)} min` : `Customer service is busy. Retrying in ${seconds} s`),
  busyRetrying: 'Customer service is busy. Retrying…',
  busyAnnouncement: 'Customer service is busy. We will retry shortly and send your message automatically.',
  identityRejected: 'We could not verify your identity. Please reload the page.',
  tryAgain: 'Try again',
  poweredBy: 'Powered by Zhida',
  callLoadFailed: 'The video call could not be loaded. Please reload the page and try again.',
};

const catalogues: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en };

/**
 * Maps whatever the host page wrote in `data-locale` to a supported locale; Chinese is the default.
 *
 * @example resolveLocale('en-US') // 'en'
 */
export function resolveLocale(requested: string | undefined | null): Locale {
  const tag = (requested ?? '').trim().toLowerCase();
  return tag === 'en' || tag.startsWith('en-') ? 'en' : 'zh-CN';
}

/** The text catalogue for a locale. */
export function getCatalogue(locale: Locale): Catalogue {
  return catalogues[locale];
}

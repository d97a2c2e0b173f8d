import type { HandoffStatus } from './handoff-status-schema.js';
import type { LeaveMessageProblem } from './leave-message-validation.js';
import type { Locale } from './messages.js';
import { NOTICE_REQUIRED } from './notice-gate.js';

/** Every piece of text the handoff bar and the 留言 form show. */
export interface HandoffCatalogue {
  /** Waiting, with the queue position and the estimate (either may be unknown). */
  waiting: (ahead: number | null, etaSeconds: number | null) => string;
  connected: (agentName: string | null) => string;
  /** Unavailable without a reason from the server. */
  unavailableFallback: string;
  ended: string;
  cancel: string;
  cancelling: string;
  leaveMessage: string;
  /** The bot's quick reply that opens the 留言 form (must match the server's quick reply). */
  leaveMessageQuickReply: string;
  leaveMessageTitle: string;
  leaveMessageText: string;
  leaveMessagePlaceholder: string;
  mobileLabel: string;
  submit: string;
  sending: string;
  closeForm: string;
  leftMessage: (ticketNumber: string) => string;
  myTickets: string;
  problem: (problem: LeaveMessageProblem) => string;
  networkError: string;
  /** The 留言 was held back: the privacy notice is to be accepted first (shown in the form). */
  noticeRequired: string;
  genericError: string;
}

const zhCN: HandoffCatalogue = {
  waiting: (ahead, etaSeconds) => {
    const position = ahead === null ? '' : ahead === 0 ? '，您是下一位' : `，前面还有 ${ahead} 位`;
    const eta = etaSeconds === null ? '' : `，预计等待 ${etaMinutes(etaSeconds)} 分钟`;
    return `正在为您转接人工客服${position}${eta}`;
  },
  // Staff named like "客服 李娜" already carry the title: "客服 客服 李娜" would stutter.
  connected: (agentName) => (agentName ? `${agentName.startsWith('客服') ? '' : '客服 '}${agentName} 已接入` : '人工客服已接入'),
  unavailableFallback: '暂无客服在线，您可以留言，我们会尽快联系您。',
  ended: '人工服务已结束，智能助手继续为您服务',
  cancel: '取消等待',
  cancelling: '正在取消…',
  leaveMessage: '留言',
  leaveMessageQuickReply: '留言',
  leaveMessageTitle: '给客服留言',
  leaveMessageText: '留言内容',
  leaveMessagePlaceholder: '请描述您的问题，客服上班后会尽快处理',
  mobileLabel: '手机号（选填）',
  submit: '提交留言',
  sending: '提交中…',
  closeForm: '取消',
  leftMessage: (ticketNumber) => `留言已提交，工单号 ${ticketNumber}`,
  myTickets: '查看我的工单',
  problem: (problem) => ({ required: '请填写留言内容', too_long: '留言内容过长', invalid_mobile: '请输入正确的 11 位手机号' })[problem],
  networkError: '网络异常，请检查网络后重试',
  noticeRequired: '请先阅读并同意上方的隐私告知，再提交留言',
  genericError: '操作失败，请稍后重试',
};

const en: HandoffCatalogue = {
  waiting: (ahead, etaSeconds) => {
    const position = ahead === null ? '' : ahead === 0 ? ". You're next" : `. ${ahead} ${ahead === 1 ? 'person' : 'people'} ahead of you`;
    const eta = etaSeconds === null ? '' : `, about ${etaMinutes(etaSeconds)} min`;
    return `Connecting you to an agent${position}${eta}`;
  },
  connected: (agentName) => (agentName ? `${agentName} has joined the chat` : 'An agent has joined the chat'),
  unavailableFallback: 'No agent is available right now. Leave a message and we will get back to you.',
  ended: 'The agent has left; the assistant is here to help',
  cancel: 'Stop waiting',
  cancelling: 'Cancelling…',
  leaveMessage: 'Leave a message',
  leaveMessageQuickReply: 'Leave a message',
  leaveMessageTitle: 'Leave us a message',
  leaveMessageText: 'Your message',
  leaveMessagePlaceholder: 'Describe your issue and an agent will follow up',
  mobileLabel: 'Mobile (optional)',
  submit: 'Send message',
  sending: 'Sending…',
  closeForm: 'Cancel',
  leftMessage: (ticketNumber) => `Message received, ticket ${ticketNumber}`,
  myTickets: 'My tickets',
  problem: (problem) => ({ required: 'Please write a message', too_long: 'The message is too long', invalid_mobile: 'Please enter a valid 11-digit mainland mobile number' })[problem],
  networkError: 'Network problem, please check your connection and try again',
  noticeRequired: 'Please read and accept the privacy notice above before leaving a message.',
  genericError: 'Something went wrong, please try again',
};

const catalogues: Record<Locale, HandoffCatalogue> = { 'zh-CN': zhCN, en };

/** The handoff text for a locale. */
export function getHandoffCatalogue(locale: Locale): HandoffCatalogue {
  return catalogues[locale];
}

/**
 * The one line the handoff bar shows for a status, or null when there is nothing to say.
 *
 * @example handoffStatusLine({ state: 'waiting', ahead: 2, etaSeconds: 50, agentName: null, message: null }, text)
 * // '正在为您转接人工客服，前面还有 2 位，预计等待 1 分钟'
 */
export function handoffStatusLine(status: HandoffStatus, text: HandoffCatalogue): string | null {
  switch (status.state) {
    case 'waiting':
      return text.waiting(status.ahead, status.etaSeconds);
    case 'connected':
      return text.connected(status.agentName);
    case 'unavailable':
      return status.message ?? text.unavailableFallback;
    case 'ended':
      return text.ended;
    default:
      return null;
  }
}

/** The server's own explanation when it sent one, else something useful. */
export function handoffErrorText(error: { code: string; message: string }, text: HandoffCatalogue): string {
  if (error.code === 'network_error' || error.code === 'unavailable') return text.networkError;
  if (error.code === NOTICE_REQUIRED) return text.noticeRequired;
  if (error.code === 'invalid_response' || error.code.startsWith('http_') || !error.message) return text.genericError;
  return error.message;
}

/** Whole minutes, rounded up, never "0 分钟": a visitor told 0 expects someone now. */
function etaMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

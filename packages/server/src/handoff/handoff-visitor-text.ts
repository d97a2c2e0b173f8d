import type { BusinessCalendar } from '../tickets/sla/business-calendar.js';
import { chinaDayOf } from '../tickets/sla/business-calendar.js';

export type HandoffLocale = 'zh-CN' | 'en';

/** The quick reply under an "unavailable" message; the widget opens its leave-a-message form on it. */
export function leaveMessageQuickReply(locale: HandoffLocale): string {
  return locale === 'en' ? 'Leave a message' : '留言';
}

/** "正在为您转接人工客服，前面还有 N 位，预计等待 M 分钟". */
export function queuedText(locale: HandoffLocale, ahead: number, etaSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(etaSeconds / 60));
  return locale === 'en'
    ? `Connecting you to a human agent. ${ahead} ${ahead === 1 ? 'person is' : 'people are'} ahead of you; estimated wait ${minutes} min.`
    : `正在为您转接人工客服，前面还有 ${ahead} 位，预计等待 ${minutes} 分钟`;
}

/** "客服 小王 已接入". */
export function agentJoinedText(locale: HandoffLocale, agentName: string): string {
  // Staff named like "客服 李娜" (the demo's logins) already carry the title: "客服 客服 李娜" would stutter.
  return locale === 'en' ? `Agent ${agentName} has joined the chat.` : `${agentName.startsWith('客服') ? '' : '客服 '}${agentName} 已接入`;
}

export function noAgentOnlineText(locale: HandoffLocale): string {
  return locale === 'en'
    ? 'No agent is online right now. Leave a message and we will get back to you; meanwhile I can keep helping.'
    : '暂无客服在线，您可以留言，我们会尽快回复您；您也可以继续向我提问。';
}

/** Outside hours: today's (or the next open day's) hours and when agents are back. */
export function outsideHoursText(locale: HandoffLocale, calendar: BusinessCalendar, now: Date): string {
  const next = calendar.nextOpening(now);
  if (!next) return noAgentOnlineText(locale);
  const day = chinaDayOf(next);
  const hours = calendar.windowsOn(day).map(([a, b]) => `${a}–${b}`).join(locale === 'en' ? ', ' : '、');
  const at = beijingTime(next);
  return locale === 'en'
    ? `Our agents work ${hours} (Beijing time); the next opening is ${day} ${at}. Leave a message and we will get back to you, or keep asking me.`
    : `人工客服的服务时间为 ${hours}，下次上线时间为 ${day} ${at}。您可以留言，我们会尽快回复您；也可以继续向我提问。`;
}

export function leftMessageText(locale: HandoffLocale, ticketNumber: string): string {
  return locale === 'en' ? `Your message has been recorded as ticket ${ticketNumber}. We will get back to you soon.` : `您的留言已记录，工单号 ${ticketNumber}，我们会尽快回复您。`;
}

export function transferredText(locale: HandoffLocale): string {
  return locale === 'en' ? 'You are being transferred to another agent, please wait a moment.' : '正在为您转接其他客服，请稍候。';
}

function beijingTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}

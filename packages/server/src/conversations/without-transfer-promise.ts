import type { BotLocale, BotReply } from '../bot/bot.js';

const APOLOGY: Record<BotLocale, string> = {
  'zh-CN': '非常抱歉给您带来不便。',
  en: "I'm sorry for the trouble.",
};

/**
 * A handoff turn's replies when nobody can come: the bot's "正在为您转接…" would be contradicted a moment later by the
 * queue's honest notice (hours, or nobody online, and 留言), so the turn says only an apology. The first reply keeps
 * its meta — the turn record, emotion, risk and handoff reason the context panel and analytics read.
 * @example withoutTransferPromise([{ text: '好的，正在为您转接人工客服，请稍候。', quickReplies: [], meta }], 'zh-CN')[0].text // '非常抱歉给您带来不便。'
 */
export function withoutTransferPromise(replies: readonly BotReply[], locale: BotLocale): BotReply[] {
  const [first] = replies;
  if (!first) return [];
  return [{ text: APOLOGY[locale], quickReplies: [], meta: first.meta }];
}

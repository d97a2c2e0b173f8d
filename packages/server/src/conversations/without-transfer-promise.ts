import type { BotLocale, BotReply } from '../bot/bot.js';

const APOLOGY: Record<BotLocale, string> = {
  'zh-CN': '非常抱歉给您带来不便。',
  en: "I'm sorry for the trouble.",
};

/** A sentence that promises someone is coming: "已为您优先转接…", "connecting you to a human agent", "… is joining". */
const TRANSFER_PROMISE = /转接|稍候|connecting you|transferring you|is joining|will be with you|hold on/i;
/** Sentences with their closing marks (a decimal point may split one in two: harmless, they are joined back as they were). */
const SENTENCE = /[^。！？!?.]+[。！？!?.]*/gu;

function withoutPromiseSentences(text: string): string {
  return (text.match(SENTENCE) ?? [])
    .filter((sentence) => !TRANSFER_PROMISE.test(sentence))
    .join('')
    .trim();
}

/**
 * A handoff turn's replies when nobody can come: the bot's "正在为您转接…" would be contradicted a moment later by the
 * queue's honest notice (hours, or nobody online, and 留言), so every sentence that promises a transfer is dropped.
 * What else the turn says stays — the fraud flow's "请立即停止与对方的任何转账…", the crisis reply's hotlines — and an
 * apology stands in when nothing is left. The first reply keeps the turn's meta (turn record, emotion, risk, reason)
 * that the context panel and analytics read.
 * @example withoutTransferPromise([{ text: '好的，正在为您转接人工客服，请稍候。', quickReplies: [], meta }], 'zh-CN')[0].text // '非常抱歉给您带来不便。'
 */
export function withoutTransferPromise(replies: readonly BotReply[], locale: BotLocale): BotReply[] {
  const [first] = replies;
  if (!first) return [];
  const kept: BotReply[] = replies.map((reply) => ({ text: withoutPromiseSentences(reply.text), quickReplies: [], meta: reply.meta })).filter((reply) => reply.text.length > 0);
  if (kept.length === 0) return [{ text: APOLOGY[locale], quickReplies: [], meta: first.meta }];
  return kept.map((reply, index) => (index === 0 ? { ...reply, meta: first.meta } : reply));
}

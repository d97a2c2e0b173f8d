import type { ConversationUnderstanding, UnderstandingVocabulary } from './conversation-understanding.js';

/** The longest summary written: one line in a queue row or an offer toast. */
export const MAX_SUMMARY_CHARS = 160;
const MAX_QUOTE_CHARS = 40;
const MAX_SLOT_VALUE_CHARS = 30;

// Intents that say nothing about what the customer needs.
const NO_TOPIC = new Set(['human_agent', 'greeting', 'thanks', 'goodbye', 'out_of_scope']);
// Secrets a flow asks for; an agent never needs them in a summary.
const SECRET_SLOT = /otp|code|password|pwd|idcard|taxid|验证码|密码|身份证/i;
// Intent labels that already start with what the customer does ("申请退货"); others are topics ("退款进度").
const VERB_START = /^(申请|查询|取消|修改|开|投诉|办理|预约|挂失|重置|补办|补换|变更|报修|咨询|催促|携号|上传|提交)/;
// Labels that name a request by its object first ("宽带报修").
const VERB_END = /(报修|挂失|补办|变更|预约|申请)$/;
// A message that only asks for a person; the words before it say more.
const BARE_HUMAN_REQUEST = /^(我要|我想|请|帮我)?(转|找|接)?(人工|真人|客服|人工客服|真人客服)(服务)?[!！。.?？~～]*$/;

const MENTIONS: Record<string, RegExp> = {
  regulator_complaint: /(1231[0-9]|12345|12378|12363|12300|12381|消协|消费者协会|市场监管局?|工商局?|银保监会?|金融监管局?|工信部|通管局|信访)/,
  media_exposure: /(媒体|记者|曝光|微博|抖音|小红书|黑猫投诉)/,
  legal_threat: /(律师|起诉|法院|仲裁|报警|警察)/,
};
const REASON_FALLBACK: Record<string, string> = {
  regulator_complaint: '向监管部门投诉',
  media_exposure: '媒体曝光',
  legal_threat: '法律途径',
};

/**
 * One line for the agent who takes the chat over: what the customer wants (intent and the slots
 * the bot collected), why the bot handed over, and — when little is known — the customer's own last
 * words. Never longer than {@link MAX_SUMMARY_CHARS}; says so honestly when nothing is known.
 * @example
 * writeHandoffSummary(understanding, ['我要退货 20261118883301', '屏幕划痕', '不处理我就打12315'], vocabulary)
 * // '客户申请退货 订单号 20261118883301，退货原因：屏幕划痕；因提到 12315 转人工'
 */
export function writeHandoffSummary(
  understanding: ConversationUnderstanding,
  lastVisitorMessages: readonly string[],
  vocabulary: UnderstandingVocabulary = { slotLabels: {}, valueLabels: {} },
): string {
  const texts = lastVisitorMessages.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t.length > 0);
  const topic = topicOf(understanding, vocabulary);
  const why = handoffText(understanding, texts);
  const mood = moodText(understanding);
  const parts: string[] = [];
  if (topic) {
    parts.push(topic.text);
    if (why) parts.push(why);
    if (mood) parts.push(mood);
    // A topic without any detail says little: the customer's own words fill in.
    if (!topic.detailed) {
      const quote = lastWords(texts);
      if (quote) parts.push(`最后一句：“${quote}”`);
    }
  } else {
    parts.push(`${why ?? '客户要求转人工'}，未说明原因`);
    if (mood) parts.push(mood);
    const quote = lastWords(texts);
    parts.push(quote ? `最后一句：“${quote}”` : '客户尚未发言');
  }
  if (understanding.locale === 'en') parts.push('客户使用英文');
  return bounded(parts.join('；'), MAX_SUMMARY_CHARS);
}

function topicOf(u: ConversationUnderstanding, vocabulary: UnderstandingVocabulary): { text: string; detailed: boolean } | null {
  if (!u.intent || NO_TOPIC.has(u.intent)) return null;
  const label = u.intentLabel ?? u.intent;
  let text = VERB_START.test(label) ? `客户${label}` : VERB_END.test(label) ? `客户申请${label}` : `客户咨询${label}`;
  let detailed = false;
  // In the order the flows ask for them (the vocabulary's order), whatever order they were filled in.
  for (const name of Object.keys(vocabulary.slotLabels)) {
    if (SECRET_SLOT.test(name) || !Object.hasOwn(u.slots, name)) continue;
    const raw = u.slots[name];
    // Only the slots a flow asks for have a label; the rest (customerId, verified…) are bookkeeping.
    const slotLabel = vocabulary.slotLabels[name];
    const value = vocabulary.valueLabels[name] ?? scalar(raw);
    if (!slotLabel || !value) continue;
    const shown = bounded(value, MAX_SLOT_VALUE_CHARS);
    // Numbers read best right after their label ("订单号 2026…"); words after a colon ("原因：屏幕划痕").
    text += /^[A-Za-z]*[0-9][0-9A-Za-z-]{4,}$/.test(value) ? `${detailed ? '，' : ' '}${slotLabel} ${shown}` : `，${slotLabel}：${shown}`;
    detailed = true;
  }
  return { text, detailed };
}

function handoffText(u: ConversationUnderstanding, texts: readonly string[]): string | null {
  switch (u.handoffReason) {
    case 'high_risk': {
      if (u.risk.reasons.includes('self_harm')) return '客户流露轻生念头，需立即关怀';
      for (const reason of u.risk.reasons) {
        const pattern = MENTIONS[reason];
        if (!pattern) continue;
        const said = [...texts].reverse().map((t) => pattern.exec(t)?.[1]).find((m) => m !== undefined);
        return `因提到 ${said ?? REASON_FALLBACK[reason]} 转人工`;
      }
      return '因投诉风险高转人工';
    }
    case 'anger':
      return '因客户情绪激动转人工';
    case 'user_request':
      return '客户主动要求转人工';
    case 'repeated_failure':
      return '机器人多次未能理解，转人工';
    case 'flow':
      return '流程需要人工处理';
    case 'transfer':
      return '同事转接';
    default:
      return null;
  }
}

function moodText(u: ConversationUnderstanding): string | null {
  if (u.handoffReason === 'anger') return null;
  const last = u.emotions.at(-1)?.label;
  if (last === 'anger') return '客户情绪激动';
  if (last === 'anxiety') return '客户很着急';
  return null;
}

function lastWords(texts: readonly string[]): string | null {
  const said = [...texts].reverse().find((t) => !BARE_HUMAN_REQUEST.test(t)) ?? texts.at(-1);
  return said ? bounded(said, MAX_QUOTE_CHARS) : null;
}

function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function bounded(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

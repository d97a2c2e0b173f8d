import { readCorrection } from './correction-cue.js';
import { toPlainText } from './plain-text.js';

/** Conversation-control signals in a message, independent of its intent. */
export type UtteranceCues = {
  /** "算了", "不办了", "取消": give up the current flow. */
  cancel: boolean;
  /** "不对，订单号是…", "改成…", "单号我输错了，是…": the text that carries the corrected value (see `readCorrection`). */
  correction: { valueText: string } | null;
  /** "它", "刚才那个订单" (`same`) or "另一个订单" (`other`). */
  reference: 'same' | 'other' | null;
  /**
   * `ask`: "转人工", "找人工", a bare "人工" — a request for a person however it is phrased. `mention`: "人工客服",
   * "真人" somewhere in the message, which may as well be a question about them ("周末有人工客服吗").
   */
  human: 'ask' | 'mention' | null;
  confirmation: 'yes' | 'no' | null;
  /** "退货运费谁出？", "转账限额是多少": a question about how things work, not a request about the customer's own case. */
  generalQuestion: boolean;
  /** "运费谁出", "补卡要多少钱", "我的退款到哪了": the message asks something, about how things work or about the customer's own case. */
  asks: boolean;
  /** "我的…", "帮我…", an order number: the message is about the customer's own case. */
  ownCase: boolean;
  /** "家里宽带坏了", "卡丢了", "订单还没到": the message reports something wrong right now, not "如果宽带坏了…". */
  trouble: boolean;
};

const CANCEL = /^(?:那|那就|还是)?(?:算了|不办了|不用了|不要了|不弄了|不退了|不换了|不改了|取消吧?|先不了|先不办了|不需要了|nevermind|cancel|forgetit|stop)(?:吧|了|啦|啊|呀|吧算了)*$/;
const CANCEL_ANYWHERE = /算了|不办了|不用办了|我不(?:退|换|改|办)了/;
const REFERENCE_OTHER = /另一个|另外一个|另外那个|其他那个|别的那个|the other/i;
const REFERENCE_SAME = /(?<!其)它|这个订单|那个订单|这个申请|那个申请|刚才的申请|这笔|那笔|刚才那个|刚才的|上一个|之前那个|前面那个|同一个|还是那个|这一单|那一单|刚才那单|the same|that one|it\b/i;
const HUMAN_ASK = /转人工|找人工|要人工|接人工|换人工|转接人工|找真人|要真人|talk to (?:a )?(?:human|agent|person)/i;
const HUMAN_MENTION = /人工客服|人工服务|真人|客服人员|human agent|real person/i;
const HUMAN_WORDS = new Set(['人工', '客服', '真人', '人工呢', 'agent', 'human', 'operator']);
const YES = new Set(['是', '是的', '对', '对的', '好', '好的', '确认', '确定', '可以', '没问题', '嗯', '嗯嗯', '行', '要', '需要', '提交', '确认提交', '是的确认', 'yes', 'y', 'ok', 'okay', 'sure', 'confirm']);
const NO = new Set(['否', '不', '不是', '不对', '不要', '不要了', '不用', '不用了', '不需要了', '不需要', '不行', '不了', '算了吧', '取消', '不确认', '先不', '再想想', 'no', 'n', 'nope', 'cancel']);
// "确定取消", "好的，帮我催一下": a yes followed by the very thing the bot asked about.
const YES_WITH_VERB = /^(?:是的?|对的?|好的?|行|可以|确定|确认|嗯+)(?:吧|啊)?(?:帮我|给我|请|麻烦)?(?:取消|提交|办理?|催|催促|退|换|改|开|重置|挂失|预约|申请|加急)(?:一下|吧|了|啊)*$/;
// "不取消了", "还是不退了": the opposite.
const NO_WITH_VERB = /^(?:那|那就|还是)?(?:不|不要|不用|别)(?:取消|提交|办理?|催|退|换|改|开|重置|挂失|预约|申请)(?:了|吧|啦)*$/;
const QUESTION = /吗$|吗[?？]|[?？]|怎么(?!办(?!理))|怎样|如何|多久|多长|是多少|什么|啥|哪些|哪里|哪儿|哪个|哪天|去哪|在哪|是否|能否|能不能|可不可以|有没有|谁出|谁承担|谁付|区别|为什么|为啥|干嘛|几点|几时/;
// "卡丢了怎么办" is a plea for help with the customer's own trouble, "怎么办理" a how-to question.
// Marks of the customer's own case: "我的退款到哪了", "帮我查一下", "还没到" — a task, even when phrased as a question.
// Asking for a price, a time or a yes/no without the usual question words: "补卡要多少钱", "几天到账", "要钱吗"; and
// "卡丢了怎么办", "咋整", which ask what to do, though not how things work in general.
const ASKS = /怎么办|咋|多少|(?<![好十这那])几(?:天|块|元|钱|个|点|号)|收费|要钱|费用|免费|how much|how long|who pays/i;
// A-not-A ("行不行", "是不是丢了", "会不会重复扣钱") and either-or ("是找快递还是找你们") questions, which need no question word.
const A_NOT_A = /(?![不没])(\p{Script=Han})[不没]\1|是.{1,12}还是/u;
// Something of the customer's that is broken, lost or missing as they write: "宽带坏了，怎么报修" wants the repair
// filed, not told how to file it. A condition or a rule ("如果…", "万一…", "…的话", "一般…") asks how things work.
// "能不能用", "用不了多久", "还没到期" only look like trouble.
const TROUBLE = /坏了|坏掉|出故障|有故障|故障了|断了|断网|掉线|上不了网|连不上|没信号|没网了|(?<!能)不能用|用不了(?!多)|没法用|打不开|丢了|丢失了|弄丢|不见了|被盗|被偷|被冻结|没到(?![期时点岁])|没收到|还没发货/;
const CONDITION = /如果|万一|要是|假如|假设|的话|一般|通常/;
// A long number is the customer's order or case; a five-digit one starting with 1 or 9 is a service hotline
// (12345, 12315, 10086, 95588), and "12345是干嘛的" is a general question.
const OWN_CASE = /我的|我这|我那|我家|帮我|给我|我要|我想|查一下|查查|还剩|到哪|还没|没收到|没到账|\d{6,}|(?<!\d)[02-8]\d{4}(?!\d)/;

/**
 * Reads control cues from a customer message.
 * @example readUtteranceCues('不对，订单号是E202611250002').correction // { valueText: '订单号是E202611250002' }
 */
export function readUtteranceCues(text: string): UtteranceCues {
  const plain = toPlainText(text);
  const question = QUESTION.test(text);
  const ownCase = OWN_CASE.test(plain);
  return {
    cancel: CANCEL.test(plain) || CANCEL_ANYWHERE.test(plain),
    correction: readCorrection(text),
    reference: REFERENCE_OTHER.test(text) ? 'other' : REFERENCE_SAME.test(text) ? 'same' : null,
    human: HUMAN_ASK.test(text) || HUMAN_WORDS.has(plain) ? 'ask' : HUMAN_MENTION.test(text) ? 'mention' : null,
    confirmation: YES.has(plain) || YES_WITH_VERB.test(plain) ? 'yes' : NO.has(plain) || NO_WITH_VERB.test(plain) ? 'no' : null,
    generalQuestion: question && !ownCase && !REFERENCE_SAME.test(text) && !REFERENCE_OTHER.test(text),
    asks: question || ASKS.test(text) || A_NOT_A.test(plain),
    ownCase,
    trouble: TROUBLE.test(plain) && !CONDITION.test(plain),
  };
}

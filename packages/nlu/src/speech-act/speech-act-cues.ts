/**
 * Lexical marks of what a message does — asks how things work, or asks for something to be done about the
 * customer's own case — as feature names for the speech-act classifier. None decides on its own: "我的订单到哪了"
 * has a question word and is a request, "退货运费谁出" mentions an action and is a question; the classifier
 * learns how much each mark counts, and in which company, from the labelled data.
 */
const CUES: readonly (readonly [name: string, pattern: RegExp])[] = [
  // Sentence-final question particles, also the colloquial "能退不", "到了没".
  ['final-particle', /(?:吗|么|嘛|呢|不|没|没有|否)\s*$/],
  ['wh-word', /怎么|怎样|咋|如何|多少|多久|多长|多大|几|什么|啥|哪|谁|为什么|为何|为啥|是否|能否/],
  // A-not-A: "能不能", "是不是", "有没有", "收不收".
  ['a-not-a', /(\p{Script=Han})[不没]\1/u],
  ['general', /一般|通常|平时|正常情况|如果|假如|万一|要是|的话|是不是都|都是|规定|政策|标准|条件|流程|收费|手续费/],
  ['self', /我的|我家|我这|我那|我们家|俺|本人的|自己的/],
  // A request for help or an action done for the customer: "帮我", "给我", "麻烦", "替我".
  ['for-me', /帮我|帮忙|给我|替我|麻烦|请你|请帮|劳驾|帮下|帮一下/],
  ['want', /我要|我想|想要|要求|申请|需要你们/],
  ['urge', /赶紧|赶快|快点|马上|立刻|尽快|立即|速度|催/],
  // Something of the customer's is wrong now: "还没到", "一直", "丢了", "坏了".
  ['trouble', /还没|一直|至今|到现在|迟迟|丢了|坏了|不见了|被盗|没收到|收不到|打不开|登不上|用不了|不能用|没到账|扣了我|多扣|少了/],
  // A particular episode of the customer's: "昨天那笔", "刚才", "上周买的".
  ['episode', /昨天|前天|刚才|刚刚|刚买|上周|上个月|这个月|今天早上|那笔|这笔|那单|这单|那个订单/],
  ['number', /\d{5,}|[a-z]{1,4}\d{6,}/],
  ['en-question', /\b(?:how|what|when|where|which|who|why|can|do|does|is|are|will)\b/],
  ['en-self', /\b(?:my|me|i|i'm|i've)\b|\bplease\b/],
];

// Both the normalised form (simplified, lowercase) and, when given, the raw text, for the question mark.
const QUESTION_MARK = /[?？]/;

/**
 * The speech-act cue names found in a message (normalised text; `source` is the raw text, for punctuation).
 * @example speechActCues('帮我查一下我的订单', '帮我查一下我的订单？') // ['self', 'for-me', 'question-mark']
 */
export function speechActCues(normalized: string, source?: string): string[] {
  if (normalized.trim() === '') return [];
  const found = CUES.filter(([, pattern]) => pattern.test(normalized)).map(([name]) => name);
  if (source !== undefined && QUESTION_MARK.test(source)) found.push('question-mark');
  if (found.length === 0) found.push('none');
  return found;
}

/**
 * What kind of fact a question asks for, and whether a passage states one: 多少钱 wants an amount, 多久 a
 * duration, 几次 a count, 能不能 a yes/no rule. A passage that names the topic but states no such fact is about the
 * question, not an answer to it — the passage confidence reads this to prefer declining.
 */
export type AnswerType = 'amount' | 'duration' | 'count' | 'yesno';

const ASKS: readonly [AnswerType, RegExp][] = [
  ['amount', /多少钱|多钱|几块|几元|多少元|收费吗|要钱|收钱|收不收|费用|手续费|年费|利息|违约金|怎么收|多少[的]?费|贵不贵|扣多少|赔多少|补偿多少|额度多少|多少额度/u],
  ['duration', /多久|多长时间|多少天|几天|几个?工作日|几个?小时|几个?月|几年|什么时候|何时|啥时候|多快|时限|期限|到账时间|多长/u],
  ['count', /几次|多少次|几张|几个(?!工作日|小时|月)|多少个|几台|几部|几人|几位/u],
  ['yesno', /能不能|可不可以|可以吗|能吗|行不行|行吗|会不会|是不是|要不要|需不需要|需要.{0,12}吗|有没有|算不算|管不管|赔不赔|退不退|包不包|[能可会要算管赔退包].{0,16}吗/u],
];

const CN_NUM = '[零一二两三四五六七八九十百千万半]';
const STATES: Record<AnswerType, RegExp> = {
  amount: new RegExp(`\\d+(?:\\.\\d+)?\\s*(?:元|块|万|%|‰|美元)|${CN_NUM}+(?:元|块|万元)|免费|不收|免收|收取|免年费|减免|无需支付|自行承担|承担`, 'u'),
  duration: new RegExp(`\\d+\\s*(?:个)?(?:天|日|工作日|小时|分钟|个月|月|年|周)|${CN_NUM}+(?:个)?(?:天|日|工作日|小时|分钟|个月|月|年|周)|当[天日]|次日|即时|实时|立即|随时|当场|当月|次月|之前|以内|内`, 'u'),
  count: new RegExp(`\\d+\\s*(?:次|张|个|台|部|人|位)|${CN_NUM}+(?:次|张|个|台|部|人|位)|不限`, 'u'),
  yesno: /可以|可|不能|能|不予|予以|须|需|无需|不需|不支持|支持|允许|不得|应当|不会|会|不属于|属于|不受理|受理|不适用|适用|免|不/u,
};

/** The kind of fact a question asks for, or null when it asks none of them (怎么办, 在哪). */
export function askedAnswerType(question: string): AnswerType | null {
  for (const [type, re] of ASKS) if (re.test(question)) return type;
  return null;
}

/** Whether a text states a fact of that kind (an amount, a duration, a count, a yes/no rule). */
export function statesAnswerType(text: string, type: AnswerType): boolean {
  return STATES[type].test(text);
}

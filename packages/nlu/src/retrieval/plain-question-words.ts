// Longest first, so that 干啥 is read whole before 啥.
const COLLOQUIAL: readonly [RegExp, string][] = [
  [/干嘛|干啥|干吗/g, '干什么'],
  [/为啥/g, '为什么'],
  [/咋(?=办|弄|整|样|回事|用|查|改|退|开|去|申请|处理)/g, '怎么'],
  [/啥/g, '什么'],
];

/**
 * Chat-style question words spelled as the FAQ writer spells them (干嘛 → 干什么, 啥 → 什么, 咋办 → 怎么办), so
 * "12345是干嘛的" finds "12345热线是干什么的？" by its words and bigrams, not only by 12345.
 * @example plainQuestionWords('这是干嘛的') // '这是干什么的'
 */
export function plainQuestionWords(text: string): string {
  let out = text;
  for (const [pattern, plain] of COLLOQUIAL) out = out.replace(pattern, plain);
  return out;
}

/**
 * Chinese function words and question particles: they say nothing about what
 * a question is about, so search and question clustering ignore them, alone
 * and inside character bigrams ("怎么退货" is about 退货, not 怎么).
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  '我', '你', '您', '你们', '我们', '他', '她', '它', '的', '了', '吗', '呢', '吧', '啊', '呀', '么', '是', '有', '在', '能', '能否', '可以', '可', '会',
  '怎么', '怎么样', '怎样', '如何', '什么', '为什么', '多久', '多少', '几天', '哪里', '哪儿', '哪个', '请问', '一下', '想', '要', '还', '都', '就', '和', '与', '或', '啥',
]);

/** Characters whose bigrams are dropped (every bigram with one of them is mostly grammar). */
export const FUNCTION_CHARS: ReadonlySet<string> = new Set([...'我你您们他她它的了吗呢吧啊呀么是有在能可以会怎样如何什请问一下想要还都就和与或哪里儿啥久']);

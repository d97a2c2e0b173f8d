/**
 * Function characters (particles, pronouns, 怎/么/什 of question words, common auxiliaries) that FAQ search
 * does not index as single-character terms: nearly every question has some, so in a small knowledge base,
 * where every term's IDF is alike, they would make "礼品卡怎么用" look like the FAQ "积分怎么兑换". They still
 * count inside words and bigrams (怎么 vs 为什么 keeps its meaning there).
 */
export const CHINESE_STOP_CHARACTERS: ReadonlySet<string> = new Set('的了吗呢吧啊呀哦嘛么怎什啥我你您是在有和就都也还要会能可以这那个请问');

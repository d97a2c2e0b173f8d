/**
 * Chat and internet shorthand with its plain wording. Customers type 3q, 886, 咋整 and 木有; the
 * training data says 谢谢, 再见, 怎么办 and 没有. Like the English glossary this adds features, it
 * does not rewrite the message (entities and the transcript keep what the customer wrote).
 * Latin-letter and digit keys match whole tokens; Chinese keys match anywhere.
 */
export const CHAT_SLANG: Readonly<Record<string, string>> = {
  // Latin letters and digits (whole tokens)
  '3q': '谢谢', '3x': '谢谢', thx: '谢谢', thks: '谢谢', ty: '谢谢', tks: '谢谢',
  '886': '再见', byebye: '再见', bye: '再见', cya: '再见',
  pls: '请', plz: '请', asap: '尽快', kf: '客服', rg: '人工', zrg: '转人工',
  // Chinese (substrings)
  咋: '怎么', 咋整: '怎么办', 咋办: '怎么办', 咋弄: '怎么弄', 咋回事: '怎么回事', 肿么: '怎么', 腫麼: '怎么', 怎木: '怎么', 怎莫: '怎么',
  啥: '什么', 神马: '什么', 啥时候: '什么时候', 木有: '没有', 么有: '没有', 没得: '没有', 酱紫: '这样子', 这样纸: '这样子',
  掰掰: '再见', 拜拜: '再见', 白白: '再见', 拜了: '再见', 溜了: '再见', 撤了: '再见',
  谢啦: '谢谢', 谢了: '谢谢', 多谢: '谢谢', 感恩: '感谢', 么么哒: '谢谢', 比心: '谢谢',
  在不: '在吗', 在么: '在吗', 在嘛: '在吗', 亲: '你好', 哈喽: '你好', 嗨: '你好',
  急急急: '着急', 快点: '着急', 坑爹: '坑人', 坑人: '欺骗', 垃圾: '太差', 辣鸡: '太差', 拉胯: '太差', 无语: '不满',
};

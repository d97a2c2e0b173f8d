/**
 * Set phrases of greeting, thanks and leave-taking, with the plain word the training data uses
 * (你好 / 谢谢 / 再见). They are a closed class that a character n-gram model cannot generalise to:
 * 午安 shares nothing useful with 你好, 唔该 (Cantonese) and 三克油 (a loanword pun) nothing with
 * 谢谢. Like CHAT_SLANG this adds features and never rewrites the message. Phrases whose meaning
 * depends on where they stand (叨扰了, 打扰了, 劳驾, 喂) are left out on purpose.
 */
export const SOCIAL_FORMULAE: Readonly<Record<string, string>> = {
  // Greetings by time of day and occasion; dialect and loanword hellos.
  早安: '你好', 早上好: '你好', 早晨: '你好', 早哇: '你好', 早啊: '你好', 上午好: '你好', 中午好: '你好', 午安: '你好',
  下午好: '你好', 傍晚好: '你好', 晚上好: '你好', 周末好: '你好', 节日快乐: '你好', 新年好: '你好', 新年快乐: '你好',
  过年好: '你好', 春节快乐: '你好', 中秋快乐: '你好', 国庆快乐: '你好', 元旦快乐: '你好', 端午安康: '你好',
  好久不见: '你好', 久违了: '你好', 幸会: '你好', 初次见面: '你好', 很高兴认识你: '你好', 雷猴: '你好', 哈罗: '你好',
  哈啰: '你好', 嗨喽: '你好', 侬好: '你好', 您早: '你好',
  // Thanks, formal to dialect.
  感激不尽: '谢谢', 不胜感激: '谢谢', 万分感谢: '谢谢', 感谢感谢: '谢谢', 多亏了你: '谢谢', 多亏你: '谢谢', 辛苦了: '谢谢',
  有劳了: '谢谢', 有劳: '谢谢', 受累了: '谢谢', 麻烦你了: '谢谢', 麻烦您了: '谢谢', 承蒙关照: '谢谢', 承蒙: '谢谢',
  谢天谢地: '谢谢', 谢谢侬: '谢谢', 唔该: '谢谢', 多谢晒: '谢谢', 三克油: '谢谢', 桑q: '谢谢', 蟹蟹: '谢谢', 谢谢啦: '谢谢',
  帮大忙了: '谢谢', 好人一生平安: '谢谢', 感恩不尽: '谢谢',
  // Leave-taking.
  再会: '再见', 回见: '再见', 回头见: '再见', 明天见: '再见', 下次见: '再见', 改天见: '再见', 后会有期: '再见', 告辞: '再见',
  告退: '再见', 先走了: '再见', 先撤了: '再见', 下线了: '再见', 晚安: '再见', 不打扰了: '再见', 青山不改: '再见',
  绿水长流: '再见', 没别的事了: '再见', 今天先到这: '再见', 先这样吧: '再见', 就这样吧: '再见', 拜拜啦: '再见',
};

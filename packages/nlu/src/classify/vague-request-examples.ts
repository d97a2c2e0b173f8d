/**
 * How customers say only what a request is about, not what they want done: a topic in a frame that adds
 * nothing specific ("宽带的事", "关于信用卡", "我的账户有点问题"), or no topic at all ("出了点状况").
 * Industry-agnostic wording, written for the vagueness detector; a tenant's topics fill the frames.
 */
const TOPIC_FRAMES: readonly string[] = [
  '{t}的事',
  '{t}的事情',
  '{t}的问题',
  '{t}方面的问题',
  '{t}有问题',
  '{t}有点问题',
  '{t}出问题了',
  '{t}出了点状况',
  '{t}不太对',
  '{t}不对劲',
  '{t}怎么回事',
  '{t}咋回事',
  '{t}那边的事',
  '{t}这块',
  '{t}相关的',
  '关于{t}',
  '关于{t}的事',
  '问一下{t}',
  '想问问{t}',
  '咨询{t}',
  '咨询下{t}的事',
  '说一下{t}',
  '我的{t}',
  '我那个{t}',
  '我家的{t}',
  '那个{t}',
  '{t}。。。',
  '{t}？？',
  '{t}啊',
  '{t}呢',
  '是{t}的事',
  '有个{t}的事',
  '{t}有点事',
  '{t}遇到点麻烦',
  '{t}搞不定',
  '{t}弄不明白',
  '{t}看不懂',
  'about {t}',
  '{t} problem',
  '上次那个{t}',
  '之前的{t}',
  '新{t}咋弄',
  '{t}怎么弄',
  '我爸的{t}',
  '我妈的{t}',
  '家里的{t}',
  '家里老人的{t}',
  '孩子的{t}',
  '朋友的{t}',
  '公司的{t}',
  '{t}那个事儿',
  '{t}不满意',
  '{t}不行',
  '{t}没动静',
  '{t}对不上',
  '{t}说不行',
  '{t}有点贵',
];

// A topic alone says what the message is about and nothing more; every topic gets this one.
const BARE_TOPIC = '{t}';

/**
 * Vague openers that name no topic at all. No bare verbs ("查一下", "改一下"): the detector carried them over to
 * "查一下这个月话费", where the verb and the topic together make a clear request.
 */
const TOPICLESS: readonly string[] = [
  '有点问题',
  '出了点问题',
  '出问题了',
  '有个问题',
  '我有个问题',
  '有点事',
  '有个事想问',
  '想问个事',
  '有件事',
  '问个事儿',
  '不太对劲',
  '有点不对',
  '情况不对',
  '怎么回事啊',
  '这是咋回事',
  '出状况了',
  '遇到点麻烦',
  '碰到个麻烦',
  '搞不定了',
  '弄不明白',
  '看不太懂',
  '说不清楚',
  '有点复杂',
  '帮我看看',
  '麻烦给看看',
  '我想咨询',
  '想了解点事',
  '那个事',
  '之前那个事',
  '还是那个问题',
  '上回那个事情',
  '我的情况',
  '东西不对',
  '不行啊',
  '用着不对',
  '这个咋弄',
  '这个怎么搞',
  '想办点事',
  '办个业务',
  '我要办业务',
  '不满意',
  '太贵了',
  '太差了',
  '不好用',
  '没动静',
  '没反应',
  '对不上',
  '说不行',
  '还是不行',
  '没收到',
  'something is wrong',
  'i have a problem',
  'i have a question',
  'need help with something',
];

/**
 * Vague examples for a tenant: each topic in every `stride`-th frame (a different share of the frames for
 * consecutive topics, so all frames are used and a long topic list does not swamp the real utterances),
 * plus the topic-free ones.
 * @example vagueRequestExamples(['宽带'], 1).includes('宽带的事') // true
 */
export function vagueRequestExamples(topics: readonly string[], stride = 1): string[] {
  const out = new Set<string>(TOPICLESS);
  topics.forEach((topic, i) => {
    out.add(BARE_TOPIC.replace('{t}', topic));
    TOPIC_FRAMES.forEach((frame, j) => {
      if ((i + j) % stride === 0) out.add(frame.replace('{t}', topic));
    });
  });
  return [...out];
}

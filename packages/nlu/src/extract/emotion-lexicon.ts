/** The emotions a cue can signal (neutral is the absence of cues). */
export type EmotionCueLabel = 'anger' | 'anxiety' | 'satisfied';

/**
 * What 不/not in front of a cue does: `flip` turns praise into a complaint (不满意), `cancel` removes
 * the cue (不生气, 不急, 不用谢), `ignore` keeps it (不是垃圾 is still a heated exchange).
 */
export type NegationEffect = 'flip' | 'cancel' | 'ignore';

/** One lexicon entry: a cue, what it signals, how strongly, and what negation does to it. */
export type EmotionCue = { cue: string; label: EmotionCueLabel; weight: number; negation: NegationEffect; atClauseEnd?: boolean; deception?: boolean };

// Cues that only count at the end of a clause: "卡丢了怎么办？" is worried, "怎么办理" is a how-to;
// "机器人没用" is a complaint, "没用完的流量" is not; "不满120天" is a count.
const AT_CLAUSE_END = new Set(['怎么办', '没用', '不满', '不好']);

// Hand-curated from customer-service chat; weights are relative (2 ≈ one unmistakable cue).
// Negating a swear word changes nothing: "不是垃圾" still signals a heated exchange.
const ANGER: [string, number][] = [
  ['垃圾', 2.2], ['骗子', 2.5], ['骗人', 2], ['欺骗', 2], ['什么破', 2], ['破东西', 2], ['破玩意', 2], ['坑人', 2],
  ['坑爹', 2], ['黑心', 2], ['无良', 2], ['恶心', 1.5], ['气死', 2], ['生气', 1.5], ['愤怒', 2], ['火大', 1.5],
  ['恼火', 1.5], ['无语', 1.2], ['离谱', 1.3], ['过分', 1.3], ['忍无可忍', 2.5], ['受不了', 1.5], ['滚蛋', 2.5],
  ['滚开', 2.5], ['妈的', 2.5], ['他妈', 2.5], ['tmd', 2.5], ['尼玛', 2], ['卧槽', 1.5], ['我靠', 1.2], ['傻逼', 3],
  ['sb', 2], ['脑残', 2.5], ['智障', 2.5], ['废物', 2.5], ['不要脸', 2.5], ['忽悠', 1.5], ['耍我', 2], ['敷衍', 1.5],
  ['推卸', 1.3], ['踢皮球', 1.5], ['什么态度', 2], ['投诉', 1.2], ['差评', 1.5], ['退钱', 0.7], ['还钱', 1.3],
  ['失望', 1.3], ['糟糕', 1.2], ['烂透了', 2], ['太烂', 1.8], ['不满', 1.5], ['不满意', 1.5], ['说了多少遍', 2],
  ['凭什么', 1.5], ['搞什么', 1.5], ['到底', 0.6], ['太差', 1.6], ['很差', 1.4], ['真差', 1.6], ['好差', 1.6],
  ['差劲', 1.6], ['质量差', 1.4], ['服务差', 1.5], ['态度差', 1.6], ['太慢', 1.2], ['好慢', 1.2], ['慢死了', 1.5],
  ['没解决', 1.2], ['不解决', 1.3], ['不讲理', 1.8], ['上当', 1.8], ['后悔', 1.3], ['不值', 1.2], ['不好', 0.7],
  ['不好用', 1.3], ['难用', 1.3], ['难吃', 1.3], ['没用', 1.2], ['烂', 1], ['太贵', 1], ['坑', 1.2], ['wtf', 2.5], ['what the hell', 2], ['terrible', 1.5],
  ['worst', 2], ['scam', 2.5], ['ridiculous', 1.5], ['angry', 1.5], ['furious', 2], ['unacceptable', 1.8],
  ['useless', 1.5], ['rubbish', 2], ['garbage', 2], ['disappointed', 1.3], ['fraud', 2], ['awful', 1.5],
  ['pissed', 2], ['damn', 1.3], ['shit', 2], ['fuck', 2.5], ['😡', 2], ['🤬', 2.5], ['😠', 1.8], ['💢', 1.5],
];
// Words for being cheated. Said of the company they are anger ("你们就是骗子"); under a worry ("别是骗子",
// "该不会是骗人的吧", "怕上当") they are the customer's fear of a fraud, which calls for care, not for soothing anger.
const DECEPTION = new Set(['骗子', '骗人', '欺骗', '上当', '坑人', '忽悠']);
const NOT_NEGATABLE = new Set(['垃圾', '骗子', '傻逼', 'sb', '妈的', '他妈', 'tmd', '尼玛', '卧槽', '脑残', '智障', '废物', 'wtf', 'fuck', 'shit', '不要脸', '不满', '不满意', '没解决', '不解决', '不讲理', '不好', '不好用', '不值', '没用']);

const ANXIETY: [string, number][] = [
  ['急', 1.2], ['着急', 1.5], ['急死', 2], ['急需', 1.3], ['急用', 1.5], ['紧急', 1.5], ['赶紧', 1.2], ['马上', 0.6],
  ['快点', 1], ['尽快', 1], ['怎么还没', 1.5], ['怎么还不', 1.3], ['还没到', 1], ['还没收到', 1.2], ['还没发货', 0.7],
  ['担心', 1.5], ['焦虑', 1.5], ['害怕', 1.5], ['万一', 0.6], ['等了好久', 1.3], ['等了很久', 1.3], ['等不及', 1.5],
  ['来不及', 1.3], ['救命', 1.5], ['求求', 1.3], ['拜托', 0.8], ['催', 1], ['怎么办', 0.7], ['慌', 1.3], ['不安', 1.2],
  ['什么时候', 0.5], ['urgent', 1.5], ['asap', 1.5], ['hurry', 1.2], ['worried', 1.5], ['anxious', 1.5],
  ['still not', 1.2], ["still haven't", 1.2], ['where is my', 1], ['😰', 1.5], ['😱', 1.5], ['😭', 1.2],
];

// Thanks cannot be turned into a complaint: 不谢 and 不用谢 are courtesies.
const THANKS = new Set(['谢谢', '感谢', '多谢', '谢啦', '辛苦了', '辛苦', 'thanks', 'thank you', 'thx', '🙏']);

const SATISFIED: [string, number][] = [
  ['谢谢', 1.2], ['感谢', 1.3], ['多谢', 1.2], ['谢啦', 1.2], ['太好了', 2], ['满意', 1.5], ['好评', 1.5], ['五星好评', 2],
  ['给力', 1.5], ['很棒', 1.5], ['真棒', 1.6], ['太棒', 1.8], ['好棒', 1.6], ['超棒', 1.6], ['棒极了', 2], ['棒棒', 1.3], ['点赞', 1.3], ['超赞', 1.6], ['好赞', 1.5], ['赞赞', 1.3], ['不错', 1], ['挺好', 1.2], ['很好', 1.2], ['解决了', 1],
  ['开心', 1.3], ['高兴', 1.3], ['辛苦了', 1.2], ['辛苦', 0.8], ['专业', 0.8], ['耐心', 0.8], ['靠谱', 1.2],
  ['放心', 0.8], ['完美', 1.5], ['好用', 1.2], ['好吃', 1.2], ['值得', 1], ['物美价廉', 1.5], ['超值', 1.3],
  ['满分', 1.3], ['舒服', 1], ['喜欢', 1], ['爱了', 1.5], ['哈哈', 0.6], ['thanks', 1.2], ['thank you', 1.2],
  ['thx', 1], ['great', 1.2], ['perfect', 1.5], ['awesome', 1.5], ['excellent', 1.5], ['love', 1],
  ['satisfied', 1.5], ['happy', 1.2], ['helpful', 1.2], ['👍', 1.5], ['😊', 1.2], ['😄', 1.2], ['❤', 1.2],
  ['🥰', 1.3], ['🙏', 0.8],
];

// Words that contain a cue but mean something else (垃圾桶 is a bin, 急于 is "eager to"). As longer
// matches they shadow the cue inside them and count for nothing.
const BLOCKERS = [
  '垃圾桶', '垃圾袋', '垃圾箱', '垃圾分类', '急于', '急救', '急诊', '急性', '急转弯', '不安妮', '赞助', '赞成', '赞扬',
  '赞美', '催化', '催眠', '满意度', '满意度调查', '不好意思', '灿烂', '腐烂', '好不好', '行不行',
  // 爸妈的手机 is not 妈的.
  '爸妈', '我妈', '老妈', '姑妈', '舅妈', '姨妈', '大妈', '后妈', '宝妈', '妈妈',
  // Polite refusals, not praise.
  'no thanks', 'no thank you', '不用谢', '不谢',
];

/** Every emotion cue, keyed by its lower-case, Simplified, half-width form. Weight 0 marks a blocker. */
export const EMOTION_LEXICON: readonly EmotionCue[] = [
  ...BLOCKERS.map((cue) => ({ cue, label: 'satisfied' as const, weight: 0, negation: 'ignore' as const })),
  ...ANGER.map(([cue, weight]) => ({
    cue,
    label: 'anger' as const,
    weight,
    negation: NOT_NEGATABLE.has(cue) ? ('ignore' as const) : ('cancel' as const),
    atClauseEnd: AT_CLAUSE_END.has(cue),
    deception: DECEPTION.has(cue),
  })),
  ...ANXIETY.map(([cue, weight]) => ({ cue, label: 'anxiety' as const, weight, negation: 'cancel' as const, atClauseEnd: AT_CLAUSE_END.has(cue) })),
  ...SATISFIED.map(([cue, weight]) => ({
    cue,
    label: 'satisfied' as const,
    weight,
    negation: THANKS.has(cue) ? ('cancel' as const) : ('flip' as const),
  })),
];

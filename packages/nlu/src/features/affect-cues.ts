import { detectEmotion } from '../extract/detect-emotion.js';
import { detectRisk } from '../extract/detect-risk.js';
import { EMOTION_LEXICON, type EmotionCue } from '../extract/emotion-lexicon.js';
import { foldText } from '../extract/fold-text.js';
import { PhraseMatcher } from '../extract/phrase-matcher.js';
import { toSimplified } from '../normalize/to-simplified.js';
import { AFFECT_PHRASES, THREAT_KINDS, type AffectPhraseKind } from './affect-phrases.js';

const CUES = EMOTION_LEXICON.reduce((m, c) => m.add(c.cue, c), new PhraseMatcher<EmotionCue>());
const PHRASES = Object.entries(AFFECT_PHRASES).reduce(
  (m, [kind, phrases]) => phrases.reduce((acc, p) => acc.add(p, kind as AffectPhraseKind), m),
  new PhraseMatcher<AffectPhraseKind>(),
);
// "再不退款我就…", "不给解决就…", "要是…就…", "否则/不然…": an ultimatum, whatever the threatened step is.
const ULTIMATUM = /再不|不然|否则|要不然|(?:不|没)[^，。,.!?！？]{1,8}(?:我就|就去|就把|就要|我只能|我会)|(?:要是|如果|若)[^，。,.!?！？]{1,12}(?:就|只能)/;
// The customer commits to a step of their own: "我明天就去", "我会发到", "我已经打了".
const RESOLVE =
  /我(?:明天|今天|马上|这就|现在)?(?:就|会|要|已经|这就)(?:去|找|打|发|写|带|报|告|向|把|在|让)|我只能|我已经|已经(?:打|拨|报|投诉|举报|提交|发|寄|写|找|联系)|我(?:就|会|要)?把[^，。,.]{0,8}(?:发|放|交|寄|贴|挂|告诉|曝)/;
// A question about how things work ("投诉的话要怎么操作", "销户一定要本人去吗") rather than a feeling.
const QUESTION_END = /(?:吗|么|呢|嘛|不|没|没有|啥|几天|多久|多少)\s*$/;
const HOW_TO = /怎么|怎样|如何|咋|哪里|在哪|哪儿|多久|几天|多少钱|是否|能否|能不能|可不可以|可以吗|是不是|要不要|\bhow\b|\bwhat\b|\bwhere\b|\bcan i\b/;
// Stricter than `QUESTION_END` for the threat test: "我全都留着呢" ends in 呢 and is no question.
const QUESTION_WORD_END = /(?:吗|么|嘛|啥|几天|多久|多少)\s*$/;
const CLAUSES = /[,.;!?、，。；！？\n]+/;
// Families of wording a phrase list cannot enumerate, added to the phrase kinds they belong to.
// Not going on: "不打算活了", "不想再撑了", "没法再熬"; ending it: "就这样结束吧", "做个了断"; the means at
// hand: "药都买好了", "从桥上下去"; not waking: "再也不要醒"; worthlessness: "我就是个累赘"; a farewell:
// "我准备走了", "以后不会有人找我了", "给孩子留的话".
const DESPAIR = new RegExp(
  [
    '(?:不想|不打算|不愿意?|没法|没办法|不能)再?(?:活|撑|熬|坚持)',
    '(?:就这样|想|要|打算)(?:结束|了结)',
    '了断|最后一条路|后事',
    '(?:药|绳子?|炭|刀片)[^，。,.]{0,4}(?:买好|准备好|备好)',
    '(?:桥|楼顶|顶楼|楼上|天台|江|河|湖|海)(?:上|边|里)?[^，。,.]{0,3}(?:跳|下去)',
    '(?:再也)?(?:不要|不想|不会)再?醒|醒不过来',
    '活在(?:这个)?世(?:上|界)|活着(?:还)?有什么(?:用|意思|意义)|活着干(?:嘛|吗|什么)',
    '我(?:就)?是个?(?:废物|累赘|负担)',
    '(?:我|也)(?:准备|打算|要|该)走了|不会(?:再)?有人(?:找|联系|在乎|记得)我',
    '留给(?:她|他|我妈|我爸|家里|孩子)|留的话',
    '(?:做出|干出)什么(?:事|傻事)?|傻事',
    "end it all|kill(?:ing)? myself|no reason (?:for me )?to live|can'?t go on|(?:don'?t|do not) want to (?:be alive|live)|better off dead|take my (?:own )?life|want to die",
  ].join('|'),
);
// Taking it to the press or the public: "寄给报社", "把录音发到几个群里", "告诉媒体", "上明天的新闻".
const TO_PUBLIC =
  /(?:发|寄|交|捅|反映|递|投|送|爆|告诉|曝|传|贴|挂|放|联系|找)(?:给|到|去|在|了)?[^，。,.]{0,8}(?:报社|报纸|电视台|记者|媒体|新闻|网上|网络|微博|抖音|朋友圈|群里|热搜|头条|小红书|知乎|快手)|上[^，。,.]{0,6}(?:新闻|热搜|头条|电视|报纸)/;
// Going somewhere in person to make the point: "去你们网点闹", "到市委门口", "找到你们的办公地址".
const IN_PERSON =
  /(?:去|到|找到|来)(?:你们)?[^，。,.]{0,6}(?:网点|营业厅|营业部|分行|支行|总行|公司|前台|办公地址|办公室|大厅|仓库|门店|实体店)[^，。,.]{0,4}(?:闹|坐|堵|躺|守|等着|不走|讨)|找到你们|(?:去|到|来|坐在|站在|躺在|守在|睡在|(?:一直|天天|每天|就)在)(?:你们)?[^，。,.]{0,8}(?:门口|大门|办公室|总部|省公司|总公司|集团)|当面找/;
// Veiled harm: "让他横着出去", "给你们点颜色看看".
// The police brought in: "录音交给公安了", "找派出所".
const POLICE = /(?:交|报|给|找|去|叫)(?:给|到|了)?[^，。,.]{0,4}(?:公安|警察|派出所|110)/;
const HARM = /让(?:他|她|你|你们)[^，。,.]{0,4}(?:好看|横着|出不去|后悔)|给(?:你们|他|她)[^，。,.]{0,3}(?:好看|颜色)/;
// A dare put as a question: "要不要我把…告诉媒体？", "真当我不敢告你们？", "你们想不想上新闻？" — a step the
// customer commits to, like `RESOLVE`.
const DARE = /要不要我|想不想|(?:是|就是)?想让我|是不是(?:要|非要|觉得)我|非(?:要|得)我|信不信我|不怕我|真当我|以为我不敢|我倒要看看|看我敢不敢/;
// Asking about a route rather than threatening to take it: "申请行政复议要准备哪些材料", "听说你们上了新闻".
const ASKING = /哪些|什么|哪个|多长时间|需要|有没有|听说|看到|请问|想问|了解/;
// The lexicon's own bar for "one unmistakable cue, or a complaint with ！！！".
const STRONG = 0.65;

/**
 * What the hand-written emotion and risk lexicons say about a message, as feature names for the emotion
 * and risk classifiers: the lexicon's verdict (`emotion:anger`, `emotion:anger:strong`), every cue kind present
 * whatever wins (`cue:satisfied` beside `cue:anger` is how sarcasm looks: "真是谢谢你们啊，让我白跑三趟"),
 * the risk level and reasons (`risk:high`, `reason:legal_threat`), and the ？ and ！ runs that
 * normalisation removes. Read from the text as written, since the lexicons use its punctuation and emoji.
 * A classifier weighs these against the words, so a lexicon hit informs the decision without dictating it.
 *
 * @example affectCues('真是谢谢你们啊，让我白跑三趟！！') // ['emotion:satisfied', 'cue:satisfied', 'mark:!!', …]
 */
export function affectCues(raw: string): string[] {
  const out: string[] = [];
  // The lexicons fold only common Traditional characters; "什麼鬼套餐" and "好緊張" need the full table.
  const text = toSimplified(raw);
  const emotion = detectEmotion(text);
  if (emotion.label !== 'neutral') {
    out.push('emotion:' + emotion.label);
    if (emotion.score >= STRONG) out.push(`emotion:${emotion.label}:strong`);
  }
  const folded = foldText(text, { lowerAscii: true });
  const kinds = new Set<string>();
  for (const match of CUES.findAll(folded)) {
    const cue = match.values[0];
    if (cue && cue.weight > 0) kinds.add(cue.label);
  }
  for (const kind of [...kinds].sort()) out.push('cue:' + kind);
  const phrases = new Set<AffectPhraseKind>();
  for (const match of PHRASES.findAll(folded)) for (const kind of match.values) phrases.add(kind);
  if (DESPAIR.test(folded)) phrases.add('despair');
  if (TO_PUBLIC.test(folded) || IN_PERSON.test(folded)) phrases.add('public_scene');
  if (HARM.test(folded)) phrases.add('violence');
  if (POLICE.test(folded)) phrases.add('vow');
  for (const kind of [...phrases].sort()) out.push('phrase:' + kind);
  if (ULTIMATUM.test(folded)) out.push('ultimatum');
  if (RESOLVE.test(folded) || DARE.test(folded)) out.push('resolve');
  const risk = detectRisk(text);
  if (risk.level !== 'none') out.push('risk:' + risk.level);
  for (const reason of risk.reasons) out.push('reason:' + reason);
  // One flag shared by every kind of threat, so a kind with few examples (violence) borrows the weight of the others.
  // Repeated contact (第三次打电话) is impatience, not a threat.
  const threatReason = risk.level === 'high' && risk.reasons.some((r) => r === 'regulator_complaint' || r === 'media_exposure' || r === 'legal_threat');
  if (threatReason || [...phrases].some((k) => THREAT_KINDS.has(k))) out.push('threat');
  const lastClause = folded.split(CLAUSES).filter((c) => c.trim().length > 0).at(-1) ?? '';
  // What a customer ends on is usually what they mean: "本来想投诉的，结果当天就修好了，谢谢".
  if (lastClause.length > 0 && lastClause.length < folded.length) {
    const end = detectEmotion(lastClause);
    if (end.label !== 'neutral') out.push('last:' + end.label);
  }
  const question = QUESTION_END.test(lastClause) || /[?？]\s*$/.test(text);
  const howTo = HOW_TO.test(folded);
  if (question) out.push('question');
  if (howTo) out.push('how_to');
  // A threat word in a question that commits to nothing ("12315投诉多久有回复", "需要先报警吗") asks about
  // the route; a linear model cannot join the two features by itself.
  if (out.includes('threat') && (/[?？]/.test(text) || QUESTION_WORD_END.test(lastClause) || howTo || ASKING.test(folded)) && !out.includes('resolve') && !out.includes('ultimatum')) out.push('threat:asked');
  if (/[?？]/.test(text)) out.push(/[?？]{2}/.test(text) ? 'mark:??' : 'mark:?');
  if (/[!！]/.test(text)) out.push(/[!！]{2}/.test(text) ? 'mark:!!' : 'mark:!');
  return out;
}

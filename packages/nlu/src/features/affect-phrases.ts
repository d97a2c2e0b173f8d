/**
 * Kinds of wording that carry emotion or risk beyond single cue words, for the emotion and risk classifiers
 * (as `phrase:<kind>` features; the classifiers learn how much each kind counts). Written from how
 * customers threaten, despair, turn sarcastic or come round in complaints generally — not copied from the
 * labelled sets — so that a new threat of a known kind is recognised by its kind, not by its exact words.
 */
export const AFFECT_PHRASES = {
  // Taking the dispute to a public place or making a scene there.
  public_scene: [
    '你们门口', '公司门口', '大门口', '门口拉', '门口坐', '你们楼下', '公司楼下', '大厅坐', '坐在大厅', '总部', '拉横幅', '横幅', '举牌', '堵门', '坐着不走', '不走了', '闹大', '闹到', '大闹', '让大家看看',
    '让所有人', '让大家评评理', '评评理', '大家都看', '围观', '发帖', '发到网上', '挂出来', '避雷', '曝光',
    // The same kinds in other words (public places and groups online, officials higher up, courts and police, blows, farewells).
    '当着所有人', '当着大家', '当众', '所有人的面', '让更多人知道', '让更多的人知道', '让所有人知道', '让全网', '全网都', '热搜', '上新闻', '放到网上', '发网上', '传到网上', '业主群', '家长群', '宝妈群', '维权群', '开直播', '拍视频', '拍成视频', '录成视频', '视频号', '公众号', '自媒体', '集体维权', '一起维权', '组织', '联合', '一起去', '睡在', '躺在', '躺着', '堵在', '门前', '楼前', '来闹', '去闹', '就闹', '出名', '黑猫', '逢人就', '见人就', '带人', '带着人', '叫上人', '喊上人', '带上人', '报社', '电视台', '找记者', '找媒体', 'b站', '粉丝', '博主', '大v', 'up主', '做一期', '出一期', '做个视频', '人肉', 'make a scene', 'in front of everyone', 'post the', 'post it', 'newspaper', 'the media', 'the news',
  ],
  // Petition and supervision channels beyond the regulators the risk lexicon lists.
  petition: ['上访', '信访', '管理局', '主管部门', '上级部门', '纪委', '督察', '督办', '市长信箱', '市长热线', '领导信箱', '巡视组', '人大代表', '政协',
    // The same kinds in other words (public places and groups online, officials higher up, courts and police, blows, farewells).
    '金融监督', '监督管理', '网信办', '通信管理', '行政复议', '纪检', '留言板', '国务院', '中央', '省里', '市政府', '区政府', '县政府', '政府门口', '政府大院', '巡视', '人社局', '上级单位', '卫健委', '教育局', '住建局', '邮政管理局', '银行业协会', '保险行业协会', '写信反映', '省公司', '总公司', 'report you', 'reporting you', 'complaint with', 'city government', 'authority', 'authorities',
  ],
  // Vowing to pursue the matter to the end.
  vow: ['没完', '走着瞧', '等着瞧', '你们等着', '等着吧', '奉陪到底', '耗到底', '追究到底', '死磕', '不会罢休', '善罢甘休', '不会放过', '讨个说法', '要个说法',
    // The same kinds in other words (public places and groups online, officials higher up, courts and police, blows, farewells).
    '斗到底', '杠上', '一直追', '追下去', '一直告', '告下去', '告到底', '咽不下', '就这么算了', '跑不掉', '说到做到', '有的是时间', '耗着', '不罢休', '天天来', '天天去', '每天来', '每天去', '追究', '传票', '法庭', '法务', '司法程序', '报案', '派出所', '验伤', '打了110', '打110', '拨110', '报110', 'in court', 'hire a lawyer', 'my lawyer', 'not over', 'let it go', 'let this go', 'letting it go', 'held accountable', 'until someone', "you'll regret", 'you will regret',
  ],
  // Threats of damage or violence.
  violence: ['砸了', '砸烂', '砸你们', '干得出来', '什么事都干', '同归于尽', '拼命', '弄死', '放火', '别逼我', '逼急了',
    // The same kinds in other words (public places and groups online, officials higher up, courts and police, blows, farewells).
    '揍', '打死', '捅', '拿刀', '算账', '拼了', '不客气', '好日子过', '开不了门', '砸', '烧了', '炸了你们', '收拾你', '丢了工作', '丢工作', '丢饭碗', '砸饭碗', '下岗', '住哪', '住在哪',
  ],
  // Despair about going on living (the crisis the dialogue answers with a hotline).
  despair: [
    '活不下去', '不想活', '活着没意思', '活着真没意思', '没意思了', '撑不下去', '熬不下去', '不想再活', '活下去', '死了算了', '不如死',
    '一了百了', '想走了', '解脱', '轻生', '自杀', '跳楼', '跳河', '割腕', '天台', '安眠药', '农药', '烧炭', '准备好了药', '药都准备',
    // Farewells.
    '最后一个电话', '最后一次', '交代后事', '永别', '下辈子',
    '遗书', '拖累', '没有活路', '绝路', '绝望', '走投无路', '不想活了',
    // The same kinds in other words (public places and groups online, officials higher up, courts and police, blows, farewells).
    '去死', '死给', '死在', '寻短见', '离开这个世界', '不痛苦地离开', '结束这一切', '结束自己', '活着太累', '活着太痛苦', '活着没劲', '活着干嘛', '活着还有什么', '活着就是受罪', '活着一点意义', '没有盼头', '没盼头', '没有任何希望', '活不了', '活路', '累赘', '消失', '不在了', '告别', '遗言', '跳下去', '扛不住了', '撑不住了', '撑不到', '睡过去', '不再醒', '一起走', '一死', '死了就', '了结',
  ],
  // Demands for redress: compensation, someone in charge, or leaving.
  redress: [
    '赔偿', '赔付', '补偿', '必须赔', '赔给我', '退给我', '退回来', '给我退', '利息', '误工费', '经理', '领导', '主管', '主任',
    '行长', '局长', '负责人', '能做主', '销户', '注销', '转走', '携号转网', '再也不', '以后不会', '不会再', '拉黑', '取关',
  ],
  // Praise said through the teeth.
  sarcasm: ['呵呵', '真是谢谢', '谢谢你们啊', '真行', '可真行', '真厉害', '真是服了', '服了你们', '好一个', '佩服'],
  // The customer came round: an expected bad outcome did not happen.
  relief: ['没想到', '幸好', '还好', '多亏', '终于', '改观', '本来以为', '还以为', '本来想', '都准备', '原本', '结果', '居然', '竟然', '超出预期', '比预计'],
  // A deadline or time pressure behind a request.
  urgency: ['截止', '最后一天', '来不及', '赶不上', '等着用', '急用', '明天就要', '下周就要', '马上就要', '今天必须', '今晚必须', '就要到期', '快过期', '快到期', '一直卡', '一直显示', '一直没'],
  // What is at stake for the customer.
  stakes: ['生活费', '救命', '养老钱', '看病', '病人', '住院', '工资', '房租', '学费', '全部积蓄', '血汗钱', '孩子上学', '面试', '签证'],
  // Questions asked in anger, not for an answer.
  rhetorical: ['是摆设吗', '摆设', '合理吗', '谁同意', '谁给你们的权利', '怎么做事', '怎么办事', '有没有人管', '还有没有', '还好意思', '好意思卖', '好意思收', '你们自己觉得', '凭什么', '是不是机器人', '搞什么', '耍我', '玩我'],
  // Courtesy at the end of a request, not satisfaction with anything.
  courtesy: ['麻烦', '请问', '劳驾', '帮我', '想问', '问一下', '咨询'],
} as const;

export type AffectPhraseKind = keyof typeof AFFECT_PHRASES;

/** The kinds that threaten escalation; any of them (or a lexicon high-risk reason) also sets one shared `threat` flag. */
export const THREAT_KINDS: ReadonlySet<AffectPhraseKind> = new Set(['public_scene', 'petition', 'vow', 'violence']);

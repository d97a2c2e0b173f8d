import type { RiskReason } from './risk.js';

/**
 * How a risk phrase counts: `strong` on its own; `needsAction` only with a verb like 找/发/上 just
 * before it (我要发微博 vs 你们微博店铺); `hotline` is a bare number that needs 打/投诉/举报 in its
 * clause (打12345 vs 密码12345); `blocker` is a longer word that shadows a cue inside it (转告你们 is
 * not 告你们).
 */
export type RiskCueKind = 'strong' | 'needsAction' | 'hotline' | 'blocker';

/** One risk phrase and what it signals. */
export type RiskCue = { cue: string; reason: RiskReason; kind: RiskCueKind };

const STRONG: Record<RiskReason, string[]> = {
  regulator_complaint: [
    '工信部', '银保监', '银监会', '保监会', '金融监管', '金管局', '证监会', '消协', '消费者协会', '消保委', '监管部门',
    '监管局', '监管投诉', '市场监管', '市场监督', '工商局', '工商部门', '黑猫投诉', '315晚会', '电信管理局', '通管局',
    '人民银行', '物价局', '质监局', '消费者权益保护', 'consumer association', 'regulator', 'better business bureau',
  ],
  media_exposure: ['曝光', '上热搜', '找媒体', '联系媒体', '找记者', '联系记者', '爆料', '发到网上', '挂到网上', '让大家看看',
    'go public', 'expose you', 'the press', 'journalist', 'reporter', 'go viral', 'social media'],
  legal_threat: ['起诉', '律师', '法院', '报警', '告你们', '告你', '打官司', '诉讼', '仲裁', '法律途径', '走法律', '法律程序', '律师函', '公安局',
    // Not a bare "sue" (a name) or "court" (a street): the phrases that carry the threat.
    'sue you', 'sue your', 'sue the', 'sue them', 'my lawyer', 'a lawyer', 'attorney', 'take you to court', 'see you in court',
    'legal action', 'lawsuit', 'the police'],
  self_harm: ['不想活', '活不下去', '轻生', '自杀', '跳楼', '想死', '割腕', '结束生命', '一了百了', '寻死', '活着没意思',
    'kill myself', 'suicide', 'end my life', 'want to die', 'hurt myself'],
  repeated_escalation: ['说了多少遍', '说了好几遍', '说了几遍', '讲了多少遍', '问了多少遍', '多少次了', '好几次了', '又是这样', '每次都这样', '反复联系', '反复催',
    'third time', 'how many times', 'again and again', 'so many times'],
  strong_anger: [],
  complaint_intent: ['投诉', '举报', '差评', 'complain', 'complaint'],
  // Only the trained classifier gives these (see `RiskReason`).
  escalation_threat: [],
  grievance: [],
};
const NEEDS_ACTION: Partial<Record<RiskReason, string[]>> = {
  media_exposure: ['媒体', '记者', '微博', '抖音', '小红书', '头条', '新闻', '电视台', '朋友圈', '网上', '知乎', '快手'],
};
const HOTLINES = ['12315', '12345', '12378', '12363', '12300', '12381'];
const BLOCKERS = ['转告', '告诉', '报告', '公告', '广告', '告知', '预告', '忠告', '告诫'];

/** Every risk phrase, in lower-case Simplified form; English phrases match as whole words. */
export const RISK_LEXICON: readonly RiskCue[] = [
  ...Object.entries(STRONG).flatMap(([reason, cues]) =>
    cues.map((cue) => ({ cue, reason: reason as RiskReason, kind: 'strong' as const })),
  ),
  ...Object.entries(NEEDS_ACTION).flatMap(([reason, cues]) =>
    cues.map((cue) => ({ cue, reason: reason as RiskReason, kind: 'needsAction' as const })),
  ),
  ...HOTLINES.map((cue) => ({ cue, reason: 'regulator_complaint' as const, kind: 'hotline' as const })),
  ...BLOCKERS.map((cue) => ({ cue, reason: 'legal_threat' as const, kind: 'blocker' as const })),
];

import type { Locale } from './messages.js';

/** Every piece of text of the survey card and the answer buttons (the chat's own text is in messages.ts). */
export interface FeedbackCatalogue {
  helpful: string;
  notHelpful: string;
  answerQuestion: string;
  thanksForVerdict: string;
  surveyTitle: string;
  starLabel: (stars: number) => string;
  starNames: readonly string[];
  tagsLabel: string;
  commentLabel: string;
  commentPlaceholder: string;
  counter: (length: number, max: number) => string;
  submit: string;
  submitting: string;
  pickStars: string;
  commentTooLong: string;
  network: string;
  thanks: (stars: number) => string;
  followUpPromised: string;
  followUpQuestion: string;
  followUpThanks: string;
  /** How a recorded 回访 ended, shown above the question. */
  outcome: Record<'resolved' | 'not_resolved' | 'unreachable', string>;
}

const zhCN: FeedbackCatalogue = {
  helpful: '有帮助',
  notHelpful: '没帮助',
  answerQuestion: '这个回答有帮助吗？',
  thanksForVerdict: '感谢反馈',
  surveyTitle: '请为本次服务打分',
  starLabel: (stars) => `${stars} 星`,
  starNames: ['非常不满意', '不满意', '一般', '满意', '非常满意'],
  tagsLabel: '选择标签（可多选）',
  commentLabel: '其他意见（选填）',
  commentPlaceholder: '说说您的感受或建议',
  counter: (length, max) => `${length}/${max}`,
  submit: '提交评价',
  submitting: '提交中…',
  pickStars: '请先选择星级',
  commentTooLong: '评价内容最多 1000 字',
  network: '网络不稳定，请稍后再试',
  thanks: (stars) => `感谢您的评价（${stars} 星）！`,
  followUpPromised: '很抱歉没能让您满意，主管将在 1 个工作日内联系您回访。',
  followUpQuestion: '您对本次回访的处理满意吗？',
  followUpThanks: '感谢您对回访的评价！',
  outcome: { resolved: '回访结果：问题已解决', not_resolved: '回访结果：问题尚未解决', unreachable: '回访结果：未能联系上您' },
};

const en: FeedbackCatalogue = {
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  answerQuestion: 'Was this answer helpful?',
  thanksForVerdict: 'Thanks for the feedback',
  surveyTitle: 'Please rate this conversation',
  starLabel: (stars) => (stars === 1 ? '1 star' : `${stars} stars`),
  starNames: ['Very poor', 'Poor', 'Fair', 'Good', 'Excellent'],
  tagsLabel: 'Pick tags (any number)',
  commentLabel: 'Anything else? (optional)',
  commentPlaceholder: 'Tell us how it went',
  counter: (length, max) => `${length}/${max}`,
  submit: 'Submit',
  submitting: 'Submitting…',
  pickStars: 'Please choose a star rating first',
  commentTooLong: 'At most 1,000 characters',
  network: 'Network trouble, please try again',
  thanks: (stars) => `Thank you for your rating (${stars} ${stars === 1 ? 'star' : 'stars'})!`,
  followUpPromised: 'Sorry we did not get it right. A supervisor will contact you within one working day.',
  followUpQuestion: 'Were you satisfied with how the follow-up was handled?',
  followUpThanks: 'Thank you for rating the follow-up!',
  outcome: { resolved: 'Follow-up: resolved', not_resolved: 'Follow-up: not resolved yet', unreachable: 'Follow-up: we could not reach you' },
};

export function getFeedbackCatalogue(locale: Locale): FeedbackCatalogue {
  return locale === 'en' ? en : zhCN;
}

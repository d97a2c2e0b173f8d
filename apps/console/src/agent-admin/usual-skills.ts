/**
 * Skills the industry templates (packages/templates) route chats by, offered as suggestions. The
 * console does not know which template a tenant started from, so all are offered; the skills the
 * tenant already uses come before them.
 */
export const USUAL_SKILLS: readonly string[] = [
  // Everyone: English-speaking visitors need `English` (docs/design/handoff.md, Flow 1).
  'English',
  '投诉',
  'VIP',
  // E-commerce
  '售后',
  '退换货',
  '物流',
  '发票',
  '售前咨询',
  // Finance
  '信用卡',
  '贷款',
  '账户安全',
  '反欺诈',
  '理财',
  // Telecom
  '宽带',
  '套餐',
  '携号转网',
  '账单',
  // Government
  '政务-社保',
  '政务-公积金',
  '政务-户籍',
  '预约办理',
];

import type { FindingKind } from './bottleneck-detector.js';

/** What kind of step a customer is stuck at, read from the flow definition (finding-labels.ts). */
export type StepKind = 'otp' | 'mobile' | 'order_number' | 'reference' | 'upload' | 'choice' | 'question' | 'confirm' | 'other';

export interface FindingAdvice {
  /** The dominant cause in words (", 多为验证码过期"), or null when none is known. */
  reasonText: string | null;
  suggestion: string;
}

/** Failure causes the connectors report (action error codes), in the customer's terms, with the fix they call for. */
const REASONS: Record<string, { text: string; suggestion: string }> = {
  otp_expired: { text: '多为验证码过期', suggestion: '建议延长验证码有效期或提供语音验证码' },
  otp_rate_limited: { text: '多为验证码发送太频繁被限制', suggestion: '建议放宽重发间隔，并在对话中说明还需等待多久' },
  mobile_not_registered: { text: '多为手机号未在本系统登记', suggestion: '建议提示客户使用预留手机号，或提供其他验证方式' },
  not_verified: { text: '多为身份验证未通过', suggestion: '建议检查身份验证子流程的提示和重试次数' },
  order_not_found: { text: '多为订单号查不到', suggestion: '建议提示订单号的位置和格式，或让已登录客户直接从订单列表中选择' },
  not_shipped: { text: '多为订单尚未发货', suggestion: '建议在物流查询前先判断发货状态，未发货时直接说明预计发货时间' },
  not_eligible: { text: '多为不符合办理条件', suggestion: '建议在流程开始时先说明办理条件，避免客户填完信息才被拒绝' },
  already_requested: { text: '多为重复申请', suggestion: '建议先查询已有申请并展示进度，而不是再次受理' },
  address_locked: { text: '多为订单已发货无法改地址', suggestion: '建议在修改前说明可改地址的时限，并引导联系快递改派' },
  not_cancellable: { text: '多为订单已发货无法取消', suggestion: '建议引导客户改为签收后退货' },
  refund_not_found: { text: '多为没有退款记录', suggestion: '建议说明退款发起条件，并提供申请退货入口' },
  card_not_found: { text: '多为卡号后四位不匹配', suggestion: '建议列出客户名下卡片供选择，而不是让客户输入' },
  bill_not_found: { text: '多为账单月份无账单', suggestion: '建议默认查询最近一期账单，并列出可查月份' },
  transfer_not_found: { text: '多为找不到对应转账', suggestion: '建议列出近期转账供客户选择' },
  application_not_found: { text: '多为申请编号查不到', suggestion: '建议提示申请编号的格式和查找位置（回执、短信）' },
  slot_full: { text: '多为号源已满', suggestion: '建议增加热门时段号源，或主动推荐最近有号的日期' },
  slot_not_found: { text: '多为所选时段不可用', suggestion: '建议只展示仍有余量的时段' },
  invalid_date: { text: '多为所选日期不可预约（节假日）', suggestion: '建议直接展示可预约的工作日' },
  subscriber_not_found: { text: '多为号码查不到', suggestion: '建议提示使用本网号码，或核对号码格式' },
  account_not_found: { text: '多为宽带账号或地址查不到', suggestion: '建议允许用手机号查找宽带，并给出地址填写示例' },
  unavailable: { text: '多为业务系统暂时不可用', suggestion: '建议检查该连接器的可用性与超时设置（运维告警）' },
};

const STEP_FAILURE_DEFAULT: Record<StepKind, string> = {
  otp: '建议检查短信通道的送达率与延迟，并提供语音验证码',
  mobile: '建议说明需要的是预留手机号，并接受带空格或 +86 的写法',
  order_number: '建议提示订单号的位置和格式，或让已登录客户直接从订单列表中选择',
  reference: '建议提示编号的格式和查找位置',
  upload: '建议说明支持的文件类型和大小，并提供拍照上传',
  choice: '建议把选项做成按钮，并接受客户的自然说法',
  question: '建议改写这一步的提问，给出示例，或提供按钮',
  confirm: '建议精简确认内容，只保留客户需要核对的信息',
  other: '建议查看该步骤的对话记录，找出客户卡住的原因',
};

const STEP_ABANDON_DEFAULT: Record<StepKind, string> = {
  otp: '客户常在收验证码时离开：建议检查短信是否及时送达，提供"重新发送"和语音验证码',
  mobile: '客户不愿或无法提供手机号：建议说明用途，或提供登录后免验证',
  order_number: '客户找不到订单号：建议让已登录客户直接从订单列表中选择',
  reference: '客户找不到编号：建议说明编号在哪里（回执、短信），或允许用身份证号查询',
  upload: '客户在上传材料时放弃：建议支持拍照上传和稍后补传',
  choice: '客户在选择时离开：建议减少选项数量，或给出推荐选项',
  question: '客户在这一步放弃：问题可能难以回答，建议给出示例、按钮或允许跳过',
  confirm: '客户在确认时离开：建议精简确认内容，并说明办理后的结果',
  other: '建议查看该步骤的对话记录，找出客户离开的原因',
};

/**
 * The rule catalogue: a finding's kind, the kind of step and the dominant failure cause (an action
 * error code, when one accounts for most failures) → the cause in words and a suggested fix.
 * @example adviceFor('step_failure', 'otp', 'otp_expired') // { reasonText: '多为验证码过期', suggestion: '建议延长验证码有效期或提供语音验证码' }
 */
export function adviceFor(kind: FindingKind, stepKind: StepKind | null, reasonCode: string | null): FindingAdvice {
  const reason = reasonCode ? REASONS[reasonCode] : undefined;
  switch (kind) {
    case 'step_failure':
      return reason ? { reasonText: reason.text, suggestion: reason.suggestion } : { reasonText: null, suggestion: STEP_FAILURE_DEFAULT[stepKind ?? 'other'] };
    case 'step_abandon':
      return { reasonText: reason?.text ?? null, suggestion: reason?.suggestion ?? STEP_ABANDON_DEFAULT[stepKind ?? 'other'] };
    case 'intent_fallback':
      return { reasonText: null, suggestion: '建议从"热门未解决问题"中为该意图补充训练语句，并在知识库补充相应问答' };
    case 'faq_unhelpful':
      return { reasonText: null, suggestion: '建议复核该答案是否过时或过于笼统：补充具体步骤、时限和入口链接，必要时拆成几个问题' };
  }
}

/** The step kind of a flow step, from what it asks for. */
export function stepKindOf(step: { type: string; slot?: string; entity?: string; validator?: string; options?: unknown[] } | undefined): StepKind {
  if (!step) return 'other';
  if (step.type === 'confirm') return 'confirm';
  if (step.type !== 'slot') return 'other';
  const slot = `${step.slot ?? ''} ${step.validator ?? ''} ${step.entity ?? ''}`.toLowerCase();
  if (/otp|code|验证码/.test(slot)) return 'otp';
  if (/mobile|phone/.test(slot)) return 'mobile';
  if (/order/.test(slot)) return 'order_number';
  if (/ref|application|ticket/.test(slot)) return 'reference';
  if (/upload|attachment|file/.test(slot)) return 'upload';
  if (Array.isArray(step.options) && step.options.length > 0) return 'choice';
  return 'question';
}

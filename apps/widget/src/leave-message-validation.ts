import { MAX_DESCRIPTION_LENGTH, isMainlandMobile, normaliseMobile } from './ticket-form-validation.js';

export type LeaveMessageProblem = 'required' | 'too_long' | 'invalid_mobile';

/** A 留言 ready to send: trimmed text, the mobile without spaces or +86, or none. */
export interface ValidLeaveMessage {
  text: string;
  phone?: string;
}

export type LeaveMessageResult = { ok: true; value: ValidLeaveMessage } | { ok: false; problems: Partial<Record<'text' | 'mobile', LeaveMessageProblem>> };

/**
 * Checks the 留言 form the way the 提交工单 form checks its contact: words are required, the mobile
 * is optional but must be a mainland mobile when given.
 *
 * @example validateLeaveMessage({ text: '  ', mobile: '123' })
 * // { ok: false, problems: { text: 'required', mobile: 'invalid_mobile' } }
 */
export function validateLeaveMessage(input: { text: string; mobile: string }): LeaveMessageResult {
  const problems: Partial<Record<'text' | 'mobile', LeaveMessageProblem>> = {};
  const text = input.text.trim();
  if (!text) problems.text = 'required';
  else if (text.length > MAX_DESCRIPTION_LENGTH) problems.text = 'too_long';
  const mobile = normaliseMobile(input.mobile);
  if (mobile && !isMainlandMobile(mobile)) problems.mobile = 'invalid_mobile';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const value: ValidLeaveMessage = { text };
  if (mobile) value.phone = mobile;
  return { ok: true, value };
}

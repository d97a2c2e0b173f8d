import type { VisitorSession } from './widget-api-client.js';

/** The code a form's error carries when it was held back for the privacy notice. */
export const NOTICE_REQUIRED = 'privacy_notice_required';

/**
 * What a form that collects personal information (提交工单, 补充信息, 留言) asks of the privacy notice,
 * like the chat composer does: nothing leaves the browser until the notice in force is accepted, and
 * an acceptance given before the visitor's session existed is in the consent ledger before the form's
 * own request.
 */
export interface NoticeGate {
  /** The notice in force has been accepted. */
  accepted(): boolean;
  /** Runs once the session exists and before the form's request: records a pending acceptance. */
  beforeSending(session: VisitorSession): Promise<void>;
}

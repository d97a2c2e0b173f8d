import { ApiError } from '../api/api-error.js';
import { describeError } from '../i18n/describe-error.js';
import type { Translate } from '../i18n/translate.js';

/**
 * A refusal as the supervisor should read it: the catalogue's text for the code and, when the
 * server said more (it names the agent and the reason, e.g. "小李 已达接待上限 3/3"), its message too.
 * @example refusalText(new ApiError('agent_offline', '小李 当前离线', 409), t) // '该客服不在线：小李 当前离线'
 */
export function refusalText(error: unknown, t: Translate): string {
  const described = describeError(error, t);
  if (!(error instanceof ApiError)) return described;
  const detail = error.message.trim();
  if (!detail || detail === described || error.code === 'network_error') return described;
  return t('supervisor.refusal', { reason: described, detail });
}

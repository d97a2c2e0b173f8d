import { useMemo } from 'react';
import { useSession } from '../auth/session-context.js';
import { WechatAccountsApi } from './wechat-accounts-api.js';

/** The WeChat account routes bound to the signed-in session's ApiClient. */
export function useWechatAccountsApi(): WechatAccountsApi {
  const { api } = useSession();
  return useMemo(() => new WechatAccountsApi(api), [api]);
}

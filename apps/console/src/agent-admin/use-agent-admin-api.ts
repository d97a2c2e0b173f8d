import { useMemo } from 'react';
import { useSession } from '../auth/session-context.js';
import { AgentAdminApi } from './agent-admin-api.js';

/** The staffing routes bound to the signed-in session's ApiClient. */
export function useAgentAdminApi(): AgentAdminApi {
  const { api } = useSession();
  return useMemo(() => new AgentAdminApi(api), [api]);
}

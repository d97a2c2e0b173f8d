import { useMemo } from 'react';
import { useSession } from '../auth/session-context.js';
import { SupervisorApi } from './supervisor-api.js';

/** The supervisor routes bound to the signed-in session's ApiClient. */
export function useSupervisorApi(): SupervisorApi {
  const { api } = useSession();
  return useMemo(() => new SupervisorApi(api), [api]);
}

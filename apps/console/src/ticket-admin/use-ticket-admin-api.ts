import { useMemo } from 'react';
import { useSession } from '../auth/session-context.js';
import { TicketAdminApi } from './ticket-admin-api.js';

/** The admin routes bound to the signed-in session's ApiClient. */
export function useTicketAdminApi(): TicketAdminApi {
  const { api } = useSession();
  return useMemo(() => new TicketAdminApi(api), [api]);
}

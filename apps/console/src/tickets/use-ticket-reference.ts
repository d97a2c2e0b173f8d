import { useEffect, useMemo, useState } from 'react';
import type { AgentGroup, SlaPolicy, StaffUserSummary, TicketCategory } from '../api/api-types.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { TicketAdminApi } from '../ticket-admin/ticket-admin-api.js';

/** The lists the ticket screens pick from: groups, categories, SLA policies and assignable staff. */
export interface TicketReference {
  groups: AgentGroup[];
  categories: TicketCategory[];
  policies: SlaPolicy[];
  /** Staff to assign to; for roles that cannot list users, just the signed-in user. */
  users: { id: string; name: string }[];
}

const empty: TicketReference = { groups: [], categories: [], policies: [], users: [] };

/**
 * Loads the reference lists once per screen (and after a reconnect, via `epoch`). A list that
 * fails to load stays empty: the filters then offer less, the tickets still show.
 */
export function useTicketReference(epoch: number): TicketReference {
  const { api } = useSession();
  const user = useSignedInUser();
  const admin = useMemo(() => new TicketAdminApi(api), [api]);
  const [reference, setReference] = useState<TicketReference>(empty);
  // Listing users needs users.read (admins and supervisors); an agent assigns to themselves.
  const canListUsers = user.role === 'admin' || user.role === 'supervisor';

  useEffect(() => {
    let cancelled = false;
    const items = <T,>(promise: Promise<{ items: T[] }>) => promise.then((page) => page.items).catch(() => [] as T[]);
    const self = [{ id: user.id, name: user.name }];
    void Promise.all([
      items(admin.listGroups()),
      items(admin.listCategories()),
      items(admin.listPolicies()),
      canListUsers ? items<StaffUserSummary>(admin.listUsers()) : Promise.resolve(self),
    ]).then(([groups, categories, policies, users]) => {
      if (cancelled) return;
      setReference({
        groups,
        categories,
        policies,
        users: users.filter((staff) => !('active' in staff) || staff.active).map((staff) => ({ id: staff.id, name: staff.name })),
      });
    });
    return () => {
      cancelled = true;
    };
  }, [admin, canListUsers, user.id, user.name, epoch]);

  return reference;
}

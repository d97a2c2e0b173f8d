import { useEffect, useState } from 'react';
import type { AgentGroup } from '../api/api-types.js';
import { useSignedInUser } from '../auth/session-context.js';
import type { WorkspaceApi } from './workspace-api.js';
import type { AgentProfile } from './workspace-api-types.js';

export interface StaffPickers {
  /** Colleagues (the signed-in user left out), online first. */
  agents: AgentProfile[];
  groups: AgentGroup[];
  failed: boolean;
}

const PRESENCE_ORDER = { online: 0, away: 1, offline: 2 } as const;

/** The colleagues and groups a chat can be handed to, loaded when a transfer or invite dialog opens. */
export function useStaffPickers(api: WorkspaceApi, open: boolean, withGroups: boolean): StaffPickers {
  const user = useSignedInUser();
  const [state, setState] = useState<StaffPickers>({ agents: [], groups: [], failed: false });

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    Promise.all([api.agents(), withGroups ? api.groups() : Promise.resolve({ items: [] as AgentGroup[] })]).then(
      ([agents, groups]) => {
        if (cancelled) return;
        const others = agents.items.filter((a) => a.userId !== user.id).sort((a, b) => PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] || a.name.localeCompare(b.name));
        setState({ agents: others, groups: groups.items, failed: false });
      },
      () => {
        if (!cancelled) setState((current) => ({ ...current, failed: true }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, open, withGroups, user.id]);

  return state;
}

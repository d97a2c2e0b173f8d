import { useEffect, useState } from 'react';
import type { AgentGroup } from '../api/api-types.js';
import { useSignedInUser } from '../auth/session-context.js';
import type { WorkspaceApi } from './workspace-api.js';
import { colleaguesForPicker } from './colleague-order.js';
import type { AgentProfile } from './workspace-api-types.js';

export interface StaffPickers {
  /** Colleagues (the signed-in user left out), likeliest taker first. */
  agents: AgentProfile[];
  groups: AgentGroup[];
  failed: boolean;
}

/** The colleagues and groups a chat can be handed to, loaded when a transfer or invite dialog opens. */
export function useStaffPickers(api: WorkspaceApi, open: boolean, withGroups: boolean): StaffPickers {
  const user = useSignedInUser();
  const [state, setState] = useState<StaffPickers>({ agents: [], groups: [], failed: false });

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    Promise.all([api.agents(), withGroups ? api.groups() : Promise.resolve({ items: [] as Array<AgentGroup & { handlesChat?: boolean }> })]).then(
      ([agents, groups]) => {
        if (cancelled) return;
        // Only groups that take chats can queue one; ticket-only groups would refuse it.
        setState({ agents: colleaguesForPicker(agents.items, user.id), groups: groups.items.filter((group) => group.handlesChat !== false), failed: false });
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

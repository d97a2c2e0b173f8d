import { useEffect, useMemo, useState } from 'react';
import { useSession } from '../auth/session-context.js';
import { useAgentSocket } from '../realtime/agent-socket-context.js';
import { AgentCall, type AgentCallState } from './agent-call.js';
import { CallApi } from './call-api.js';

/** The agent's call controller for one open chat; it ends its call when the chat is left. */
export function useAgentCall(): { call: AgentCall | null; state: AgentCallState | null } {
  const { api } = useSession();
  const { socket } = useAgentSocket();
  const call = useMemo(() => (socket ? new AgentCall(new CallApi(api), socket, navigator.mediaDevices) : null), [api, socket]);
  const [state, setState] = useState<AgentCallState | null>(call?.state ?? null);
  useEffect(() => {
    if (!call) return;
    setState(call.state);
    const off = call.subscribe(setState);
    return () => {
      off();
      call.dispose();
    };
  }, [call]);
  return { call, state };
}

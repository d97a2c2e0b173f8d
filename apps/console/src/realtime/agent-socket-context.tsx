import { createContext, use, useEffect, useMemo, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { ApiError } from '../api/api-error.js';
import { useSession } from '../auth/session-context.js';
import type { AgentClientEvents, AgentServerEvents } from './agent-socket-events.js';

export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

interface AgentRealtime {
  socket: AgentSocket | null;
  connected: boolean;
  /**
   * Bumped on every (re)connect. Anything loaded over HTTP depends on it, so
   * events missed while disconnected are fetched again.
   */
  epoch: number;
}

const AgentSocketContext = createContext<AgentRealtime>({ socket: null, connected: false, epoch: 0 });

const SERVER_REFUSED_RETRY_MS = 5000;

/** Opens the `/agent` Socket.IO connection (authenticated by the session cookie) for the signed-in console. */
export function AgentSocketProvider({ children }: { children: ReactNode }) {
  const { api, expire } = useSession();
  const [socket, setSocket] = useState<AgentSocket | null>(null);
  const [connected, setConnected] = useState(false);
  const [epoch, setEpoch] = useState(0);

  useEffect(() => {
    const next: AgentSocket = io('/agent', { path: '/socket.io', withCredentials: true });
    let retry: ReturnType<typeof setTimeout> | undefined;

    next.on('connect', () => {
      setConnected(true);
      setEpoch((value) => value + 1);
    });
    // socket.io stops retrying when the server itself refused the handshake or
    // dropped the socket (session expired, password changed elsewhere). Ask the
    // API: a 401 signs the console out; anything else means try again.
    const recoverWhenAbandoned = () => {
      if (next.active) return;
      clearTimeout(retry);
      retry = setTimeout(() => {
        api.me().then(
          () => next.connect(),
          (error: unknown) => {
            if (error instanceof ApiError && error.status === 401) expire();
            else next.connect();
          },
        );
      }, SERVER_REFUSED_RETRY_MS);
    };
    next.on('disconnect', () => {
      setConnected(false);
      recoverWhenAbandoned();
    });
    next.on('connect_error', () => {
      setConnected(false);
      recoverWhenAbandoned();
    });
    setSocket(next);

    return () => {
      clearTimeout(retry);
      next.removeAllListeners();
      next.disconnect();
      setSocket(null);
      setConnected(false);
    };
  }, [api, expire]);

  const value = useMemo(() => ({ socket, connected, epoch }), [socket, connected, epoch]);
  return <AgentSocketContext value={value}>{children}</AgentSocketContext>;
}

/** The `/agent` socket and its connection state. */
export function useAgentSocket(): AgentRealtime {
  return use(AgentSocketContext);
}

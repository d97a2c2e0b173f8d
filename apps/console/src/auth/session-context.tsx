import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/api-client.js';
import { ApiError } from '../api/api-error.js';
import type { LoginInput, StaffUser } from '../api/api-types.js';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; user: StaffUser };

interface Session {
  state: SessionState;
  api: ApiClient;
  login: (input: LoginInput) => Promise<void>;
  logout: () => Promise<void>;
  /** Signs the console out because the server no longer accepts the session. */
  expire: () => void;
}

const SessionContext = createContext<Session | null>(null);

/** Owns the ApiClient and the signed-in user; restores the session from the cookie on load. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'restoring' });
  const [api] = useState(() => new ApiClient({ onUnauthorized: () => setState({ status: 'signed-out', expired: true }) }));

  useEffect(() => {
    let cancelled = false;
    api.me().then(
      ({ user }) => !cancelled && setState({ status: 'signed-in', user }),
      (error: unknown) => {
        if (cancelled) return;
        // Anything but "not logged in" (server down, proxy error) still ends on the
        // login form, where a retry will surface the real error message.
        if (!(error instanceof ApiError) || error.status !== 401) console.warn('session restore failed', error);
        setState({ status: 'signed-out', expired: false });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const login = useCallback(
    async (input: LoginInput) => {
      const { user } = await api.login(input);
      setState({ status: 'signed-in', user });
    },
    [api],
  );

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch (error) {
      // The cookie may outlive a failed logout call, but the agent asked to leave: show the login form anyway.
      console.warn('logout failed', error);
    }
    setState({ status: 'signed-out', expired: false });
  }, [api]);

  const expire = useCallback(() => setState({ status: 'signed-out', expired: true }), []);

  const value = useMemo<Session>(() => ({ state, api, login, logout, expire }), [state, api, login, logout, expire]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

/** The session of the surrounding SessionProvider. */
export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}

/** The signed-in user; only for components rendered behind the login gate. */
export function useSignedInUser(): StaffUser {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedInUser needs a signed-in session');
  return state.user;
}

import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/api-client.js';
import { ApiError } from '../api/api-error.js';
import type { LoginInput, MfaChallenge, SessionInfo, StaffUser } from '../api/api-types.js';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; user: StaffUser; mfaEnrollmentRequired: boolean };

interface Session {
  state: SessionState;
  api: ApiClient;
  /** Signs in, or returns the MFA challenge when the user must also enter a code (then completeMfaLogin). */
  login: (input: LoginInput) => Promise<MfaChallenge | null>;
  completeMfaLogin: (challengeToken: string, code: string) => Promise<void>;
  /** Re-reads the session after MFA was switched on or off. */
  refresh: () => Promise<void>;
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
      (session) => !cancelled && setState(signedIn(session)),
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
      const result = await api.login(input);
      if ('mfaRequired' in result) return result;
      setState(signedIn(result));
      return null;
    },
    [api],
  );

  const completeMfaLogin = useCallback(
    async (challengeToken: string, code: string) => {
      setState(signedIn(await api.loginWithMfa(challengeToken, code)));
    },
    [api],
  );

  const refresh = useCallback(async () => {
    setState(signedIn(await api.me()));
  }, [api]);

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

  const value = useMemo<Session>(() => ({ state, api, login, completeMfaLogin, refresh, logout, expire }), [state, api, login, completeMfaLogin, refresh, logout, expire]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

function signedIn(session: SessionInfo): SessionState {
  return { status: 'signed-in', user: session.user, mfaEnrollmentRequired: session.mfaEnrollmentRequired };
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

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import type { LoginAnswer, Me, Org } from '../api/types';

interface AuthState {
  me: Me | null;
  org: Org | null; // the user's own org (name and level for the header)
  loading: boolean;
  expired: boolean; // the session ran out while the console was open
  login(username: string, password: string): Promise<LoginAnswer>;
  verifyTotp(code: string): Promise<void>;
  enrollTotp(): Promise<{ secret: string; otpauthUri: string }>;
  activateTotp(code: string): Promise<string[]>;
  finishLogin(): Promise<void>;
  logout(): Promise<void>;
  can(permission: string): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

// The session cookie is HttpOnly, so the console keeps its own note that it logged in: a
// visitor who never did is not sent to /auth/me (each refused call is an audit entry).
const SESSION_HINT = 'mams.session';
function hintSession(present: boolean): void {
  try {
    if (present) localStorage.setItem(SESSION_HINT, '1');
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    // storage unavailable: /auth/me is asked every time
  }
}
function mayHaveSession(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) !== null;
  } catch {
    return true;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [org, setOrg] = useState<Org | null>(null);
  const [loading, setLoading] = useState(true);
  const [expired, setExpired] = useState(false);

  const adopt = useCallback(async (user: Me | null) => {
    setMe(user);
    if (user?.csrfToken) setCsrfToken(user.csrfToken);
    if (user && !user.mfaPending) {
      try {
        setOrg(await api<Org>('GET', `/api/v1/orgs/${encodeURIComponent(user.org)}`));
      } catch {
        setOrg(null); // a user without orgs:read still works; the header shows the code
      }
    }
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      hintSession(false);
      setMe(null);
      setExpired(true);
    });
    if (!mayHaveSession()) {
      setLoading(false);
      return;
    }
    api<Me>('GET', '/api/v1/auth/me')
      .then(adopt)
      .catch(() => setMe(null))
      .finally(() => setLoading(false));
  }, [adopt]);

  const login = useCallback(
    async (username: string, password: string) => {
      const answer = await api<LoginAnswer>('POST', '/api/v1/auth/login', { body: { username, password } });
      setCsrfToken(answer.csrfToken);
      setExpired(false);
      hintSession(true);
      await adopt({ ...answer.user, csrfToken: answer.csrfToken, mfaPending: answer.mfaRequired });
      return answer;
    },
    [adopt],
  );

  const verifyTotp = useCallback(
    async (code: string) => {
      await api('POST', '/api/v1/auth/totp/verify', { body: { code } });
      await adopt(await api<Me>('GET', '/api/v1/auth/me'));
    },
    [adopt],
  );

  // First log-in of a role that needs a second factor: enrol, confirm with a first code
  // (which also completes this log-in), then show the recovery codes once.
  const enrollTotp = useCallback(
    () => api<{ secret: string; otpauthUri: string }>('POST', '/api/v1/auth/totp/enroll'),
    [],
  );
  const activateTotp = useCallback(async (code: string) => {
    const answer = await api<{ recoveryCodes: string[] }>('POST', '/api/v1/auth/totp/activate', { body: { code } });
    return answer.recoveryCodes;
  }, []);
  const finishLogin = useCallback(async () => {
    await adopt(await api<Me>('GET', '/api/v1/auth/me'));
  }, [adopt]);

  const logout = useCallback(async () => {
    try {
      await api('POST', '/api/v1/auth/logout');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
    hintSession(false);
    setMe(null);
    setOrg(null);
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      me,
      org,
      loading,
      expired,
      login,
      verifyTotp,
      enrollTotp,
      activateTotp,
      finishLogin,
      logout,
      can: (permission: string) => !!me && me.permissions.includes(permission),
    }),
    [me, org, loading, expired, login, verifyTotp, enrollTotp, activateTotp, finishLogin, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

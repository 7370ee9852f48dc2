import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setUnauthorizedHandler } from '../api/client';
import { authApi } from '../api/endpoints';
import type { User } from '../api/types';

interface AuthValue {
  /** undefined while the session probe is running. */
  user: User | null | undefined;
  signIn(username: string, password: string): Promise<User>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    authApi
      .me()
      .then((session) => live && setUser(session?.user ?? null))
      .catch(() => live && setUser(null));
    // Any 401 later means the session expired: drop the user and the route guard sends them to /login.
    setUnauthorizedHandler(() => setUser(null));
    return () => {
      live = false;
      setUnauthorizedHandler(null);
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const session = await authApi.login(username, password);
    setUser(session.user);
    return session.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** For pages behind the guard, where the user is known to be signed in. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser outside a signed-in route');
  return user;
}

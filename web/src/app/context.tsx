/**
 * What every page may use: the runtime config, the signed-in session (or null), the API client
 * bound to it, and sign-in/out. Pages reach it through useApp() / useApi().
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type Api, createApi } from '../lib/api.ts';
import type { Session } from '../lib/auth/session.ts';
import type { WebConfig } from '../lib/config.ts';

export interface AppState {
  readonly config: WebConfig;
  readonly session: Session | null;
  readonly api: Api;
  readonly setSession: (session: Session | null) => void;
  /** Signs out and leaves for the sign-in page (or Cognito's logout). */
  readonly signOut: () => void;
}

const AppContext = createContext<AppState | null>(null);

const signedOut: Api = {
  get: () => Promise.reject(new Error('Sign in first.')),
  post: () => Promise.reject(new Error('Sign in first.')),
  patch: () => Promise.reject(new Error('Sign in first.')),
};

export function AppProvider(props: { config: WebConfig; initialSession: Session | null; children: ReactNode }) {
  const { config } = props;
  const [session, setSession] = useState<Session | null>(props.initialSession);
  const queryClient = useQueryClient();
  const api = useMemo(() => (session === null ? signedOut : createApi(config.apiUrl, session)), [config, session]);
  const signOut = useCallback(() => {
    const leaveFor = session?.signOut();
    queryClient.clear();
    setSession(null);
    if (leaveFor !== undefined) window.location.assign(leaveFor);
  }, [session, queryClient]);
  const value = useMemo(() => ({ config, session, api, setSession, signOut }), [config, session, api, signOut]);
  return <AppContext.Provider value={value}>{props.children}</AppContext.Provider>;
}

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (state === null) throw new Error('useApp() outside <AppProvider>');
  return state;
}

export const useApi = (): Api => useApp().api;

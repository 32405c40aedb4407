/**
 * Local development sign-in: the user picks a name, kept as `localStorage['talaty.user']` and sent as
 * `X-User` (the local gateway accepts it only while dev auth is on; AWS never does).
 */
import { DEV_USER_PATTERN } from '@talaty/schemas/web-config';
import type { Session } from './session.ts';

export const USER_KEY = 'talaty.user';

export function devUserProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Enter a user name.';
  if (!DEV_USER_PATTERN.test(name)) {
    return 'Use letters, digits and . _ @ + - only, starting with a letter or digit (at most 128).';
  }
  return undefined;
}

function localSession(user: string): Session {
  return {
    user,
    authenticate: async () => ({ 'x-user': user }),
    signOut: () => {
      localStorage.removeItem(USER_KEY);
      return undefined;
    },
  };
}

export function restoreLocalSession(): Session | null {
  const user = localStorage.getItem(USER_KEY);
  return user !== null && devUserProblem(user) === undefined ? localSession(user) : null;
}

export function signInLocally(user: string): Session {
  localStorage.setItem(USER_KEY, user);
  return localSession(user);
}

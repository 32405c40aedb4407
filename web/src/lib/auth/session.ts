/** A signed-in user: a display name, and what authenticates their API calls. */
import type { RequestAuthenticator } from '../api.ts';

export interface Session extends RequestAuthenticator {
  /** Shown in the header: the dev user name, or the Cognito user's email. */
  readonly user: string;
  /** Forgets the session; answers a URL to leave for (the Cognito logout), if any. */
  signOut(): string | undefined;
}

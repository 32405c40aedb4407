/**
 * Sign-in. Locally: pick a user name (kept as `talaty.user`, sent as X-User). In AWS: Cognito's
 * managed login, then back to /auth/callback.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useApp } from '../../app/context.tsx';
import { markInteractive } from '../../app/interactive.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/field.tsx';
import { devUserProblem, signInLocally } from '../../lib/auth/local.ts';

/** Only same-app paths, so a crafted ?next= cannot send anyone elsewhere. */
const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') ? next : '/datasets');

export function LoginPage() {
  const { config, session, setSession } = useApp();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(markInteractive, []);

  if (session !== null) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (config.mode === 'local') {
      const trimmed = name.trim();
      const found = devUserProblem(trimmed);
      setProblem(found);
      if (found === undefined) setSession(signInLocally(trimmed));
      return;
    }
    setBusy(true);
    try {
      const { startCognitoSignIn } = await import('../../lib/auth/cognito.ts');
      await startCognitoSignIn(config, next);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <form className="card login-card" onSubmit={submit} noValidate>
        <h1>Sign in to Talaty</h1>
        {config.mode === 'local' ? (
          <>
            <p>
              Local development ({config.stage}): choose any user name. It is sent as <code>X-User</code>, which only
              the local cloud accepts.
            </p>
            <Field label="User name" error={problem} hint="Your runs and versions are recorded under this name.">
              {(control) => (
                <input
                  {...control}
                  name="user"
                  autoComplete="username"
                  // biome-ignore lint/a11y/noAutofocus: the page's only field
                  autoFocus
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                />
              )}
            </Field>
          </>
        ) : (
          <p>You will sign in with your organisation account ({config.stage}).</p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            Sign in
          </button>
        </div>
        <ErrorMessage error={error} />
      </form>
    </main>
  );
}

/** Cognito's redirect target: exchanges the code, then goes where the user was headed. */
export function AuthCallbackPage() {
  const { config, setSession } = useApp();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    if (config.mode !== 'aws') return;
    let cancelled = false;
    void import('../../lib/auth/cognito.ts')
      .then(({ completeCognitoSignIn }) => completeCognitoSignIn(config, params))
      .then(({ session, returnTo }) => {
        if (cancelled) return;
        setSession(session);
        setDone(safeNext(returnTo));
      })
      .catch((caught: unknown) => !cancelled && setError(caught));
    return () => {
      cancelled = true;
    };
  }, [config, params, setSession]);
  if (config.mode !== 'aws') return <Navigate to="/login" replace />;
  if (done !== null) return <Navigate to={done} replace />;
  return (
    <main id="main" className="login">
      <div className="card login-card">
        <h1>Signing in…</h1>
        {error === null ? <p role="status">Completing the sign-in.</p> : <ErrorMessage error={error} />}
      </div>
    </main>
  );
}

/** Boot: read the runtime config, restore the session, render. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProvider } from './app/context.tsx';
import { createRouter } from './app/router.tsx';
import { ApiError } from './lib/api.ts';
import { restoreLocalSession } from './lib/auth/local.ts';
import type { Session } from './lib/auth/session.ts';
import { loadConfig } from './lib/config.ts';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will not change by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

async function boot(root: HTMLElement) {
  const config = await loadConfig();
  let session: Session | null;
  if (config.mode === 'local') {
    session = restoreLocalSession();
  } else {
    const { restoreCognitoSession } = await import('./lib/auth/cognito.ts');
    session = restoreCognitoSession(config);
  }
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <AppProvider config={config} initialSession={session}>
          <RouterProvider router={createRouter()} />
        </AppProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (root !== null) {
  boot(root).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    root.innerHTML = '';
    const box = document.createElement('main');
    box.className = 'boot-error';
    const title = document.createElement('h1');
    title.textContent = 'Talaty cannot start';
    const text = document.createElement('p');
    text.setAttribute('role', 'alert');
    text.textContent = message;
    box.append(title, text);
    root.append(box);
  });
}

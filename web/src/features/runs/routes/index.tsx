/**
 * The Runs pages: the live list, one run's detail, and two or more runs compared. Each shows a
 * loading line while its code arrives when it is the first page opened (React Router's hydrate
 * fallback, which it otherwise warns about).
 */
import type { RouteObject } from 'react-router';

const loading = (
  <p className="loading" role="status">
    Loading…
  </p>
);

export const routes: RouteObject[] = [
  { path: 'runs', lazy: () => import('./runs-page.tsx'), hydrateFallbackElement: loading },
  { path: 'runs/compare', lazy: () => import('./compare-page.tsx'), hydrateFallbackElement: loading },
  { path: 'runs/:runId', lazy: () => import('./run-page.tsx'), hydrateFallbackElement: loading },
];

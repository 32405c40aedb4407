/** The Runs pages: the live list, one run's detail, and two or more runs compared. */
import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  { path: 'runs', lazy: () => import('./runs-page.tsx') },
  { path: 'runs/compare', lazy: () => import('./compare-page.tsx') },
  { path: 'runs/:runId', lazy: () => import('./run-page.tsx') },
];

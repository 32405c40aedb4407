/** The Run specs pages: the list, the schema-driven form for a new one, and one run spec. */
import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  { path: 'run-specs', lazy: () => import('./list-page.tsx') },
  { path: 'run-specs/new', lazy: () => import('./new-page.tsx') },
  { path: 'run-specs/:runSpecId', lazy: () => import('./detail-page.tsx') },
];

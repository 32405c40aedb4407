/** The Features pages: the feature catalog, and feature sets with their versions. */
import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  { path: 'features', lazy: () => import('./features-page.tsx') },
  { path: 'features/:featureId', lazy: () => import('./feature-page.tsx') },
  { path: 'feature-sets', lazy: () => import('./feature-sets-page.tsx') },
  { path: 'feature-sets/:featureSetId', lazy: () => import('./feature-set-page.tsx') },
  { path: 'feature-sets/:featureSetId/versions/:version', lazy: () => import('./version-page.tsx') },
  { path: 'feature-sets/:featureSetId/compare', lazy: () => import('./compare-page.tsx') },
];

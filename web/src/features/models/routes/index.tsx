/** The Models pages: the registry, one model with its versions, and one version with its lineage. */
import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  { path: 'models', lazy: () => import('./models-page.tsx') },
  { path: 'models/:modelId', lazy: () => import('./model-page.tsx') },
  { path: 'models/:modelId/versions/:version', lazy: () => import('./version-page.tsx') },
];

/** The Datasets pages, each loaded when first visited. */
import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  { path: 'datasets', lazy: () => import('./datasets-page.tsx') },
  { path: 'datasets/:datasetId', lazy: () => import('./dataset-page.tsx') },
  { path: 'datasets/:datasetId/versions/:version', lazy: () => import('./version-page.tsx') },
];

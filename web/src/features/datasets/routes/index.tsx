/** The Datasets pages. */
import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [{ path: 'datasets', lazy: () => import('./placeholder.tsx') }];

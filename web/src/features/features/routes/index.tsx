/** The Features pages. */
import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [{ path: 'features', lazy: () => import('./placeholder.tsx') }];

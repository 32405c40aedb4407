/** The Models pages. */
import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [{ path: 'models', lazy: () => import('./placeholder.tsx') }];

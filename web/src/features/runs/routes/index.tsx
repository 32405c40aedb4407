/** The Runs pages. */
import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [{ path: 'runs', lazy: () => import('./placeholder.tsx') }];

/** The Run specs pages. */
import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [{ path: 'run-specs', lazy: () => import('./placeholder.tsx') }];

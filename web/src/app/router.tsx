/**
 * The routes. Each feature lists its own (`features/<name>/routes/index.tsx`), loading its pages
 * lazily, so the first page downloads only what it shows.
 */
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { AuthCallbackPage, LoginPage } from '../features/auth/login.tsx';
import { routes as datasets } from '../features/datasets/routes/index.tsx';
import { routes as features } from '../features/features/routes/index.tsx';
import { routes as models } from '../features/models/routes/index.tsx';
import { routes as runSpecs } from '../features/run-specs/routes/index.tsx';
import { routes as runs } from '../features/runs/routes/index.tsx';
import { Layout } from './layout.tsx';
import { NotFound, RouteError } from './route-error.tsx';

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/auth/callback', element: <AuthCallbackPage /> },
  {
    element: <Layout />,
    errorElement: <RouteError />,
    // Shown while a deep link's lazily loaded page arrives on the first load.
    hydrateFallbackElement: (
      <p className="loading" role="status">
        Loading…
      </p>
    ),
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Navigate to="/datasets" replace /> },
          ...datasets,
          ...features,
          ...runSpecs,
          ...runs,
          ...models,
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);

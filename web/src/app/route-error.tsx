/** What a page shows when it fails to load or render, instead of a blank screen. */
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { errorMessage } from '../lib/api.ts';

export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <section className="route-error">
      <h1>{notFound ? 'Page not found' : 'Something went wrong'}</h1>
      <p role="alert">{notFound ? 'There is no page at this address.' : errorMessage(error)}</p>
      <p>
        <Link to="/datasets">Go to datasets</Link>
      </p>
    </section>
  );
}

export function NotFound() {
  return (
    <section className="route-error">
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <Link to="/datasets">Go to datasets</Link>
      </p>
    </section>
  );
}

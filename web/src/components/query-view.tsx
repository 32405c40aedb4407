/** Loading and error states of a query, so a page renders only its data. */
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorMessage } from './error-message.tsx';

export function QueryView<T>(props: { query: UseQueryResult<T>; label: string; children: (data: T) => ReactNode }) {
  const { query } = props;
  if (query.isPending) {
    return (
      <p className="loading" role="status">
        Loading {props.label}…
      </p>
    );
  }
  if (query.isError) return <ErrorMessage error={query.error} />;
  return <>{props.children(query.data)}</>;
}

/** The page's title (its one h1), an optional line under it, and its actions. */
import type { ReactNode } from 'react';

export function PageHeader(props: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{props.title}</h1>
        {props.subtitle === undefined ? null : <p className="subtitle">{props.subtitle}</p>}
      </div>
      {props.actions === undefined ? null : <div className="actions">{props.actions}</div>}
    </header>
  );
}

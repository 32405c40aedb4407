/** Where a page sits under Datasets: links back up the path. */
import { Link } from 'react-router';

export function Breadcrumbs(props: { trail: readonly { to: string; label: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="dataset-crumbs">
      <ol>
        {props.trail.map((step) => (
          <li key={step.to}>
            <Link to={step.to}>{step.label}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

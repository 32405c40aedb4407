/** Where a page sits: links back up the feature-set hierarchy; the last item is the current page. */
import { Link } from 'react-router';

export function Breadcrumbs(props: { items: ReadonlyArray<{ label: string; to?: string }> }) {
  return (
    <nav aria-label="Breadcrumb" className="ff-crumbs">
      <ol>
        {props.items.map((item) => (
          <li key={item.label}>
            {item.to === undefined ? (
              <span aria-current="page">{item.label}</span>
            ) : (
              <Link to={item.to}>{item.label}</Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

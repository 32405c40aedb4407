/** Where a page sits: links back up the feature-set hierarchy; the last item is the current page. */
import { Link } from 'react-router';

export function Breadcrumbs(props: { items: ReadonlyArray<{ label: string; to?: string }> }) {
  return (
    <nav aria-label="Breadcrumb" className="ff-crumbs">
      <ol>
        {props.items.map((item, i) => (
          <li key={item.label}>
            {i === 0 ? null : (
              <span aria-hidden="true" className="ff-sep">
                /
              </span>
            )}
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

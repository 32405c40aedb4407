/** The signed-in frame: a skip link, the navigation, who is signed in, and the page. */
import { Navigate, NavLink, Outlet, useLocation, useNavigation } from 'react-router';
import { useApp } from './context.tsx';
import { useInteractiveMark } from './interactive.ts';

const sections = [
  { to: '/datasets', label: 'Datasets' },
  { to: '/features', label: 'Features' },
  { to: '/feature-sets', label: 'Feature sets' },
  { to: '/run-specs', label: 'Run specs' },
  { to: '/runs', label: 'Runs' },
  { to: '/models', label: 'Models' },
];

export function Layout() {
  const { session, config, signOut } = useApp();
  const location = useLocation();
  const navigation = useNavigation();
  useInteractiveMark();
  if (session === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand">
          Talaty
        </NavLink>
        <span className="stage" title="Stage">
          {config.stage}
        </span>
        <nav aria-label="Sections">
          <ul>
            {sections.map((s) => (
              <li key={s.to}>
                <NavLink to={s.to}>{s.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            <span className="visually-hidden">Signed in as </span>
            {session.user}
          </span>
          <button type="button" className="link-button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} aria-busy={navigation.state !== 'idle'}>
        <Outlet />
      </main>
    </div>
  );
}

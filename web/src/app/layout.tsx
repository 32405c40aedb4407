/** The signed-in frame: a skip link, the navigation, who is signed in, and the page. */
import { useEffect, useRef } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigation, useNavigationType } from 'react-router';
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
  const navigationType = useNavigationType();
  useInteractiveMark();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef<string | null>(null);
  useEffect(() => {
    const previous = shownPath.current;
    shownPath.current = location.pathname;
    // A new page whose button or link left with the old one would leave the focus on the body, and
    // Tab would start again at the top: the focus goes to the new page's content instead. A page
    // load (no previous page) and a redirect (`/` to /datasets) start at the top, skip link first.
    const lost = document.activeElement === null || document.activeElement === document.body;
    const moved = previous !== null && previous !== location.pathname && navigationType !== 'REPLACE';
    if (moved && lost) main.current?.focus({ preventScroll: true });
  }, [location.pathname, navigationType]);
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
      <main id="main" ref={main} tabIndex={-1} aria-busy={navigation.state !== 'idle'}>
        <Outlet />
      </main>
    </div>
  );
}

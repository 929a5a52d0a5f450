/** The signed-in shell: sidebar navigation, who is signed in with which role, the page. */
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { ApiError, tokenStore } from './api/client';
import { useMe } from './lib/session';
import { Badge, Loading } from './lib/ui';

const NAV = [
  { to: '/', label: 'Overview' },
  { to: '/integrations', label: 'Integrations' },
  { to: '/pipelines', label: 'Pipelines' },
  { to: '/sources', label: 'Sources & keys' },
  { to: '/live', label: 'Live' },
  { to: '/audit', label: 'Audit log' },
  { to: '/tokens', label: 'Tokens & roles' },
] as const;

export function Layout() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = () => {
    tokenStore.clear();
    queryClient.clear();
    void navigate({ to: '/sign-in', search: { next: undefined } });
  };
  useEffect(() => {
    if (me.error instanceof ApiError && me.error.status === 401) signOut();
  });
  return (
    <div className="shell">
      <a href="#main" className="skip">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            D
          </span>
          Datafly Signal
        </div>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  activeOptions={{ exact: item.to === '/' }}
                  activeProps={{ className: 'active', 'aria-current': 'page' }}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="whoami">
          {me.data ? (
            <>
              <span className="whoami-name">{me.data.name}</span>
              <Badge tone={me.data.role === 'viewer' ? 'info' : 'good'}>{me.data.role}</Badge>
              <span className="muted small">{me.data.organisation.name}</span>
            </>
          ) : (
            <span className="muted small">…</span>
          )}
          <button className="link-button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </aside>
      <main id="main" className="content">
        {me.isLoading ? <Loading /> : <Outlet />}
      </main>
    </div>
  );
}

/** Integrations: My Integrations (installed templates) and the Integration Library (catalog). */
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { api, ok } from '../api/client';
import { useCan } from '../lib/session';
import { Badge, Empty, FormError, Loading, PageHeader, TabBar, when } from '../lib/ui';
import { CATEGORY_LABELS, VendorMark } from '../lib/vendor';

export function IntegrationsPage() {
  const { tab } = useSearch({ from: '/app/integrations' });
  const navigate = useNavigate();
  const current = tab === 'library' ? 'library' : 'mine';
  return (
    <>
      <PageHeader
        title="Integrations"
        subtitle="Vendors your events are delivered to, server to server."
        actions={
          current === 'mine' && (
            <Link className="btn btn-primary" to="/integrations" search={{ tab: 'library' }}>
              Add integration
            </Link>
          )
        }
      />
      <TabBar
        label="Integrations"
        value={current}
        onChange={(v) =>
          void navigate({
            to: '/integrations',
            search: { tab: v === 'library' ? 'library' : undefined },
          })
        }
        tabs={[
          { value: 'mine', label: 'My Integrations' },
          { value: 'library', label: 'Integration Library' },
        ]}
      >
        {current === 'library' ? <Library /> : <MyIntegrations />}
      </TabBar>
    </>
  );
}

function MyIntegrations() {
  const templates = useQuery({
    queryKey: ['templates'],
    queryFn: () => ok(api.GET('/v1/admin/integration-templates')),
  });
  const catalog = useQuery({
    queryKey: ['catalog'],
    queryFn: () => ok(api.GET('/v1/admin/integration-catalog')),
  });
  if (templates.isLoading) return <Loading />;
  if (templates.error) return <FormError error={templates.error} />;
  const names = new Map(catalog.data?.integrations.map((e) => [e.vendor, e.name]));
  const list = templates.data?.templates ?? [];
  if (list.length === 0)
    return (
      <Empty>
        No integrations yet.{' '}
        <Link to="/integrations" search={{ tab: 'library' }}>
          Browse the Integration Library
        </Link>
      </Empty>
    );
  return (
    <ul className="card-list" aria-label="My integrations">
      {list.map((t) => (
        <li key={t.id}>
          <Link
            to="/integrations/$id"
            params={{ id: t.id }}
            search={{ tab: undefined }}
            className="card integration-row"
          >
            <VendorMark vendor={t.vendor} name={names.get(t.vendor) ?? t.vendor} />
            <div className="grow">
              <strong>{t.name}</strong>
              <div className="muted small">{names.get(t.vendor) ?? t.vendor}</div>
            </div>
            <Badge>v{t.latest_revision}</Badge>
            <span className="muted small hide-narrow">updated {when(t.updated_at)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Library() {
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState('');
  const can = useCan();
  const catalog = useQuery({
    queryKey: ['catalog'],
    queryFn: () => ok(api.GET('/v1/admin/integration-catalog')),
  });
  // Search matches what the API's `search` matches (name, key, description, API, keywords); the
  // chips count the matches per category, as the API's `counts` do.
  const matching = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (catalog.data?.integrations ?? []).filter(
      (e) =>
        !q ||
        [e.name, e.vendor, e.description, e.api, ...e.keywords].join(' ').toLowerCase().includes(q),
    );
  }, [catalog.data, search]);
  const entries = useMemo(
    () => matching.filter((e) => !category || e.category === category),
    [matching, category],
  );
  const categories = useMemo(() => {
    const present = new Set(catalog.data?.integrations.map((e) => e.category));
    return Object.keys(CATEGORY_LABELS).filter((c) => present.has(c as never));
  }, [catalog.data]);
  const countOf = (c: string) => matching.filter((e) => e.category === c).length;
  if (catalog.isLoading) return <Loading />;
  if (catalog.error) return <FormError error={catalog.error} />;
  return (
    <>
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search the library"
          placeholder="Search vendors…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <div className="chips" role="group" aria-label="Category">
          <button
            className={`chip${category === '' ? ' chip-on' : ''}`}
            aria-pressed={category === ''}
            onClick={() => setCategory('')}
          >
            All <span className="chip-count">{matching.length}</span>
          </button>
          {categories.map((c) => (
            <button
              key={c}
              className={`chip${category === c ? ' chip-on' : ''}`}
              aria-pressed={category === c}
              onClick={() => setCategory(c)}
            >
              {CATEGORY_LABELS[c] ?? c} <span className="chip-count">{countOf(c)}</span>
            </button>
          ))}
        </div>
      </div>
      {entries.length === 0 && <Empty>No vendor matches “{search}”.</Empty>}
      <ul className="grid" aria-label="Integration Library">
        {entries.map((e) => (
          <li key={e.vendor} className="card vendor-card">
            <div className="vendor-card-head">
              <VendorMark vendor={e.vendor} name={e.name} size={44} />
              <div>
                <h2 className="h3">{e.name}</h2>
                <span className="muted small">{CATEGORY_LABELS[e.category] ?? e.category}</span>
              </div>
            </div>
            <p className="small">{e.description}</p>
            <div className="vendor-card-foot">
              {e.status !== 'ga' && <Badge tone="warn">{e.status}</Badge>}
              {(e.variants.length > 0 || e.blueprints.length > 0) && (
                <span className="muted small">
                  {[
                    e.variants.length > 0 &&
                      `${e.variants.length} ${e.variants.length === 1 ? 'variant' : 'variants'}`,
                    e.blueprints.length > 0 &&
                      `${e.blueprints.length} ${e.blueprints.length === 1 ? 'Blueprint' : 'Blueprints'}`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              )}
              <span className="grow" />
              {can('editor') ? (
                <Link
                  className="btn btn-primary"
                  to="/library/$vendor"
                  params={{ vendor: e.vendor }}
                  aria-label={`Install ${e.name}`}
                >
                  Install
                </Link>
              ) : (
                <Link
                  className="btn btn-secondary"
                  to="/library/$vendor"
                  params={{ vendor: e.vendor }}
                  aria-label={`View ${e.name}`}
                >
                  View
                </Link>
              )}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

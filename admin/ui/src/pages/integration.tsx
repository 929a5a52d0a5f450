/**
 * One integration: its delivery dashboard, revisions (list, diff, new), the pipelines using it
 * (newer revision available → one-click update), settings (credentials, consent, rate limits,
 * test mode → a new revision) and its dead-letter queue.
 */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { diffLines } from 'diff';
import { useEffect, useMemo, useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { compact, ConfigFields } from '../lib/config-form';
import { useCan } from '../lib/session';
import {
  Badge,
  Button,
  Empty,
  errorFor,
  Field,
  FormError,
  Loading,
  PageHeader,
  ReadOnlyNote,
  TabBar,
  when,
} from '../lib/ui';
import { VendorMark } from '../lib/vendor';
import { DeadLetterQueue } from './dlq';
import { DeliveryDashboard } from './dashboard';

const TABS = [
  { value: 'dashboard', label: 'Dashboard' },
  { value: 'revisions', label: 'Revisions' },
  { value: 'pipelines', label: 'Pipelines' },
  { value: 'settings', label: 'Settings' },
  { value: 'dlq', label: 'Dead letter queue' },
];

export function IntegrationPage() {
  const { id } = useParams({ from: '/app/integrations/$id' });
  const { tab } = useSearch({ from: '/app/integrations/$id' });
  const navigate = useNavigate();
  const template = useQuery({
    queryKey: ['template', id],
    queryFn: () =>
      ok(api.GET('/v1/admin/integration-templates/{id}', { params: { path: { id } } })),
  });
  const catalog = useQuery({
    queryKey: ['catalog'],
    queryFn: () => ok(api.GET('/v1/admin/integration-catalog')),
  });
  const vendor = template.data?.vendor;
  // Only vendors on the schema-mapping engine have a mapping to edit (the schema is 404 for the others).
  const mapped = useQuery({
    queryKey: ['mapping-schema', vendor],
    queryFn: () =>
      ok(api.GET('/v1/admin/mapping-schema/{vendor}', { params: { path: { vendor: vendor! } } })),
    enabled: !!vendor,
    retry: false,
    staleTime: Infinity,
  });
  const can = useCan();
  if (template.isLoading) return <Loading />;
  if (!template.data) return <FormError error={template.error} />;
  const t = template.data;
  const entry = catalog.data?.integrations.find((e) => e.vendor === t.vendor);
  const current = TABS.some((x) => x.value === tab) ? tab! : 'dashboard';
  return (
    <>
      <p className="crumbs">
        <Link to="/integrations" search={{ tab: undefined }}>
          My Integrations
        </Link>{' '}
        / {t.name}
      </p>
      <div className="install-head">
        <VendorMark vendor={t.vendor} name={entry?.name ?? t.vendor} size={48} />
        <PageHeader
          title={t.name}
          subtitle={
            <>
              {entry?.name ?? t.vendor} · revision v{t.latest_revision}
            </>
          }
          actions={
            mapped.data && (
              <Link className="btn btn-primary" to="/integrations/$id/mapping" params={{ id }}>
                {can('editor') ? 'Edit mapping' : 'View mapping'}
              </Link>
            )
          }
        />
      </div>
      <TabBar
        label="Integration sections"
        value={current}
        onChange={(v) =>
          void navigate({ to: '/integrations/$id', params: { id }, search: { tab: v } })
        }
        tabs={TABS}
      >
        {current === 'dashboard' && <DeliveryDashboard integrationId={id} />}
        {current === 'revisions' && <Revisions id={id} />}
        {current === 'pipelines' && <UsedBy template={t} />}
        {current === 'settings' && entry && <Settings template={t} entry={entry} />}
        {current === 'dlq' && <DeadLetterQueue integrationId={id} />}
      </TabBar>
    </>
  );
}

export function useRevisions(id: string) {
  return useQuery({
    queryKey: ['revisions', id],
    queryFn: () =>
      ok(api.GET('/v1/admin/integration-templates/{id}/revisions', { params: { path: { id } } })),
  });
}

function Revisions({ id }: { id: string }) {
  const revisions = useRevisions(id);
  const list = useMemo(
    () =>
      [...(revisions.data?.revisions ?? [])].sort((a, b) => b.revision_number - a.revision_number),
    [revisions.data],
  );
  const [left, setLeft] = useState('');
  const [right, setRight] = useState('');
  useEffect(() => {
    if (list.length >= 2 && !left && !right) {
      setLeft(list[1]!.id);
      setRight(list[0]!.id);
    }
  }, [list, left, right]);
  if (revisions.isLoading) return <Loading />;
  const a = list.find((r) => r.id === left);
  const b = list.find((r) => r.id === right);
  return (
    <div className="stack">
      <section className="card">
        <h2>Revisions</h2>
        <p className="muted small">
          Revisions are immutable snapshots. Change the settings or the mapping to create a new one;
          pipelines move to it when you update them.
        </p>
        <table className="table">
          <thead>
            <tr>
              <th>Revision</th>
              <th>Change</th>
              <th className="hide-narrow">Created</th>
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.id}>
                <td>
                  <Badge tone={r.id === list[0]?.id ? 'good' : 'neutral'}>
                    v{r.revision_number}
                  </Badge>
                </td>
                <td>{r.change_summary || <span className="muted">—</span>}</td>
                <td className="hide-narrow">{when(r.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {list.length >= 2 && (
        <section className="card">
          <h2>Compare revisions</h2>
          <div className="row">
            <Field id="diff-left" label="From">
              <select id="diff-left" value={left} onChange={(e) => setLeft(e.target.value)}>
                {list.map((r) => (
                  <option key={r.id} value={r.id}>
                    v{r.revision_number}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="diff-right" label="To">
              <select id="diff-right" value={right} onChange={(e) => setRight(e.target.value)}>
                {list.map((r) => (
                  <option key={r.id} value={r.id}>
                    v{r.revision_number}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          {a && b && <ConfigDiff from={a.config} to={b.config} />}
        </section>
      )}
    </div>
  );
}

/** JSON with object keys sorted, one value per line (stable lines to diff). */
const sortedJson = (value: unknown): string =>
  JSON.stringify(
    value,
    (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
        : v,
    2,
  );

function ConfigDiff({ from, to }: { from: unknown; to: unknown }) {
  const parts = diffLines(sortedJson(from), sortedJson(to));
  const changed = parts.some((p) => p.added || p.removed);
  return (
    <pre tabIndex={0} className="diff" aria-label="Differences">
      {!changed && <span className="muted">No differences.</span>}
      {parts.map((p, i) =>
        p.value
          .replace(/\n$/, '')
          .split('\n')
          .map((line, j) => (
            <span
              key={`${i}-${j}`}
              className={p.added ? 'diff-add' : p.removed ? 'diff-del' : 'diff-same'}
            >
              {p.added ? '+ ' : p.removed ? '− ' : '  '}
              {line}
              {'\n'}
            </span>
          )),
      )}
    </pre>
  );
}

/** Every pipeline's assignment of this integration. */
export function useAssignments(integrationId?: string) {
  const pipelines = useQuery({
    queryKey: ['pipelines'],
    queryFn: () => ok(api.GET('/v1/admin/pipelines')),
  });
  const lists = useQueries({
    queries: (pipelines.data?.pipelines ?? []).map((p) => ({
      queryKey: ['pipeline-integrations', p.id],
      queryFn: () =>
        ok(api.GET('/v1/admin/pipelines/{pid}/integrations', { params: { path: { pid: p.id } } })),
    })),
  });
  const assignments = lists
    .flatMap((l) => l.data?.integrations ?? [])
    .filter((a) => !integrationId || a.integration_id === integrationId);
  return {
    pipelines: pipelines.data?.pipelines ?? [],
    assignments,
    loading: pipelines.isLoading || lists.some((l) => l.isLoading),
  };
}

function UsedBy({ template }: { template: Schemas['IntegrationTemplate'] }) {
  const { pipelines, assignments, loading } = useAssignments(template.id);
  const revisions = useRevisions(template.id);
  const latest = revisions.data?.revisions.find(
    (r) => r.revision_number === template.latest_revision,
  );
  const can = useCan();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState('');
  const refresh = (pid: string) =>
    queryClient.invalidateQueries({ queryKey: ['pipeline-integrations', pid] });
  const update = useMutation({
    mutationFn: (a: Schemas['PipelineIntegration']) =>
      ok(
        api.PUT('/v1/admin/pipelines/{pid}/integrations/{id}', {
          params: { path: { pid: a.pipeline_id, id: a.id } },
          body: { revision_id: latest!.id },
        }),
      ),
    onSuccess: (a) => refresh(a.pipeline_id),
  });
  const toggle = useMutation({
    mutationFn: (a: Schemas['PipelineIntegration']) =>
      ok(
        api.PUT('/v1/admin/pipelines/{pid}/integrations/{id}', {
          params: { path: { pid: a.pipeline_id, id: a.id } },
          body: { enabled: !a.enabled },
        }),
      ),
    onSuccess: (a) => refresh(a.pipeline_id),
  });
  const assign = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/admin/pipelines/{pid}/integrations', {
          params: { path: { pid: target } },
          body: { integration_id: template.id, revision_id: latest!.id, enabled: true },
        }),
      ),
    onSuccess: () => refresh(target),
  });
  if (loading) return <Loading />;
  const names = new Map(pipelines.map((p) => [p.id, p.name]));
  const unassigned = pipelines.filter((p) => !assignments.some((a) => a.pipeline_id === p.id));
  return (
    <section className="card">
      <h2>Pipelines using this integration</h2>
      {assignments.length === 0 && <Empty>No pipeline uses it yet.</Empty>}
      <ul className="plain-list">
        {assignments.map((a) => (
          <li key={a.id} className="assignment">
            <div className="grow">
              <Link to="/pipelines/$pid" params={{ pid: a.pipeline_id }}>
                {names.get(a.pipeline_id) ?? a.pipeline_id}
              </Link>{' '}
              <Badge>pinned to v{a.revision_number}</Badge>{' '}
              {!a.enabled && <Badge tone="warn">paused</Badge>}
              {a.revision_number < a.latest_revision && (
                <Badge tone="info">newer revision available: v{a.latest_revision}</Badge>
              )}
              {a.missing_parameters.length > 0 && (
                <Badge tone="bad">
                  missing pipeline parameters: {a.missing_parameters.join(', ')}
                </Badge>
              )}
            </div>
            {can('editor') && (
              <div className="actions">
                {a.revision_number < a.latest_revision && latest && (
                  <Button
                    variant="primary"
                    busy={update.isPending && update.variables?.id === a.id}
                    onClick={() => update.mutate(a)}
                  >
                    Update to v{a.latest_revision}
                  </Button>
                )}
                <Button
                  busy={toggle.isPending && toggle.variables?.id === a.id}
                  onClick={() => toggle.mutate(a)}
                >
                  {a.enabled ? 'Pause' : 'Resume'}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <FormError error={update.error ?? toggle.error} />
      {can('editor') && unassigned.length > 0 && latest && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            assign.mutate();
          }}
        >
          <Field
            id="assign-pipeline"
            label="Add to pipeline"
            error={errorFor(assign.error, 'integration_id', 'revision_id')}
          >
            <select id="assign-pipeline" value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">Choose a pipeline…</option>
              {unassigned.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Button type="submit" disabled={!target} busy={assign.isPending}>
            Add at v{latest.revision_number}
          </Button>
          <FormError error={assign.error} shownFields={['integration_id', 'revision_id']} />
        </form>
      )}
    </section>
  );
}

function Settings({
  template,
  entry,
}: {
  template: Schemas['IntegrationTemplate'];
  entry: Schemas['CatalogEntry'];
}) {
  const revisions = useRevisions(template.id);
  const latest = revisions.data?.revisions.find(
    (r) => r.revision_number === template.latest_revision,
  );
  const can = useCan();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<string, unknown> | null>(null);
  const [summary, setSummary] = useState('');
  useEffect(() => {
    if (latest && values === null) setValues(latest.config);
  }, [latest, values]);
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/admin/integration-templates/{id}/revisions', {
          params: { path: { id: template.id } },
          body: { config: compact(values ?? {}), change_summary: summary || 'Settings changed' },
        }),
      ),
    onSuccess: async (r) => {
      setValues(r.config);
      setSummary('');
      await queryClient.invalidateQueries({ queryKey: ['revisions', template.id] });
      await queryClient.invalidateQueries({ queryKey: ['template', template.id] });
    },
  });
  if (!values) return <Loading />;
  const readOnly = !can('editor');
  const set = (key: string, value: unknown) => setValues((v) => ({ ...v, [key]: value }));
  const consent = entry.delivery_settings.filter(
    (f) => f.key === 'consent_categories' || f.key === 'test_mode',
  );
  const limits = entry.delivery_settings.filter(
    (f) => f.key.startsWith('rate_limit') || f.key.startsWith('batch') || f.key === 'timeout_ms',
  );
  const rest = entry.delivery_settings.filter((f) => !consent.includes(f) && !limits.includes(f));
  const shown = [...entry.fields, ...entry.delivery_settings].map((f) => `config.${f.key}`);
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {readOnly && <ReadOnlyNote />}
      <section className="card">
        <h2>Credentials and vendor settings</h2>
        <ConfigFields
          idPrefix="set"
          fields={entry.fields}
          values={values}
          onChange={set}
          error={save.error}
          readOnly={readOnly}
        />
      </section>
      <section className="card">
        <h2>Consent and test mode</h2>
        <ConfigFields
          idPrefix="consent"
          fields={consent}
          values={values}
          onChange={set}
          error={save.error}
          readOnly={readOnly}
        />
      </section>
      <section className="card">
        <h2>Rate limits and batching</h2>
        <div className="grid-2">
          <ConfigFields
            idPrefix="limits"
            fields={limits}
            values={values}
            onChange={set}
            error={save.error}
            readOnly={readOnly}
          />
        </div>
      </section>
      <section className="card">
        <h2>Advanced</h2>
        <ConfigFields
          idPrefix="adv"
          fields={rest}
          values={values}
          onChange={set}
          error={save.error}
          readOnly={readOnly}
        />
      </section>
      <FormError error={save.error} shownFields={shown} />
      {!readOnly && (
        <div className="actions sticky-actions">
          <input
            aria-label="What changed"
            placeholder="What changed (optional)"
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
          />
          <Button type="submit" variant="primary" busy={save.isPending}>
            Save as new revision
          </Button>
          {save.isSuccess && (
            <span role="status" className="muted">
              Saved as v{save.data.revision_number}. Update pipelines on the Pipelines tab.
            </span>
          )}
        </div>
      )}
    </form>
  );
}

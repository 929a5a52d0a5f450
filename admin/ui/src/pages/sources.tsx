/** Sources & keys: per pipeline, create a browser, server or webhook key, copy the snippet, rotate, revoke. Secrets show once. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useCan } from '../lib/session';
import {
  Badge,
  Button,
  CopyButton,
  Empty,
  errorFor,
  Field,
  FormError,
  Loading,
  Modal,
  PageHeader,
  ReadOnlyNote,
  when,
} from '../lib/ui';

const EDGE_KEY = 'datafly.edge_url';

export function SourcesPage() {
  const pipelines = useQuery({
    queryKey: ['pipelines'],
    queryFn: () => ok(api.GET('/v1/admin/pipelines')),
  });
  const [pid, setPid] = useState('');
  const [edge, setEdge] = useState(
    () =>
      localStorage.getItem(EDGE_KEY) ??
      `${window.location.protocol}//${window.location.hostname}:8080`,
  );
  useEffect(() => {
    if (!pid && pipelines.data?.pipelines[0]) setPid(pipelines.data.pipelines[0].id);
  }, [pid, pipelines.data]);
  const can = useCan();
  return (
    <>
      <PageHeader
        title="Sources & keys"
        subtitle="Keys let a website, a server or a webhook sender send events into a pipeline."
      />
      {!can('editor') && <ReadOnlyNote />}
      <div className="card row wrap">
        <Field id="sources-pipeline" label="Pipeline">
          <select id="sources-pipeline" value={pid} onChange={(e) => setPid(e.target.value)}>
            {pipelines.data?.pipelines.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="edge-url"
          label="Collection endpoint (your edge)"
          help="Used in the snippet; for example https://data.yoursite.com"
        >
          <input
            id="edge-url"
            type="url"
            value={edge}
            onChange={(e) => {
              setEdge(e.target.value);
              localStorage.setItem(EDGE_KEY, e.target.value);
            }}
          />
        </Field>
      </div>
      {pid ? (
        <Keys pid={pid} edge={edge} />
      ) : pipelines.isLoading ? (
        <Loading />
      ) : (
        <Empty>Create a pipeline first.</Empty>
      )}
    </>
  );
}

function Keys({ pid, edge }: { pid: string; edge: string }) {
  const keys = useQuery({
    queryKey: ['keys', pid],
    queryFn: () => ok(api.GET('/v1/admin/pipelines/{pid}/keys', { params: { path: { pid } } })),
  });
  const can = useCan();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'browser' | 'server' | 'webhook'>('browser');
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  const [shown, setShown] = useState<{
    title: string;
    key: Schemas['PipelineKeyWithSecret'];
  } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['keys', pid] });
  const create = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/admin/pipelines/{pid}/keys', {
          params: { path: { pid } },
          body: {
            name: name.trim() || `${kind} key`,
            kind,
            allowed_origins: origins.split(/[\s,]+/).filter(Boolean),
            cookie_domain: null,
            ...(kind === 'webhook' ? { webhook: { scheme: 'hmac_sha256' as const } } : {}),
          },
        }),
      ),
    onSuccess: async (key) => {
      setShown({ title: 'Key created', key });
      setName('');
      setOrigins('');
      await refresh();
    },
  });
  const rotate = useMutation({
    mutationFn: (kid: string) =>
      ok(
        api.POST('/v1/admin/pipelines/{pid}/keys/{kid}/rotate', { params: { path: { pid, kid } } }),
      ),
    onSuccess: async (key) => {
      setShown({ title: 'Key rotated', key: key as Schemas['PipelineKeyWithSecret'] });
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (kid: string) =>
      ok(
        api.POST('/v1/admin/pipelines/{pid}/keys/{kid}/revoke', { params: { path: { pid, kid } } }),
      ),
    onSuccess: refresh,
  });
  const snippetUrl = (key: string) =>
    `${edge.replace(/\/$/, '')}/d/snippet?k=${encodeURIComponent(key)}`;
  return (
    <div className="stack">
      {keys.isLoading && <Loading />}
      <div className="card table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Kind</th>
              <th>Key</th>
              <th className="hide-narrow">Origins</th>
              <th>Status</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {keys.data?.keys.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>{k.kind}</td>
                <td>
                  <code>{k.id}</code>
                </td>
                <td className="hide-narrow small">{k.allowed_origins.join(', ') || '—'}</td>
                <td>
                  <Badge tone={k.status === 'active' ? 'good' : 'bad'}>{k.status}</Badge>
                  {k.rotated_at && (
                    <span className="muted small"> rotated {when(k.rotated_at)}</span>
                  )}
                </td>
                <td className="actions">
                  {k.kind === 'browser' && k.status === 'active' && (
                    <a
                      className="btn btn-ghost"
                      href={snippetUrl(k.id)}
                      target="_blank"
                      rel="noreferrer"
                    >
                      Snippet
                    </a>
                  )}
                  {k.kind === 'browser' && k.status === 'active' && (
                    <CopyButton text={snippetUrl(k.id)} label="Copy snippet link" />
                  )}
                  {can('editor') && k.status === 'active' && k.kind !== 'browser' && (
                    <Button
                      busy={rotate.isPending && rotate.variables === k.id}
                      onClick={() => rotate.mutate(k.id)}
                    >
                      Rotate secret
                    </Button>
                  )}
                  {can('editor') && k.status === 'active' && (
                    <Button
                      variant="danger"
                      busy={revoke.isPending && revoke.variables === k.id}
                      onClick={() =>
                        window.confirm(`Revoke ${k.name}? Events sent with it will be refused.`) &&
                        revoke.mutate(k.id)
                      }
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <FormError error={rotate.error ?? revoke.error} />
      </div>
      {can('editor') && (
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <h2>Create a key</h2>
          <div className="choices" role="radiogroup" aria-label="Key kind">
            {(
              [
                ['browser', 'Browser', 'Datafly.js on your website (public key, origin-checked).'],
                ['server', 'Server', 'Your backend sends events, signed with a secret.'],
                ['webhook', 'Webhook', 'A third party posts signed webhooks.'],
              ] as const
            ).map(([value, label, help]) => (
              <label key={value} className={`choice${kind === value ? ' choice-on' : ''}`}>
                <input
                  type="radio"
                  name="kind"
                  value={value}
                  checked={kind === value}
                  onChange={() => setKind(value)}
                />
                <strong>{label}</strong>
                <span className="small muted">{help}</span>
              </label>
            ))}
          </div>
          <Field id="key-name" label="Name" error={errorFor(create.error, 'name')}>
            <input
              id="key-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={`${kind} key`}
            />
          </Field>
          {kind === 'browser' && (
            <Field
              id="key-origins"
              label="Allowed origins"
              help="Space- or comma-separated, e.g. https://www.shop.com"
              error={errorFor(create.error, 'allowed_origins')}
            >
              <input
                id="key-origins"
                value={origins}
                onChange={(e) => setOrigins(e.target.value)}
              />
            </Field>
          )}
          <FormError error={create.error} shownFields={['name', 'allowed_origins']} />
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create key
          </Button>
        </form>
      )}
      <Modal open={!!shown} onOpenChange={(o) => !o && setShown(null)} title={shown?.title ?? ''}>
        {shown && (
          <div className="stack">
            <p>
              Key <code>{shown.key.id}</code>
            </p>
            {shown.key.secret ? (
              <>
                <p className="note">Copy the secret now: it is not shown again.</p>
                <pre tabIndex={0} className="code">
                  {shown.key.secret}
                </pre>
                <CopyButton text={shown.key.secret} label="Copy secret" />
              </>
            ) : (
              <p>
                Paste the snippet from{' '}
                <a href={snippetUrl(shown.key.id)}>{snippetUrl(shown.key.id)}</a> into your site’s
                &lt;head&gt;.
              </p>
            )}
          </div>
        )}
      </Modal>
    </div>
  );
}

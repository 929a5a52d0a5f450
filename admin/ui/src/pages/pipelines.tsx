/** Pipelines: list and create; one pipeline's parameters, transformations and integrations; the org data layer. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { api, ApiError, ok, type Schemas } from '../api/client';
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
  when,
} from '../lib/ui';

export function PipelinesPage() {
  const pipelines = useQuery({
    queryKey: ['pipelines'],
    queryFn: () => ok(api.GET('/v1/admin/pipelines')),
  });
  const can = useCan();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/admin/pipelines', {
          body: { name, description: '', parameters: {}, transformations: [] },
        }),
      ),
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['pipelines'] });
    },
  });
  return (
    <>
      <PageHeader
        title="Pipelines"
        subtitle="A pipeline takes events from its sources, transforms them and fans them out to its integrations."
      />
      {pipelines.isLoading && <Loading />}
      <ul className="card-list" aria-label="Pipelines">
        {pipelines.data?.pipelines.map((p) => (
          <li key={p.id}>
            <Link className="card integration-row" to="/pipelines/$pid" params={{ pid: p.id }}>
              <div className="grow">
                <strong>{p.name}</strong>
                <div className="muted small">
                  {p.description ||
                    `${Object.keys(p.parameters).length} parameters · ${p.transformations.length} transformations`}
                </div>
              </div>
              <span className="muted small hide-narrow">updated {when(p.updated_at)}</span>
            </Link>
          </li>
        ))}
      </ul>
      {can('editor') && (
        <form
          className="card row wrap"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Field id="new-pipeline" label="New pipeline" error={errorFor(create.error, 'name')}>
            <input
              id="new-pipeline"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. Marketing website"
            />
          </Field>
          <Button type="submit" variant="primary" disabled={!name.trim()} busy={create.isPending}>
            Create pipeline
          </Button>
          <FormError error={create.error} shownFields={['name']} />
        </form>
      )}
      <OrgDataLayer />
    </>
  );
}

export function PipelinePage() {
  const { pid } = useParams({ from: '/app/pipelines/$pid' });
  const pipeline = useQuery({
    queryKey: ['pipeline', pid],
    queryFn: () => ok(api.GET('/v1/admin/pipelines/{pid}', { params: { path: { pid } } })),
  });
  const integrations = useQuery({
    queryKey: ['pipeline-integrations', pid],
    queryFn: () =>
      ok(api.GET('/v1/admin/pipelines/{pid}/integrations', { params: { path: { pid } } })),
  });
  if (pipeline.isLoading) return <Loading />;
  if (!pipeline.data) return <FormError error={pipeline.error} />;
  return (
    <>
      <p className="crumbs">
        <Link to="/pipelines">Pipelines</Link> / {pipeline.data.name}
      </p>
      <PageHeader title={pipeline.data.name} subtitle={pipeline.data.description || undefined} />
      <section className="card">
        <h2>Integrations</h2>
        {integrations.data?.integrations.length === 0 && (
          <Empty>No integrations yet: add one from its page under Integrations.</Empty>
        )}
        <ul className="plain-list">
          {integrations.data?.integrations.map((a) => (
            <li key={a.id} className="assignment">
              <Link
                to="/integrations/$id"
                params={{ id: a.integration_id }}
                search={{ tab: 'pipelines' }}
              >
                {a.integration_name}
              </Link>{' '}
              <Badge>v{a.revision_number}</Badge> {!a.enabled && <Badge tone="warn">paused</Badge>}
              {a.revision_number < a.latest_revision && (
                <Badge tone="info">newer revision available: v{a.latest_revision}</Badge>
              )}
              {a.missing_parameters.length > 0 && (
                <Badge tone="bad">missing: {a.missing_parameters.join(', ')}</Badge>
              )}
            </li>
          ))}
        </ul>
      </section>
      <PipelineEditor pipeline={pipeline.data} />
    </>
  );
}

function PipelineEditor({ pipeline }: { pipeline: Schemas['Pipeline'] }) {
  const can = useCan();
  const readOnly = !can('editor');
  const queryClient = useQueryClient();
  const [params, setParams] = useState<[string, string][]>(Object.entries(pipeline.parameters));
  const [transforms, setTransforms] = useState(JSON.stringify(pipeline.transformations, null, 2));
  const [parseError, setParseError] = useState<string>();
  useEffect(() => setParams(Object.entries(pipeline.parameters)), [pipeline.parameters]);
  const save = useMutation({
    mutationFn: async () => {
      let transformations: unknown[];
      try {
        transformations = JSON.parse(transforms) as unknown[];
        setParseError(undefined);
      } catch (e) {
        setParseError(`Not valid JSON: ${(e as Error).message}`);
        throw new ApiError(
          400,
          'invalid_json',
          'Transformations are not valid JSON',
          'transformations',
        );
      }
      return ok(
        api.PUT('/v1/admin/pipelines/{pid}', {
          params: { path: { pid: pipeline.id } },
          body: {
            parameters: Object.fromEntries(params.filter(([k]) => k.trim())),
            transformations: transformations as never,
          },
        }),
      );
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['pipeline', pipeline.id] });
      await queryClient.invalidateQueries({ queryKey: ['pipeline-integrations', pipeline.id] });
    },
  });
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
        <h2>Parameters</h2>
        <p className="muted small">
          Values integrations read as <code>{'{{pipeline_param.KEY}}'}</code> (pixel ids,
          measurement ids per site).
        </p>
        <FormError error={errorFor(save.error, 'parameters') ? save.error : null} />
        <table className="table">
          <thead>
            <tr>
              <th>Key</th>
              <th>Value</th>
              <th aria-label="Remove" />
            </tr>
          </thead>
          <tbody>
            {params.map(([k, v], i) => (
              <tr key={i}>
                <td>
                  <input
                    aria-label={`Parameter ${i + 1} key`}
                    value={k}
                    disabled={readOnly}
                    onChange={(e) =>
                      setParams((p) =>
                        p.map((row, j) => (j === i ? [e.target.value, row[1]] : row)),
                      )
                    }
                  />
                </td>
                <td>
                  <input
                    aria-label={`Parameter ${k || i + 1} value`}
                    value={v}
                    disabled={readOnly}
                    onChange={(e) =>
                      setParams((p) =>
                        p.map((row, j) => (j === i ? [row[0], e.target.value] : row)),
                      )
                    }
                  />
                </td>
                <td>
                  {!readOnly && (
                    <Button
                      variant="ghost"
                      aria-label={`Remove ${k}`}
                      onClick={() => setParams((p) => p.filter((_, j) => j !== i))}
                    >
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!readOnly && (
          <Button onClick={() => setParams((p) => [...p, ['', '']])}>Add parameter</Button>
        )}
      </section>
      <section className="card">
        <h2>Transformations</h2>
        <Field
          id="transformations"
          label="Steps (JSON)"
          help="Applied in order after the org data layer: set, rename, remove, drop-if and more."
          error={parseError ?? errorFor(save.error, 'transformations')}
        >
          <textarea
            id="transformations"
            className="mono"
            rows={10}
            value={transforms}
            disabled={readOnly}
            onChange={(e) => setTransforms(e.target.value)}
          />
        </Field>
      </section>
      <FormError error={save.error} shownFields={['parameters', 'transformations']} />
      {!readOnly && (
        <div className="actions">
          <Button type="submit" variant="primary" busy={save.isPending}>
            Save pipeline
          </Button>
          {save.isSuccess && <span role="status">Saved.</span>}
        </div>
      )}
    </form>
  );
}

function OrgDataLayer() {
  const org = useQuery({
    queryKey: ['organisation'],
    queryFn: () => ok(api.GET('/v1/admin/organisation')),
  });
  const can = useCan();
  const readOnly = !can('editor');
  const queryClient = useQueryClient();
  const [layer, setLayer] = useState<Schemas['OrgDataLayer'] | null>(null);
  const [rules, setRules] = useState('');
  useEffect(() => {
    if (org.data && !layer) {
      setLayer(org.data.data_layer);
      setRules(
        JSON.stringify(
          { pii_rules: org.data.data_layer.pii_rules, renames: org.data.data_layer.renames },
          null,
          2,
        ),
      );
    }
  }, [org.data, layer]);
  const save = useMutation({
    mutationFn: () => {
      const parsed = JSON.parse(rules) as Pick<Schemas['OrgDataLayer'], 'pii_rules' | 'renames'>;
      return ok(api.PUT('/v1/admin/organisation/data-layer', { body: { ...layer!, ...parsed } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['organisation'] }),
  });
  if (!layer) return org.isLoading ? <Loading /> : null;
  const toggle = (key: 'parse_user_agent' | 'drop_bots' | 'truncate_ip', label: string) => (
    <label className="check">
      <input
        type="checkbox"
        checked={layer[key]}
        disabled={readOnly}
        onChange={(e) => setLayer({ ...layer, [key]: e.target.checked })}
      />{' '}
      {label}
    </label>
  );
  return (
    <section className="card">
      <h2>Org data layer</h2>
      <p className="muted small">
        Applied to every event of every pipeline, before pipeline transformations.
      </p>
      {toggle('parse_user_agent', 'Parse the user agent')}
      {toggle('drop_bots', 'Drop bot traffic')}
      {toggle('truncate_ip', 'Truncate IP addresses')}
      <Field
        id="org-rules"
        label="PII rules and renames (JSON)"
        error={errorFor(save.error, 'pii_rules', 'renames')}
      >
        <textarea
          id="org-rules"
          className="mono"
          rows={6}
          value={rules}
          disabled={readOnly}
          onChange={(e) => setRules(e.target.value)}
        />
      </Field>
      <FormError error={save.error} shownFields={['pii_rules', 'renames']} />
      {!readOnly && (
        <Button variant="primary" busy={save.isPending} onClick={() => save.mutate()}>
          Save org data layer
        </Button>
      )}
      {save.isSuccess && <span role="status"> Saved.</span>}
    </section>
  );
}

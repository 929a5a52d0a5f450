/**
 * The V2 mapping builder (its own route, loaded on demand): Parameters, Global, Events and
 * Defaults edited visually or as YAML (kept in sync), source and vendor field autocomplete,
 * the coverage of the vendor's required and optional fields, and a preview of the exact
 * requests sample events produce. Saving creates a new revision.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { parse, stringify } from 'yaml';
import { api, ApiError, ok, type Schemas } from '../api/client';
import { useCan } from '../lib/session';
import {
  Badge,
  Button,
  Empty,
  FormError,
  Loading,
  PageHeader,
  ReadOnlyNote,
  TabBar,
} from '../lib/ui';
import {
  resolveDoc,
  sourceText,
  toConfig,
  transformsText,
  usedSources,
  withSourceText,
  withTransformsText,
  type MappingDoc,
  type Row,
} from './model';
import { SAMPLE_EVENTS } from './samples';
import { schemaKeys, YamlEditor, type Vocabulary } from './yaml-editor';

type Category = 'parameters' | 'global' | 'events' | 'defaults';
type Coverage = {
  required_mapped: number;
  required_total: number;
  optional_mapped: number;
  optional_total: number;
  events: Record<
    string,
    {
      vendor_event: string | null;
      required: { missing: string[] };
      optional: { missing: string[] };
    }
  >;
};

export function MappingBuilderPage() {
  const { id } = useParams({ from: '/app/integrations/$id/mapping' });
  const template = useQuery({
    queryKey: ['template', id],
    queryFn: () =>
      ok(api.GET('/v1/admin/integration-templates/{id}', { params: { path: { id } } })),
  });
  const revisions = useQuery({
    queryKey: ['revisions', id],
    queryFn: () =>
      ok(api.GET('/v1/admin/integration-templates/{id}/revisions', { params: { path: { id } } })),
  });
  const vendor = template.data?.vendor;
  const general = useQuery({
    queryKey: ['mapping-schema'],
    queryFn: () => ok(api.GET('/v1/admin/mapping-schema')),
    staleTime: Infinity,
  });
  const vendorSchema = useQuery({
    queryKey: ['mapping-schema', vendor],
    queryFn: () =>
      ok(api.GET('/v1/admin/mapping-schema/{vendor}', { params: { path: { vendor: vendor! } } })),
    enabled: !!vendor,
    staleTime: Infinity,
    retry: false,
  });
  if (template.isLoading || revisions.isLoading || general.isLoading || vendorSchema.isLoading)
    return <Loading label="Loading the mapping builder…" />;
  if (vendorSchema.error instanceof ApiError && vendorSchema.error.status === 404)
    return (
      <Empty>
        {template.data?.name} does not use the schema-mapping engine; edit its settings on the
        integration page.
      </Empty>
    );
  const latest = revisions.data?.revisions.reduce<Schemas['IntegrationRevision'] | undefined>(
    (a, r) => (!a || r.revision_number > a.revision_number ? r : a),
    undefined,
  );
  if (!template.data || !latest || !general.data || !vendorSchema.data)
    return (
      <FormError error={template.error ?? revisions.error ?? general.error ?? vendorSchema.error} />
    );
  return (
    <Builder
      key={template.data.id}
      template={template.data}
      revision={latest}
      general={general.data}
      vendor={vendorSchema.data}
    />
  );
}

function Builder({
  template,
  revision,
  general,
  vendor,
}: {
  template: Schemas['IntegrationTemplate'];
  revision: Schemas['IntegrationRevision'];
  general: {
    config_schema: Record<string, unknown>;
    source_fields: string[];
    transforms: string[];
  };
  vendor: {
    fields: {
      path: string;
      required: boolean;
      required_for: string[];
      auto: boolean;
      description: string;
    }[];
    transforms: string[];
    defaults: Record<string, unknown>;
  };
}) {
  const can = useCan();
  const readOnly = !can('editor');
  const queryClient = useQueryClient();
  const [doc, setDoc] = useState<MappingDoc>(() => resolveDoc(revision.config, vendor.defaults));
  const [yamlText, setYamlText] = useState(() => stringify(doc));
  const [yamlError, setYamlError] = useState<string>();
  const [category, setCategory] = useState<Category>('events');
  const [summary, setSummary] = useState('');
  const [dirty, setDirty] = useState(false);

  const vocabulary: Vocabulary = useMemo(
    () => ({
      keys: schemaKeys(general.config_schema),
      sources: [
        ...new Set([...usedSources(resolveDoc({}, vendor.defaults)), ...general.source_fields]),
      ].sort(),
      targets: vendor.fields.map((f) => f.path),
      transforms: vendor.transforms,
    }),
    [general, vendor],
  );

  const [reveal, setReveal] = useState<readonly [string, string]>();
  const fromVisual = (next: MappingDoc, where?: readonly [string, string]) => {
    setReveal(where);
    setDoc(next);
    setYamlText(stringify(next));
    setYamlError(undefined);
    setDirty(true);
  };
  const fromYaml = (text: string) => {
    setYamlText(text);
    setDirty(true);
    try {
      const parsed = parse(text) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error(
          'the mapping must be a YAML mapping with parameters, global, events and defaults',
        );
      setDoc(resolveDoc(parsed as Record<string, unknown>, vendor.defaults));
      setYamlError(undefined);
    } catch (e) {
      setYamlError(e instanceof Error ? e.message : String(e));
    }
  };

  // Coverage and validation: a dry run of the draft (debounced), on every change.
  const [check, setCheck] = useState<{ coverage?: Coverage; error?: unknown }>({});
  const config = useMemo(() => toConfig(doc), [doc]);
  useEffect(() => {
    const timer = setTimeout(() => {
      ok(
        api.POST('/v1/admin/integration-templates/{id}/preview', {
          params: { path: { id: template.id } },
          body: { events: [SAMPLE_EVENTS.purchase], config },
        }),
      )
        .then((r) => setCheck({ coverage: r.coverage as Coverage }))
        .catch((error: unknown) => setCheck({ error }));
    }, 400);
    return () => clearTimeout(timer);
  }, [config, template.id]);

  const save = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/admin/integration-templates/{id}/revisions', {
          params: { path: { id: template.id } },
          body: { config, change_summary: summary || 'Mapping edited in the builder' },
        }),
      ),
    onSuccess: async () => {
      setDirty(false);
      await queryClient.invalidateQueries({ queryKey: ['revisions', template.id] });
      await queryClient.invalidateQueries({ queryKey: ['template', template.id] });
    },
  });

  return (
    <>
      <p className="crumbs">
        <Link to="/integrations/$id" params={{ id: template.id }} search={{ tab: undefined }}>
          {template.name}
        </Link>{' '}
        / Mapping
      </p>
      <PageHeader
        title="Mapping"
        subtitle={`Editing on top of v${revision.revision_number}. Saving creates a new revision; pipelines keep theirs until you update them.`}
      />
      {readOnly && <ReadOnlyNote />}
      <CoverageBar coverage={check.coverage} />
      <div className="builder">
        <section className="card builder-visual" aria-label="Visual editor">
          <TabBar
            label="Mapping categories"
            value={category}
            onChange={(v) => setCategory(v as Category)}
            tabs={[
              { value: 'parameters', label: 'Parameters' },
              { value: 'global', label: 'Global' },
              { value: 'events', label: 'Events' },
              { value: 'defaults', label: 'Defaults' },
            ]}
          >
            <datalist id="source-fields">
              {vocabulary.sources.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
            <datalist id="vendor-fields">
              {vendor.fields.map((f) => (
                <option key={f.path} value={f.path}>
                  {f.required ? 'required' : 'optional'} · {f.description}
                </option>
              ))}
            </datalist>
            {category === 'parameters' && (
              <Parameters doc={doc} onChange={fromVisual} readOnly={readOnly} />
            )}
            {category === 'global' && (
              <>
                <p className="muted small">
                  Applied to every event: identifiers, IP, user agent, timestamps.
                </p>
                <Rows
                  rows={doc.global}
                  idPrefix="global"
                  readOnly={readOnly}
                  onChange={(global, target) =>
                    fromVisual({ ...doc, global }, ['\nglobal:', `target: ${target}`])
                  }
                />
              </>
            )}
            {category === 'events' && (
              <Events
                doc={doc}
                onChange={fromVisual}
                readOnly={readOnly}
                coverage={check.coverage}
              />
            )}
            {category === 'defaults' && (
              <Defaults doc={doc} onChange={fromVisual} readOnly={readOnly} />
            )}
          </TabBar>
        </section>
        <section className="card builder-yaml" aria-label="YAML editor">
          <h2 className="h3">YAML</h2>
          <YamlEditor
            value={yamlText}
            onChange={fromYaml}
            vocabulary={vocabulary}
            readOnly={readOnly}
            reveal={reveal}
          />
          {yamlError && (
            <p className="field-error" role="alert">
              YAML: {yamlError}
            </p>
          )}
          {check.error !== undefined && (
            <p className="field-error" role="alert" data-testid="mapping-error">
              {check.error instanceof ApiError && check.error.field ? `${check.error.field}: ` : ''}
              {check.error instanceof Error ? check.error.message : String(check.error)}
            </p>
          )}
        </section>
      </div>
      <Preview templateId={template.id} config={config} />
      {!readOnly && (
        <div className="actions sticky-actions">
          <input
            aria-label="What changed"
            placeholder="What changed (optional)"
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
          />
          <Button
            variant="primary"
            busy={save.isPending}
            disabled={!dirty || !!yamlError}
            onClick={() => save.mutate()}
          >
            Save as new revision
          </Button>
          {save.isSuccess && !dirty && (
            <span role="status">Saved as v{save.data.revision_number}.</span>
          )}
          <FormError error={save.error} />
        </div>
      )}
    </>
  );
}

function CoverageBar({ coverage }: { coverage?: Coverage }) {
  if (!coverage) return <p className="coverage muted">Checking coverage…</p>;
  const reqOk = coverage.required_mapped === coverage.required_total;
  return (
    <div className="coverage" role="status" aria-label="Coverage" data-testid="coverage">
      <Badge tone={reqOk ? 'good' : 'bad'}>
        Required fields {coverage.required_mapped}/{coverage.required_total}
      </Badge>
      <Badge tone="info">
        Optional fields {coverage.optional_mapped}/{coverage.optional_total}
      </Badge>
      <meter
        min={0}
        max={coverage.optional_total || 1}
        value={coverage.optional_mapped}
        aria-label="Optional fields mapped"
      />
    </div>
  );
}

function Parameters({
  doc,
  onChange,
  readOnly,
}: {
  doc: MappingDoc;
  onChange: (d: MappingDoc) => void;
  readOnly: boolean;
}) {
  return (
    <table className="table">
      <caption className="muted small">
        Credentials and connection settings. Secrets show as •••• and are kept when saved.
      </caption>
      <thead>
        <tr>
          <th>Parameter</th>
          <th>Value</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(doc.parameters).map(([k, v]) => (
          <tr key={k}>
            <td>
              <code>{k}</code>
            </td>
            <td>
              <input
                aria-label={`Parameter ${k}`}
                disabled={readOnly || (typeof v === 'string' && v.startsWith('••••'))}
                value={typeof v === 'string' ? v : JSON.stringify(v)}
                onChange={(e) => {
                  let value: unknown = e.target.value;
                  if (typeof v !== 'string') {
                    try {
                      value = JSON.parse(e.target.value);
                    } catch {
                      value = e.target.value;
                    }
                  }
                  onChange({ ...doc, parameters: { ...doc.parameters, [k]: value } });
                }}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Events({
  doc,
  onChange,
  readOnly,
  coverage,
}: {
  doc: MappingDoc;
  onChange: (d: MappingDoc, where?: readonly [string, string]) => void;
  readOnly: boolean;
  coverage?: Coverage;
}) {
  const names = Object.keys(doc.events);
  const [selected, setSelected] = useState(
    names.includes('purchase') ? 'purchase' : (names[0] ?? ''),
  );
  const [newName, setNewName] = useState('');
  const entry = doc.events[selected];
  const cov = coverage?.events[selected];
  return (
    <div className="stack">
      <div className="row wrap">
        <div className="chips" role="group" aria-label="Events">
          {names.map((n) => (
            <button
              key={n}
              className={`chip${n === selected ? ' chip-on' : ''}`}
              aria-pressed={n === selected}
              onClick={() => setSelected(n)}
            >
              {n}
            </button>
          ))}
        </div>
        {!readOnly && (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              const key = newName.trim();
              if (!key || doc.events[key]) return;
              onChange({
                ...doc,
                events: { ...doc.events, [key]: { vendor_event: key, match: [key], mappings: [] } },
              });
              setSelected(key);
              setNewName('');
            }}
          >
            <input
              aria-label="New event name"
              placeholder="event name"
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
            />
            <Button type="submit">Add event</Button>
          </form>
        )}
      </div>
      {entry && (
        <>
          <div className="row wrap">
            <label className="inline">
              Vendor event{' '}
              <input
                disabled={readOnly}
                value={entry.vendor_event}
                onChange={(e) =>
                  onChange({
                    ...doc,
                    events: {
                      ...doc.events,
                      [selected]: { ...entry, vendor_event: e.target.value },
                    },
                  })
                }
              />
            </label>
            <label className="inline grow">
              Matches{' '}
              <input
                disabled={readOnly}
                value={(entry.match ?? [selected]).join(', ')}
                onChange={(e) =>
                  onChange({
                    ...doc,
                    events: {
                      ...doc.events,
                      [selected]: {
                        ...entry,
                        match: e.target.value
                          .split(',')
                          .map((s) => s.trim())
                          .filter(Boolean),
                      },
                    },
                  })
                }
              />
            </label>
            {!readOnly && (
              <Button
                variant="danger"
                onClick={() => {
                  const { [selected]: _gone, ...rest } = doc.events;
                  onChange({ ...doc, events: rest });
                  setSelected(Object.keys(rest)[0] ?? '');
                }}
              >
                Remove event
              </Button>
            )}
          </div>
          {cov && cov.required.missing.length + cov.optional.missing.length > 0 && (
            <p className="small">
              {cov.required.missing.length > 0 && (
                <Badge tone="bad">required, not mapped: {cov.required.missing.join(', ')}</Badge>
              )}{' '}
              {cov.optional.missing.length > 0 && (
                <span className="muted">
                  Optional, not mapped: {cov.optional.missing.join(', ')}
                </span>
              )}
            </p>
          )}
          <Rows
            rows={entry.mappings}
            idPrefix={`event-${selected}`}
            readOnly={readOnly}
            onChange={(mappings, target) =>
              onChange({ ...doc, events: { ...doc.events, [selected]: { ...entry, mappings } } }, [
                `\n  ${selected}:`,
                `target: ${target}`,
              ])
            }
          />
        </>
      )}
    </div>
  );
}

function Defaults({
  doc,
  onChange,
  readOnly,
}: {
  doc: MappingDoc;
  onChange: (d: MappingDoc, where?: readonly [string, string]) => void;
  readOnly: boolean;
}) {
  return (
    <div className="stack">
      <p className="muted small">What happens to events no entry under Events matches.</p>
      <div className="choices" role="radiogroup" aria-label="Unmapped events">
        {(
          [
            ['drop', 'Drop', 'Do not send them.'],
            ['pass_through', 'Pass through', 'Send under their own name with the global fields.'],
            ['map', 'Map with defaults', 'Send with the rows below.'],
          ] as const
        ).map(([value, label, help]) => (
          <label
            key={value}
            className={`choice${doc.defaults.action === value ? ' choice-on' : ''}`}
          >
            <input
              type="radio"
              name="defaults-action"
              disabled={readOnly}
              checked={doc.defaults.action === value}
              onChange={() => onChange({ ...doc, defaults: { ...doc.defaults, action: value } })}
            />
            <strong>{label}</strong>
            <span className="small muted">{help}</span>
          </label>
        ))}
      </div>
      {doc.defaults.action === 'map' && (
        <Rows
          rows={doc.defaults.mappings ?? []}
          idPrefix="defaults"
          readOnly={readOnly}
          onChange={(mappings, target) =>
            onChange({ ...doc, defaults: { ...doc.defaults, mappings } }, [
              '\ndefaults:',
              `target: ${target}`,
            ])
          }
        />
      )}
    </div>
  );
}

function Rows({
  rows,
  onChange,
  readOnly,
  idPrefix,
}: {
  rows: Row[];
  onChange: (rows: Row[], target?: string) => void;
  readOnly: boolean;
  idPrefix: string;
}) {
  const set = (i: number, row: Row) =>
    onChange(
      rows.map((r, j) => (j === i ? row : r)),
      row.target,
    );
  return (
    <div className="table-scroll">
      <table className="table mapping-rows">
        <thead>
          <tr>
            <th>Source field (event)</th>
            <th aria-hidden="true" />
            <th>Vendor field</th>
            <th>Transforms</th>
            <th aria-label="Remove" />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} data-testid={`${idPrefix}-row-${r.target}`}>
              <td>
                <RowInput
                  label={`Source for ${r.target || `row ${i + 1}`}`}
                  list="source-fields"
                  value={sourceText(r)}
                  disabled={readOnly}
                  onCommit={(t) => set(i, withSourceText(r, t))}
                />
              </td>
              <td aria-hidden="true" className="arrow">
                →
              </td>
              <td>
                <RowInput
                  label={`Vendor field of row ${i + 1}`}
                  list="vendor-fields"
                  value={r.target}
                  disabled={readOnly}
                  onCommit={(t) => set(i, { ...r, target: t.trim() })}
                />
                {r.items && (
                  <span className="muted small"> ({r.items.length} item fields: edit in YAML)</span>
                )}
              </td>
              <td>
                <RowInput
                  label={`Transforms for ${r.target || `row ${i + 1}`}`}
                  value={transformsText(r)}
                  disabled={readOnly}
                  onCommit={(t) => set(i, withTransformsText(r, t))}
                />
              </td>
              <td>
                {!readOnly && (
                  <Button
                    variant="ghost"
                    aria-label={`Remove row ${r.target}`}
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  >
                    ✕
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!readOnly && (
        <Button onClick={() => onChange([...rows, { source: '', target: '' }])}>Add row</Button>
      )}
    </div>
  );
}

/** A text input that keeps what is typed and hands it over on every change (the model re-renders from it). */
function RowInput({
  label,
  value,
  onCommit,
  list,
  disabled,
}: {
  label: string;
  value: string;
  onCommit: (t: string) => void;
  list?: string;
  disabled: boolean;
}) {
  const [text, setText] = useState(value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(value);
  }, [value]);
  return (
    <input
      aria-label={label}
      list={list}
      value={text}
      disabled={disabled}
      onFocus={() => (focused.current = true)}
      onBlur={() => {
        focused.current = false;
        setText(value);
      }}
      onChange={(e) => {
        setText(e.target.value);
        onCommit(e.target.value);
      }}
    />
  );
}

function Preview({ templateId, config }: { templateId: string; config: Record<string, unknown> }) {
  const [sample, setSample] = useState<keyof typeof SAMPLE_EVENTS>('purchase');
  const run = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/admin/integration-templates/{id}/preview', {
          params: { path: { id: templateId } },
          body: { events: [SAMPLE_EVENTS[sample]], config, test_mode: false },
        }),
      ),
  });
  return (
    <section className="card" aria-label="Preview">
      <h2>Preview</h2>
      <p className="muted small">
        A dry run: the exact request the vendor would receive for a sample event. Nothing is sent.
      </p>
      <div className="row wrap">
        <select
          aria-label="Sample event"
          value={sample}
          onChange={(e) => setSample(e.target.value as keyof typeof SAMPLE_EVENTS)}
        >
          {Object.keys(SAMPLE_EVENTS).map((k) => (
            <option key={k} value={k}>
              {k.replace('_', ' ')}
            </option>
          ))}
        </select>
        <Button variant="primary" busy={run.isPending} onClick={() => run.mutate()}>
          Preview request
        </Button>
      </div>
      <FormError error={run.error} />
      {run.data && (
        <div className="stack" data-testid="preview-result">
          {run.data.requests.map((r, i) => (
            <div key={i}>
              <p>
                <Badge tone="info">{r.method}</Badge> <code className="break">{r.url}</code>
              </p>
              <pre tabIndex={0} className="code">
                {Object.entries(r.headers)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join('\n')}
              </pre>
              <pre tabIndex={0} className="code" data-testid="preview-body">
                {typeof r.body === 'string' ? r.body : JSON.stringify(r.body, null, 2)}
              </pre>
            </div>
          ))}
          {run.data.skipped.map((s) => (
            <p key={s.event_id} className="note">
              Not sent: {s.reason}
            </p>
          ))}
          {run.data.invalid_events.map((e) => (
            <p key={e.index} className="form-error">
              {e.field}: {e.message}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}

/** Install from the Library: choose a variant, pick a Blueprint, fill in credentials, install (template + revision v1). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { compact, ConfigFields } from '../lib/config-form';
import { useCan } from '../lib/session';
import { Button, errorFor, Field, FormError, Loading, PageHeader, ReadOnlyNote } from '../lib/ui';
import { CATEGORY_LABELS, VendorMark } from '../lib/vendor';

export function InstallPage() {
  const { vendor } = useParams({ from: '/app/library/$vendor' });
  const entry = useQuery({
    queryKey: ['catalog', vendor],
    queryFn: () =>
      ok(api.GET('/v1/admin/integration-catalog/{vendor}', { params: { path: { vendor } } })),
  });
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [variant, setVariant] = useState('');
  const [blueprint, setBlueprint] = useState('');
  const [blueprintTouched, setBlueprintTouched] = useState(false);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const install = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/admin/integration-catalog/{vendor}/install', {
          params: { path: { vendor } },
          body: {
            name: name.trim() || entry.data!.name,
            ...(variant ? { variant } : {}),
            ...(blueprint ? { blueprint } : {}),
            config: compact(values),
          },
        }),
      ),
    onSuccess: async (t) => {
      await queryClient.invalidateQueries({ queryKey: ['templates'] });
      await navigate({ to: '/integrations/$id', params: { id: t.id }, search: { tab: undefined } });
    },
  });
  if (entry.isLoading) return <Loading />;
  if (!entry.data) return <FormError error={entry.error} />;
  const e = entry.data;
  const readOnly = !can('editor');
  const set = (key: string, value: unknown) => setValues((v) => ({ ...v, [key]: value }));
  // Choosing a variant suggests the Blueprint of the same vertical until the user picks one.
  const chooseVariant = (key: string) => {
    setVariant(key);
    if (!blueprintTouched) setBlueprint(e.blueprints.find((b) => b.vertical === key)?.id ?? '');
  };
  let step = 1;
  const next = () => ++step;
  return (
    <>
      <p className="crumbs">
        <Link to="/integrations" search={{ tab: 'library' }}>
          Integration Library
        </Link>{' '}
        / {e.name}
      </p>
      <div className="install-head">
        <VendorMark vendor={e.vendor} name={e.name} size={56} />
        <PageHeader
          title={`Install ${e.name}`}
          subtitle={`${CATEGORY_LABELS[e.category] ?? e.category} · ${e.api}`}
        />
      </div>
      {readOnly && <ReadOnlyNote />}
      <form
        className="stack"
        onSubmit={(ev) => {
          ev.preventDefault();
          install.mutate();
        }}
      >
        <section className="card">
          <h2>{step}. Name</h2>
          <Field
            id="install-name"
            label="Integration name"
            help="How it appears in My Integrations and on pipelines."
            error={errorFor(install.error, 'name')}
          >
            <input
              id="install-name"
              value={name}
              placeholder={e.name}
              onChange={(ev) => setName(ev.target.value)}
              disabled={readOnly}
            />
          </Field>
        </section>
        {e.variants.length > 0 && (
          <section className="card">
            <h2>{next()}. Variant</h2>
            <p className="muted small">
              Industry variants start from tuned defaults (consent, batching). Everything stays
              editable.
            </p>
            <div className="choices" role="radiogroup" aria-label="Variant">
              {[
                { key: '', name: 'Standard', description: 'The vendor defaults.' },
                ...e.variants,
              ].map((v) => (
                <label
                  key={v.key || 'standard'}
                  className={`choice${variant === v.key ? ' choice-on' : ''}`}
                >
                  <input
                    type="radio"
                    name="variant"
                    value={v.key}
                    checked={variant === v.key}
                    onChange={() => chooseVariant(v.key)}
                    disabled={readOnly}
                  />
                  <strong>{v.name}</strong>
                  <span className="small muted">{v.description}</span>
                </label>
              ))}
            </div>
          </section>
        )}
        {e.blueprints.length > 0 && (
          <section className="card">
            <h2>{next()}. Blueprint</h2>
            <p className="muted small">
              A ready mapping for your vertical: which events are sent and how their fields map.
              Everything stays editable in the mapping builder.
            </p>
            <div className="choices" role="radiogroup" aria-label="Blueprint">
              {[
                {
                  id: '',
                  name: 'Default mapping',
                  vertical: '',
                  description: `The ${e.name} default mapping (page view, add to cart, purchase, lead).`,
                  config: {} as Record<string, unknown>,
                },
                ...e.blueprints,
              ].map((b) => (
                <label
                  key={b.id || 'default'}
                  className={`choice${blueprint === b.id ? ' choice-on' : ''}`}
                >
                  <input
                    type="radio"
                    name="blueprint"
                    value={b.id}
                    checked={blueprint === b.id}
                    onChange={() => {
                      setBlueprint(b.id);
                      setBlueprintTouched(true);
                    }}
                    disabled={readOnly}
                  />
                  <strong>{b.name}</strong>
                  <span className="small muted">{b.description}</span>
                  {b.id && <span className="small blueprint-events">{eventNames(b.config)}</span>}
                </label>
              ))}
            </div>
          </section>
        )}
        <section className="card">
          <h2>{next()}. Credentials and settings</h2>
          <ConfigFields
            idPrefix="cfg"
            fields={e.fields}
            values={values}
            onChange={set}
            error={install.error}
            readOnly={readOnly}
          />
          <details>
            <summary>Delivery settings (consent, batching, rate limits, test mode)</summary>
            <ConfigFields
              idPrefix="ds"
              fields={e.delivery_settings}
              values={values}
              onChange={set}
              error={install.error}
              readOnly={readOnly}
            />
          </details>
        </section>
        <FormError
          error={install.error}
          shownFields={[
            'name',
            ...[...e.fields, ...e.delivery_settings].map((f) => `config.${f.key}`),
          ]}
        />
        {!readOnly && (
          <div className="actions">
            <Button type="submit" variant="primary" busy={install.isPending}>
              {install.isPending ? 'Installing…' : 'Install integration'}
            </Button>
          </div>
        )}
      </form>
    </>
  );
}

/** The vendor events a Blueprint sends, e.g. "ViewContent · AddToCart · Purchase". */
function eventNames(config: Record<string, unknown>): string {
  const events = (config.events ?? {}) as Record<string, { vendor_event?: string }>;
  return [
    ...new Set(
      Object.values(events)
        .map((ev) => ev.vendor_event)
        .filter(Boolean),
    ),
  ].join(' · ');
}

/** Install from the Library: choose a variant, fill in credentials, install (template + revision v1). */
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
  const entry = useQuery({ queryKey: ['catalog', vendor], queryFn: () => ok(api.GET('/v1/admin/integration-catalog/{vendor}', { params: { path: { vendor } } })) });
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [variant, setVariant] = useState('');
  const [values, setValues] = useState<Record<string, unknown>>({});
  const install = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/admin/integration-catalog/{vendor}/install', {
          params: { path: { vendor } },
          body: { name: name.trim() || entry.data!.name, ...(variant ? { variant } : {}), config: compact(values) },
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
        <PageHeader title={`Install ${e.name}`} subtitle={`${CATEGORY_LABELS[e.category] ?? e.category} · ${e.api}`} />
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
          <h2>1. Name</h2>
          <Field id="install-name" label="Integration name" help="How it appears in My Integrations and on pipelines." error={errorFor(install.error, 'name')}>
            <input id="install-name" value={name} placeholder={e.name} onChange={(ev) => setName(ev.target.value)} disabled={readOnly} />
          </Field>
        </section>
        {e.variants.length > 0 && (
          <section className="card">
            <h2>2. Variant</h2>
            <p className="muted small">Industry variants start from tuned defaults (consent, batching). Everything stays editable.</p>
            <div className="choices" role="radiogroup" aria-label="Variant">
              {[{ key: '', name: 'Standard', description: 'The vendor defaults.' }, ...e.variants].map((v) => (
                <label key={v.key || 'standard'} className={`choice${variant === v.key ? ' choice-on' : ''}`}>
                  <input type="radio" name="variant" value={v.key} checked={variant === v.key} onChange={() => setVariant(v.key)} disabled={readOnly} />
                  <strong>{v.name}</strong>
                  <span className="small muted">{v.description}</span>
                </label>
              ))}
            </div>
            <p className="muted small">Mapping: the {e.name} default mapping (page view, add to cart, purchase, lead). Blueprints for other verticals appear here when the Library offers them.</p>
          </section>
        )}
        <section className="card">
          <h2>{e.variants.length > 0 ? '3' : '2'}. Credentials and settings</h2>
          <ConfigFields idPrefix="cfg" fields={e.fields} values={values} onChange={set} error={install.error} readOnly={readOnly} />
          <details>
            <summary>Delivery settings (consent, batching, rate limits, test mode)</summary>
            <ConfigFields idPrefix="ds" fields={e.delivery_settings} values={values} onChange={set} error={install.error} readOnly={readOnly} />
          </details>
        </section>
        <FormError error={install.error} shownFields={['name', ...[...e.fields, ...e.delivery_settings].map((f) => `config.${f.key}`)]} />
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

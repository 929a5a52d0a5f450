/** API tokens and roles (admins): create (shown once), revoke. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { useCan, useMe } from '../lib/session';
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
  when,
} from '../lib/ui';

export function TokensPage() {
  const can = useCan();
  const me = useMe();
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: ['tokens'],
    queryFn: () => ok(api.GET('/v1/admin/tokens')),
    enabled: can('admin'),
  });
  const [name, setName] = useState('');
  const [role, setRole] = useState<'viewer' | 'editor' | 'admin'>('viewer');
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => ok(api.POST('/v1/admin/tokens', { body: { name, role } })),
    onSuccess: async (t) => {
      setCreated(t.token);
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      ok(api.DELETE('/v1/admin/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
  const header = (
    <PageHeader
      title="Tokens & roles"
      subtitle="Viewers read everything; editors change configuration; admins also manage tokens and read the audit log."
    />
  );
  if (!can('admin'))
    return (
      <>
        {header}
        <Empty>
          You are signed in as <strong>{me.data?.name}</strong> with the{' '}
          <Badge>{me.data?.role}</Badge> role. Tokens are managed by admins.
        </Empty>
      </>
    );
  return (
    <>
      {header}
      {tokens.isLoading && <Loading />}
      <div className="card table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Token</th>
              <th className="hide-narrow">Last used</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {tokens.data?.tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>
                  <Badge>{t.role}</Badge>
                </td>
                <td>
                  <code>{t.token_prefix}…</code>
                </td>
                <td className="hide-narrow">{when(t.last_used_at)}</td>
                <td>
                  {t.revoked_at ? (
                    <Badge tone="bad">revoked</Badge>
                  ) : t.id === me.data?.token_id ? (
                    <span className="muted small">this session</span>
                  ) : (
                    <Button
                      variant="danger"
                      busy={revoke.isPending && revoke.variables === t.id}
                      onClick={() => window.confirm(`Revoke ${t.name}?`) && revoke.mutate(t.id)}
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <FormError error={revoke.error} />
      </div>
      <form
        className="card row wrap"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field id="token-name" label="Name" error={errorFor(create.error, 'name')}>
          <input
            id="token-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Marketing team"
          />
        </Field>
        <Field id="token-role" label="Role" error={errorFor(create.error, 'role')}>
          <select
            id="token-role"
            value={role}
            onChange={(e) => setRole(e.target.value as typeof role)}
          >
            <option value="viewer">viewer (read-only)</option>
            <option value="editor">editor</option>
            <option value="admin">admin</option>
          </select>
        </Field>
        <Button type="submit" variant="primary" disabled={!name.trim()} busy={create.isPending}>
          Create token
        </Button>
        <FormError error={create.error} shownFields={['name', 'role']} />
      </form>
      <Modal open={!!created} onOpenChange={(o) => !o && setCreated(null)} title="Token created">
        <p className="note">Copy it now: it is not shown again.</p>
        <pre tabIndex={0} className="code" data-testid="new-token">
          {created}
        </pre>
        {created && <CopyButton text={created} label="Copy token" />}
      </Modal>
    </>
  );
}

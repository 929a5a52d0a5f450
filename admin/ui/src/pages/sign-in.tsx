/** Sign in with an API token; the token stays in this browser only. */
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, ApiError, ok, tokenStore } from '../api/client';
import { Button, Field } from '../lib/ui';

export function SignInPage() {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    tokenStore.set(token.trim());
    try {
      await ok(api.GET('/v1/admin/me'));
      queryClient.clear();
      await navigate({ to: '/' });
    } catch (err) {
      tokenStore.clear();
      setError(
        err instanceof ApiError && err.status === 401
          ? 'That token is not valid (or was revoked).'
          : String(err instanceof Error ? err.message : err),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <form
        onSubmit={(e) => void submit(e)}
        className="card sign-in-card"
        aria-labelledby="sign-in-title"
      >
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            D
          </span>
          Datafly Signal
        </div>
        <h1 id="sign-in-title">Sign in</h1>
        <p className="muted">
          Paste an API token. `npm start` prints a sign-in link for the local admin token.
        </p>
        <Field id="token" label="API token" error={error}>
          <input
            id="token"
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-invalid={!!error}
            required
          />
        </Field>
        <Button type="submit" variant="primary" busy={busy} disabled={!token.trim()}>
          Sign in
        </Button>
      </form>
    </main>
  );
}

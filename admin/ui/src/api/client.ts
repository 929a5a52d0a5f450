/**
 * The typed Management API client (openapi-fetch over the generated `paths`), the bearer token
 * kept in this browser, and API errors as one class that names the field the API named.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.gen';

export type Schemas = components['schemas'];

const TOKEN_KEY = 'datafly.admin_token';

export const tokenStore = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string): void => localStorage.setItem(TOKEN_KEY, token),
  clear: (): void => localStorage.removeItem(TOKEN_KEY),
};

/** An API refusal: `code` from the error taxonomy, `field` when the API named one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = tokenStore.get();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** The data of an openapi-fetch result, or an `ApiError` thrown. @example const { pipelines } = await ok(api.GET('/v1/admin/pipelines')) */
export async function ok<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const body = (error ?? {}) as { error?: { code?: string; message?: string; field?: string } };
  throw new ApiError(
    response.status,
    body.error?.code ?? 'error',
    body.error?.message ?? `HTTP ${response.status}`,
    body.error?.field,
  );
}

/** Fetch a non-JSON answer (DLQ export) with the token. */
export async function download(path: string): Promise<Blob> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${tokenStore.get() ?? ''}` } });
  if (!res.ok) throw new ApiError(res.status, 'error', `HTTP ${res.status}`);
  return res.blob();
}

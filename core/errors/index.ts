/**
 * One error taxonomy for the whole system (docs/style.md 4). Every expected failure is a
 * `DataflyError` with a `code`; the code decides the HTTP status at the edge/admin/bridge and
 * send / retry / dead-letter in delivery. Nobody dispatches on message strings.
 */

interface CodeInfo {
  status: number;
  retryable: boolean;
}

export const ERROR_CODES = {
  // Request problems (client's fault, never retried as-is).
  invalid_request: { status: 400, retryable: false },
  invalid_json: { status: 400, retryable: false },
  invalid_signature: { status: 401, retryable: false },
  unauthorized: { status: 401, retryable: false },
  forbidden: { status: 403, retryable: false },
  origin_not_allowed: { status: 403, retryable: false },
  not_found: { status: 404, retryable: false },
  conflict: { status: 409, retryable: false },
  payload_too_large: { status: 413, retryable: false },
  unsupported_media_type: { status: 415, retryable: false },
  unprocessable: { status: 422, retryable: false },
  config_error: { status: 422, retryable: false },
  // Transient problems (retry later).
  rate_limited: { status: 429, retryable: true },
  timeout: { status: 504, retryable: true },
  network: { status: 502, retryable: true },
  upstream_unavailable: { status: 503, retryable: true },
  // Vendor answers, classified by the vendor definition.
  vendor_throttled: { status: 429, retryable: true },
  vendor_server_error: { status: 502, retryable: true },
  vendor_rejected: { status: 422, retryable: false },
  vendor_auth: { status: 401, retryable: false },
  internal: { status: 500, retryable: true },
} as const satisfies Record<string, CodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

interface DataflyErrorOptions {
  /** The field the problem is about (`properties.value`, `batch[3].type`). */
  field?: string;
  /** Seconds the caller should wait before retrying. */
  retryAfter?: number;
  /** Extra structured detail, safe to show (no secrets). */
  details?: unknown;
  cause?: unknown;
}

export class DataflyError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: DataflyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DataflyError';
    this.code = code;
    this.field = options.field;
    this.retryAfter = options.retryAfter;
    this.details = options.details;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }

  /** The JSON error body every HTTP surface answers with. */
  toJSON(): { error: { code: ErrorCode; message: string; field?: string; details?: unknown } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field ? { field: this.field } : {}),
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export const isDataflyError = (e: unknown): e is DataflyError => e instanceof DataflyError;

/** Anything thrown → a DataflyError (unknown errors become `internal`, message kept generic). */
export function toDataflyError(e: unknown): DataflyError {
  if (e instanceof DataflyError) return e;
  return new DataflyError('internal', 'internal error', { cause: e });
}

/** A validation issue as zod reports it (no zod import: the edge bundles this module). */
interface FieldIssueLike {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * The error for a failed schema check, naming the field of its first issue: the issue's path
 * under `prefix` (`config.pixel_id`), or `fallback` when the issue is about the root. The message
 * is `{lead}: {issue}`, `lead` being the field unless given.
 *
 * @example throw fieldError('config_error', parsed.error.issues, { prefix: 'transformations', lead: 'invalid transformation' })
 */
export function fieldError(
  code: ErrorCode,
  issues: readonly FieldIssueLike[],
  options: { prefix?: string; fallback?: string; lead?: string } = {},
): DataflyError {
  const issue = issues[0] ?? { path: [], message: 'is invalid' };
  const field =
    [options.prefix, ...issue.path.map(String)]
      .filter((part) => part !== undefined && part !== '')
      .join('.') ||
    options.fallback ||
    '';
  return new DataflyError(
    code,
    `${options.lead ?? field}: ${issue.message}`,
    field ? { field } : {},
  );
}

/** Codes the server documents, plus two the client produces itself. */
export type ApiErrorCode =
  | 'validation_error'
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal_error'
  /** The request never got an HTTP answer (offline, DNS, connection reset). */
  | 'network_error'
  /** An answer arrived but was not the documented JSON error shape. */
  | 'invalid_response';

/** Every failed API call surfaces as one of these; `status` is 0 when no HTTP answer arrived. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode | (string & {}),
    message: string,
    readonly status: number,
  ) {
    super(message);
  }

  /** True when repeating the same request later may succeed (and is safe for idempotent sends). */
  get retryable(): boolean {
    return this.code === 'network_error' || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

const codeByStatus: Record<number, ApiErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
  503: 'unavailable',
};

/**
 * Maps a non-2xx answer to an ApiError, trusting the documented
 * `{ error: { code, message } }` body and falling back to the HTTP status.
 * @example toApiError(404, { error: { code: 'not_found', message: '会话不存在' } }) // ApiError('not_found', '会话不存在', 404)
 */
export function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const code = error && typeof error.code === 'string' && error.code ? error.code : null;
  const message = error && typeof error.message === 'string' ? error.message : '';
  if (code) return new ApiError(code, message, status);
  const fallback = codeByStatus[status] ?? (status >= 500 ? 'internal_error' : 'invalid_response');
  return new ApiError(fallback, message, status);
}

/** Wraps a fetch rejection (the request got no HTTP answer). */
export function networkError(cause: unknown): ApiError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new ApiError('network_error', message, 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

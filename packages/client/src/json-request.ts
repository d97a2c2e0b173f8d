import * as z from 'zod/mini';
import { parseRetryAfter } from './retry-after.js';
import { WidgetApiError } from './widget-api-error.js';

const ErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Where and how the widget talks to its server; shared by the chat and ticket clients. */
export interface ApiEndpoint {
  /** The server's origin, without a trailing slash. */
  origin: string;
  fetchFn: typeof fetch;
  now: () => number;
}

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** JSON, or a Blob sent as it is with its own type (a voice recording). */
  body?: unknown;
  /** The visitor token; sent as a bearer header, never as a cookie. */
  token?: string;
  /** A request must not hang forever on a dead connection; after this it counts as a network error. */
  timeoutMs: number;
}

/**
 * Sends one request and returns the raw response when it is a 2xx. Everything else becomes a
 * WidgetApiError carrying the server's stable code and (Chinese) message from `{ error: { code, message } }`.
 */
export async function sendApiRequest(endpoint: ApiEndpoint, path: string, init: ApiRequest): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const raw = typeof Blob !== 'undefined' && init.body instanceof Blob ? init.body : null;
  if (init.body !== undefined) headers['content-type'] = raw ? raw.type : 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;

  let response: Response;
  try {
    response = await endpoint.fetchFn(endpoint.origin + path, {
      method: init.method,
      headers,
      body: raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      // The visitor token travels in a header; host-page cookies are none of our business.
      credentials: 'omit',
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (cause) {
    throw WidgetApiError.from(cause);
  }
  if (response.ok) return response;

  const payload: unknown = await response.json().catch(() => undefined);
  const parsed = ErrorBodySchema.safeParse(payload);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), endpoint.now());
  throw parsed.success
    ? new WidgetApiError(parsed.data.error.code, response.status, parsed.data.error.message, retryAfterMs)
    : new WidgetApiError(`http_${response.status}`, response.status, response.statusText, retryAfterMs);
}

/**
 * Sends one request and parses its JSON answer with `schema`; a 2xx that does not match the
 * contract is an `invalid_response` error rather than garbage on screen.
 *
 * @example
 * const page = await requestJson(endpoint, '/api/v1/widget/tickets', { method: 'GET', token, timeoutMs: 15_000 }, ListSchema);
 */
export async function requestJson<S extends z.ZodMiniType>(endpoint: ApiEndpoint, path: string, init: ApiRequest, schema: S): Promise<z.infer<S>> {
  const response = await sendApiRequest(endpoint, path, init);
  const payload: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new WidgetApiError('invalid_response', response.status, `unexpected response from ${path.split('?')[0]}`);
  return parsed.data as z.infer<S>;
}

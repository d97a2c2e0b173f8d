import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors/app-error.js';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

// Fastify's own client errors, mapped to our stable codes.
const fastifyCodes: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_request' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request' },
};

/** One place turns every thrown value into `{ error: { code, message } }`; a 5xx never carries internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    let status = 500;
    let body: ErrorBody = { error: { code: 'internal_error', message: 'Internal server error' } };
    const storage = databaseUnavailable(err);

    if (err instanceof AppError) {
      status = err.statusCode;
      body = { error: { code: err.code, message: err.message } };
      for (const [k, v] of Object.entries(err.headers)) void reply.header(k, v);
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      const details = err.validation.map((v) => ({ path: v.instancePath || '/', message: v.message }));
      const first = details[0];
      body = { error: { code: 'validation_error', message: first ? `${first.path}: ${first.message}` : 'Invalid input', details } };
    } else if ('code' in err && typeof err.code === 'string' && fastifyCodes[err.code]) {
      const mapped = fastifyCodes[err.code]!;
      status = mapped.status;
      body = { error: { code: mapped.code, message: err.message } };
    } else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      const code = status === 429 ? 'rate_limited' : status === 404 ? 'not_found' : status === 413 ? 'payload_too_large' : 'bad_request';
      body = { error: { code, message: err.message } };
    } else if (storage === 'pool_exhausted') {
      // Overload, as http/overload-guard.ts answers it: the node is busy, the database is fine.
      status = 503;
      void reply.header('retry-after', '1');
      body = { error: { code: 'overloaded', message: 'The server is busy, please retry shortly' } };
    } else if (storage) {
      status = 503;
      void reply.header('retry-after', storage === 'connection_lost' ? '1' : '5');
      body = { error: { code: 'unavailable', message: 'Storage is temporarily unavailable' } };
    }

    if (status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: body.error.code, status }, 'client error');
    return reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    return reply.status(404).send({ error: { code: 'not_found', message: `Route ${request.method} ${request.url.split('?')[0]} not found` } });
  });
}

/**
 * `connection_lost`: PostgreSQL ended this request's connection (a failover, `pg_terminate_backend`, an idle
 * timeout) — the pool opens a new one for the next query, so a retry a second later succeeds; a 5 s wait would
 * only keep the visitor waiting. `down`: the database refuses or is starting, which takes longer.
 * `pool_exhausted`: every pooled connection was busy for the pool's whole wait (5 s) — this node has more work than
 * connections, the database is up. It was answered as `down` with Retry-After 5, keeping a busy node's visitors
 * waiting 5 s more than the overload lasts.
 */
function databaseUnavailable(err: Error): 'connection_lost' | 'down' | 'pool_exhausted' | null {
  const code = (err as { code?: unknown }).code;
  // 57P01/57P02: terminated by an administrator or a crash shutdown; the pg client's own messages when its socket
  // dropped mid-query, or when the transaction's rollback found the connection already gone; and the socket's own
  // ECONNRESET/EPIPE when the terminated backend's reset reaches a query before pg's message does (a CI flake: 500).
  if (code === '57P01' || code === '57P02' || code === 'ECONNRESET' || code === 'EPIPE' || /Connection terminated|is not queryable/.test(err.message)) return 'connection_lost';
  // pg-pool's message when no pooled client came free in connectionTimeoutMillis (a new connection that times out says "Connection terminated").
  if (/timeout exceeded when trying to connect/.test(err.message)) return 'pool_exhausted';
  if (code === 'ECONNREFUSED' || code === '57P03') return 'down';
  return null;
}

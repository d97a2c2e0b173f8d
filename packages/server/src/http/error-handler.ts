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
    } else if (isDatabaseUnavailable(err)) {
      status = 503;
      void reply.header('retry-after', '5');
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

function isDatabaseUnavailable(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'ECONNREFUSED' || code === '57P01' || code === '57P03' || /Connection terminated|timeout exceeded when trying to connect/.test(err.message);
}

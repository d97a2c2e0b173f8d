import { describe, expect, it } from 'vitest';
import { ApiError, networkError, toApiError } from './api-error.js';

describe('mapping a failed answer to an ApiError', () => {
  it('keeps the server code and message from the documented error body', () => {
    const error = toApiError(403, { error: { code: 'csrf_failed', message: 'CSRF 校验失败' } });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'csrf_failed', message: 'CSRF 校验失败', status: 403 });
  });

  it('falls back to a code derived from the status when the body is not the error shape', () => {
    expect(toApiError(404, '<html>Not Found</html>')).toMatchObject({ code: 'not_found', message: '', status: 404 });
    expect(toApiError(502, undefined)).toMatchObject({ code: 'internal_error', status: 502 });
    expect(toApiError(418, { error: 'teapot' })).toMatchObject({ code: 'invalid_response', status: 418 });
  });

  it('treats only transport-level failures as worth retrying', () => {
    expect(networkError(new TypeError('Failed to fetch')).retryable).toBe(true);
    expect(toApiError(503, { error: { code: 'unavailable', message: '' } }).retryable).toBe(true);
    expect(toApiError(400, { error: { code: 'validation_error', message: 'text too long' } }).retryable).toBe(false);
    expect(toApiError(409, null).retryable).toBe(false);
  });

  it('reports a network failure with status 0 and the cause in the message', () => {
    expect(networkError(new TypeError('Failed to fetch'))).toMatchObject({ code: 'network_error', status: 0, message: 'Failed to fetch' });
  });
});

import type { SessionInfo } from '../api/api-types.js';

/** One request the console made, as `fetch` saw it. */
export interface FakeCall {
  url: string;
  init: RequestInit;
}

/**
 * A `fetch` that answers the console's requests in order from `answers` (an Error is thrown, as a
 * network failure would be) and records them; a request beyond the list fails the test.
 * @example const server = fakeApiServer([jsonResponse(200, adminSession)]); new ApiClient({ fetch: server.fetch })
 */
export function fakeApiServer(answers: Array<Response | Error>) {
  const calls: FakeCall[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request ' + url);
    if (next instanceof Error) throw next;
    return next;
  };
  return { calls, fetch };
}

/** A JSON response with `status`. */
export const jsonResponse = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** What `/auth/me` answers for a signed-in admin without two-factor login. */
export const adminSession: SessionInfo = {
  user: { id: 'u1', tenantId: 't1', tenantName: '演示电商', email: 'admin@demo.test', name: '管理员', role: 'admin', mfaEnabled: false },
  csrfToken: 'csrf-123',
  mfaEnrollmentRequired: false,
};

/** The API's error body (`{ error: { code, message } }`) with `status`. */
export const errorResponse = (status: number, code: string, message = ''): Response => jsonResponse(status, { error: { code, message } });

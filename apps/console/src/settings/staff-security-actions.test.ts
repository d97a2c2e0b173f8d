import { describe, expect, it } from 'vitest';
import { adminSession, fakeApiServer, jsonResponse } from '../test-support/fake-api-server.js';
import { ApiClient } from '../api/api-client.js';
import { saveMfaRequired } from './staff-security-actions.js';

/** The real ApiClient over a fake fetch, signed in as an admin. */
async function signedIn(answers: Response[]) {
  const server = fakeApiServer([jsonResponse(200, adminSession), ...answers]);
  const api = new ApiClient({ fetch: server.fetch });
  await api.me();
  return { api, server };
}

describe('staff sign-in security against the API', () => {
  it('loads the policy with a GET', async () => {
    const { api, server } = await signedIn([jsonResponse(200, { mfaRequired: false })]);

    expect(await api.getStaffSecurity()).toEqual({ mfaRequired: false });
    expect(server.calls[1]?.url).toBe('/api/v1/settings/staff-security');
    expect(server.calls[1]?.init.method).toBe('GET');
  });

  it('saves the switch with a PUT carrying the CSRF token', async () => {
    const { api, server } = await signedIn([jsonResponse(200, { mfaRequired: true })]);

    const result = await saveMfaRequired(api, true, false);

    expect(result).toEqual({ ok: true, mfaRequired: true });
    const put = server.calls[1];
    expect(put?.url).toBe('/api/v1/settings/staff-security');
    expect(put?.init.method).toBe('PUT');
    expect(put?.init.body).toBe(JSON.stringify({ mfaRequired: true }));
    expect((put?.init.headers as Record<string, string>)['x-csrf-token']).toBe('csrf-123');
  });

  it('leaves the switch off when the admin has no two-factor login of their own (409)', async () => {
    const { api } = await signedIn([jsonResponse(409, { error: { code: 'mfa_not_enabled', message: 'Turn on two-factor authentication for your own account first' } })]);

    const result = await saveMfaRequired(api, true, false);

    expect(result.ok).toBe(false);
    expect(result.mfaRequired).toBe(false);
    expect(result.ok === false && result.ownMfaMissing).toBe(true);
  });

  it('keeps the previous value on any other failure', async () => {
    const { api } = await signedIn([jsonResponse(503, { error: { code: 'unavailable', message: '' } })]);

    const result = await saveMfaRequired(api, false, true);

    expect(result).toMatchObject({ ok: false, mfaRequired: true, ownMfaMissing: false });
  });
});

import { describe, expect, it } from 'vitest';
import { ApiClient } from '../api/api-client.js';
import { adminSession, fakeApiServer, jsonResponse } from '../test-support/fake-api-server.js';
import { handoffOverview, reassignRefused } from '../test-support/fake-handoff-answers.js';
import { SupervisorApi } from './supervisor-api.js';

describe('supervisor API', () => {
  it('reads the overview', async () => {
    const server = fakeApiServer([jsonResponse(200, handoffOverview)]);
    const overview = await new SupervisorApi(new ApiClient({ fetch: server.fetch })).overview();
    expect(server.calls[0]?.url).toBe('/api/v1/handoff/overview');
    expect(overview.hot[0]?.requestId).toBe('r-risk');
  });

  it('reassigns with the target in the body and the CSRF token', async () => {
    const server = fakeApiServer([jsonResponse(200, adminSession), jsonResponse(200, { id: 'r/1', status: 'offered' })]);
    const client = new ApiClient({ fetch: server.fetch });
    await client.me();
    await new SupervisorApi(client).reassign('r/1', 'u2');
    expect(server.calls[1]?.url).toBe('/api/v1/handoff/requests/r%2F1/reassign');
    expect(server.calls[1]?.init.method).toBe('POST');
    expect(server.calls[1]?.init.body).toBe(JSON.stringify({ toUserId: 'u2' }));
    expect((server.calls[1]?.init.headers as Record<string, string>)['x-csrf-token']).toBe('csrf-123');
  });

  it('surfaces the server’s refusal code and message', async () => {
    const server = fakeApiServer([reassignRefused('agent_at_capacity', '小李 已达接待上限 (3/3)')]);
    const failure = await new SupervisorApi(new ApiClient({ fetch: server.fetch })).reassign('r1', 'u2').catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'agent_at_capacity', status: 409, message: '小李 已达接待上限 (3/3)' });
  });
});

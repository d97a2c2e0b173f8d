import { describe, expect, it } from 'vitest';
import { ApiClient } from '../api/api-client.js';
import { adminSession, fakeApiServer, jsonResponse } from '../test-support/fake-api-server.js';
import { agentProfiles, cannedReplies } from '../test-support/fake-handoff-answers.js';
import { AgentAdminApi } from './agent-admin-api.js';

const signedIn = async (answers: Response[]) => {
  const server = fakeApiServer([jsonResponse(200, adminSession), ...answers]);
  const client = new ApiClient({ fetch: server.fetch });
  await client.me();
  return { server, api: new AgentAdminApi(client) };
};

describe('agent profiles', () => {
  it('lists the tenant’s agents and patches only what changed', async () => {
    const { server, api } = await signedIn([jsonResponse(200, { items: agentProfiles }), jsonResponse(200, { ...agentProfiles[1], maxChats: 6 })]);
    const { items } = await api.listAgents();
    await api.updateAgent('u2', { maxChats: 6 });
    expect(items.map((agent) => agent.userId)).toEqual(['u1', 'u2']);
    expect(server.calls[1]?.url).toBe('/api/v1/agents');
    expect(server.calls[2]?.url).toBe('/api/v1/agents/u2');
    expect(server.calls[2]?.init.method).toBe('PATCH');
    expect(server.calls[2]?.init.body).toBe(JSON.stringify({ maxChats: 6 }));
  });
});

describe('canned replies', () => {
  it('creates, edits and deletes through the documented routes', async () => {
    const { server, api } = await signedIn([
      jsonResponse(200, { items: cannedReplies }),
      jsonResponse(201, cannedReplies[1]),
      jsonResponse(200, cannedReplies[1]),
      new Response(null, { status: 204 }),
    ]);
    await api.listCannedReplies();
    await api.createCannedReply({ scope: 'personal', shortcut: 'wait', title: '请稍等', body: '正在为您核实' });
    await api.updateCannedReply('cr2', { title: '稍等' });
    await api.deleteCannedReply('cr2');
    expect(server.calls.slice(1).map((call) => `${call.init.method} ${call.url}`)).toEqual([
      'GET /api/v1/canned-replies',
      'POST /api/v1/canned-replies',
      'PATCH /api/v1/canned-replies/cr2',
      'DELETE /api/v1/canned-replies/cr2',
    ]);
    expect(JSON.parse(String(server.calls[2]?.init.body))).toEqual({ scope: 'personal', shortcut: 'wait', title: '请稍等', body: '正在为您核实' });
  });

  it('reports a taken shortcut with its code', async () => {
    const { api } = await signedIn([jsonResponse(409, { error: { code: 'canned_shortcut_taken', message: 'Shortcut /hi is already used' } })]);
    const failure = await api.createCannedReply({ scope: 'tenant', shortcut: 'hi', title: 't', body: 'b' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'canned_shortcut_taken', status: 409 });
  });
});

describe('group chat settings', () => {
  it('patches only the chat routing columns of a group', async () => {
    const { server, api } = await signedIn([jsonResponse(200, {})]);
    await api.updateGroupChat('g1', { handlesChat: true, chatSkills: ['信用卡'], chatIntents: ['card_loss_report'], isChatDefault: false, offerTimeoutSeconds: 45 });
    expect(server.calls[1]?.url).toBe('/api/v1/agent-groups/g1');
    expect(JSON.parse(String(server.calls[1]?.init.body))).toEqual({ handlesChat: true, chatSkills: ['信用卡'], chatIntents: ['card_loss_report'], isChatDefault: false, offerTimeoutSeconds: 45 });
  });
});

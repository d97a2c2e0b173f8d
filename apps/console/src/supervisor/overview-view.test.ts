import { describe, expect, it } from 'vitest';
import { applyPresenceChange, buildOverviewView, reassignCandidates } from './overview-view.js';
import type { HandoffOverview } from './supervisor-api-types.js';

const overview: HandoffOverview = {
  groups: [
    { id: 'g1', name: '售后组', waiting: 0, longestWaitSeconds: 0, onlineAgents: 1, open: true },
    { id: 'g2', name: '信用卡组', waiting: 3, longestWaitSeconds: 95, onlineAgents: 1, open: true },
    { id: 'g3', name: '夜班', waiting: 1, longestWaitSeconds: 400, onlineAgents: 0, open: false },
  ],
  agents: [
    { userId: 'u1', name: '小王', presence: 'offline', activeChats: 0, maxChats: 5, skills: [] },
    { userId: 'u2', name: '小李', presence: 'online', activeChats: 1, maxChats: 4, skills: ['售后'] },
    { userId: 'u3', name: '小张', presence: 'online', activeChats: 3, maxChats: 3, skills: ['信用卡'] },
    { userId: 'u4', name: '小赵', presence: 'away', activeChats: 2, maxChats: 4, skills: [] },
  ],
  hot: [
    { conversationId: 'c1', requestId: 'r1', reason: 'anger', priority: 1, status: 'assigned', assignedTo: 'u3', offeredTo: null, risk: 'none', emotion: 'anger', waitSeconds: 30 },
    { conversationId: 'c2', requestId: 'r2', reason: 'high_risk', priority: 0, status: 'offered', assignedTo: null, offeredTo: 'u2', risk: 'high', emotion: 'neutral', waitSeconds: 10 },
    { conversationId: 'c3', requestId: 'r3', reason: 'anger', priority: 1, status: 'queued', assignedTo: null, offeredTo: 'u4', risk: null, emotion: null, waitSeconds: 120 },
  ],
};

describe('the supervisor overview', () => {
  it('puts the groups with waiting chats first, the longest wait breaking ties', () => {
    expect(buildOverviewView(overview).groups.map((group) => group.id)).toEqual(['g2', 'g3', 'g1']);
  });

  it('lists online agents first and the busiest of them first, with their load', () => {
    const { agents } = buildOverviewView(overview);
    expect(agents.map((agent) => agent.userId)).toEqual(['u3', 'u2', 'u4', 'u1']);
    expect(agents[0]).toMatchObject({ load: 1, full: true });
    expect(agents[1]).toMatchObject({ load: 0.25, full: false });
  });

  it('orders the hot list by priority and then the longest wait, naming the assigned agent', () => {
    const { hot } = buildOverviewView(overview);
    expect(hot.map((row) => [row.requestId, row.kind, row.assignedName])).toEqual([
      ['r2', 'risk', null],
      ['r3', 'anger', null],
      ['r1', 'anger', '小张'],
    ]);
  });

  it('names the agent a hot conversation is on offer to right now, and nobody for one back in the queue', () => {
    const { hot } = buildOverviewView(overview);
    expect(hot.map((row) => [row.requestId, row.offeredName])).toEqual([
      ['r2', '小李'],
      ['r3', null],
      ['r1', null],
    ]);
  });

  it('sums the waiting chats, the longest wait, and the free slots of online agents only', () => {
    expect(buildOverviewView(overview).totals).toEqual({ waiting: 4, longestWaitSeconds: 400, onlineAgents: 2, freeSlots: 3 });
  });

  it('treats an agent without chat capacity as full', () => {
    const view = buildOverviewView({ ...overview, agents: [{ userId: 'u9', name: '新人', presence: 'online', activeChats: 0, maxChats: 0, skills: [] }] });
    expect(view.agents[0]).toMatchObject({ load: 1, full: true });
    expect(view.totals.freeSlots).toBe(0);
  });
});

describe('presence changes between fetches', () => {
  it('replaces the agent’s presence and load at once', () => {
    const next = applyPresenceChange(overview, { userId: 'u1', presence: 'online', activeChats: 2, maxChats: 6 });
    expect(next.agents.find((agent) => agent.userId === 'u1')).toMatchObject({ presence: 'online', activeChats: 2, maxChats: 6, name: '小王' });
    expect(overview.agents[0]?.presence).toBe('offline');
  });

  it('leaves an agent it does not know to the refetch', () => {
    expect(applyPresenceChange(overview, { userId: 'u99', presence: 'online', activeChats: 0, maxChats: 3 })).toBe(overview);
  });
});

describe('reassign candidates', () => {
  it('leaves out the current agent and orders the rest full, then away, then offline', () => {
    const { agents } = buildOverviewView(overview);
    expect(reassignCandidates(agents, 'u2').map((agent) => [agent.userId, agent.unlikely])).toEqual([
      ['u3', 'full'],
      ['u4', 'away'],
      ['u1', 'offline'],
    ]);
  });

  it('offers online agents with free slots first, the least loaded of them first', () => {
    const agents = buildOverviewView({
      ...overview,
      agents: [...overview.agents, { userId: 'u5', name: '小周', presence: 'online', activeChats: 3, maxChats: 4, skills: [] }],
    }).agents;
    expect(reassignCandidates(agents, null).map((agent) => [agent.userId, agent.unlikely])).toEqual([
      ['u2', null],
      ['u5', null],
      ['u3', 'full'],
      ['u4', 'away'],
      ['u1', 'offline'],
    ]);
  });
});

import type { AgentProfile, CannedReply } from '../agent-admin/agent-admin-api-types.js';
import type { HandoffOverview } from '../supervisor/supervisor-api-types.js';
import { jsonResponse } from './fake-api-server.js';

/** What `GET /handoff/overview` answers in a tenant with one busy group, a closed one and two hot chats. */
export const handoffOverview: HandoffOverview = {
  groups: [
    { id: 'g-after-sales', name: '售后组', waiting: 2, longestWaitSeconds: 75, onlineAgents: 2, open: true },
    { id: 'g-night', name: '夜班', waiting: 0, longestWaitSeconds: 0, onlineAgents: 0, open: false },
  ],
  agents: [
    { userId: 'u1', name: '管理员', presence: 'online', activeChats: 0, maxChats: 3, skills: [] },
    { userId: 'u2', name: '小李', presence: 'online', activeChats: 3, maxChats: 3, skills: ['售后'] },
  ],
  hot: [
    { conversationId: 'c-risk', requestId: 'r-risk', reason: 'high_risk', priority: 0, status: 'queued', assignedTo: null, offeredTo: null, risk: 'high', emotion: 'neutral', waitSeconds: 40 },
    { conversationId: 'c-anger', requestId: 'r-anger', reason: 'anger', priority: 1, status: 'assigned', assignedTo: 'u2', offeredTo: null, risk: 'none', emotion: 'anger', waitSeconds: 12 },
  ],
};

/** `GET /agents` → `items`. */
export const agentProfiles: AgentProfile[] = [
  { userId: 'u1', name: '管理员', email: 'admin@demo.test', groups: [{ id: 'g1', name: '售后组', isSupervisor: true }], presence: 'online', maxChats: 3, skills: [], activeChats: 0 },
  { userId: 'u2', name: '小李', email: 'li@demo.test', groups: [], presence: 'away', maxChats: 5, skills: ['售后', 'English'], activeChats: 2 },
];

/** `GET /canned-replies` → `items`: one of the tenant's and one of the caller's own. */
export const cannedReplies: CannedReply[] = [
  { id: 'cr1', scope: 'tenant', ownerId: null, shortcut: 'hi', title: '开场问候', body: '您好{customerName}，我是客服{agentName}', updatedAt: '2026-12-01T08:00:00.000Z' },
  { id: 'cr2', scope: 'personal', ownerId: 'u1', shortcut: 'wait', title: '请稍等', body: '正在为您核实，请稍等', updatedAt: '2026-12-02T08:00:00.000Z' },
];

/** A 409 the way the server refuses a reassign or transfer. */
export const reassignRefused = (code: string, message: string): Response => jsonResponse(409, { error: { code, message } });

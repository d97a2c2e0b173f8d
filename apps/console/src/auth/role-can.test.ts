import { describe, expect, it } from 'vitest';
import { roleCan } from './role-can.js';

describe('what each role is offered in the console', () => {
  it('lets admins and supervisors edit the knowledge base', () => {
    expect(roleCan('admin', 'kb.write')).toBe(true);
    expect(roleCan('supervisor', 'kb.write')).toBe(true);
  });

  it('keeps the knowledge base read-only for agents and analysts', () => {
    expect(roleCan('agent', 'kb.write')).toBe(false);
    expect(roleCan('analyst', 'kb.write')).toBe(false);
  });

  it('lets agents reply and close conversations but not analysts', () => {
    expect(roleCan('agent', 'conversations.reply')).toBe(true);
    expect(roleCan('agent', 'conversations.update')).toBe(true);
    expect(roleCan('analyst', 'conversations.reply')).toBe(false);
    expect(roleCan('analyst', 'conversations.update')).toBe(false);
  });

  it('shows tickets to everyone, their controls to agents and up, their administration to admins only', () => {
    for (const role of ['admin', 'supervisor', 'agent', 'analyst'] as const) expect(roleCan(role, 'tickets.read')).toBe(true);
    expect(roleCan('agent', 'tickets.write')).toBe(true);
    expect(roleCan('analyst', 'tickets.write')).toBe(false);
    expect(roleCan('admin', 'tickets.admin')).toBe(true);
    expect(roleCan('supervisor', 'tickets.admin')).toBe(false);
  });

  it('gives the live view and high-risk alerts to admins and supervisors, agent settings to admins only', () => {
    expect(roleCan('admin', 'handoff.supervise')).toBe(true);
    expect(roleCan('supervisor', 'handoff.supervise')).toBe(true);
    expect(roleCan('agent', 'handoff.supervise')).toBe(false);
    expect(roleCan('analyst', 'handoff.supervise')).toBe(false);
    expect(roleCan('admin', 'users.manage')).toBe(true);
    expect(roleCan('supervisor', 'users.manage')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { assignmentOf } from './assignment-of.js';

describe('who owns a conversation', () => {
  it('is nobody until an agent replies or takes it over', () => {
    expect(assignmentOf({ assigneeId: null }, 'u1')).toBe('none');
  });

  it('tells the agent apart from colleagues', () => {
    expect(assignmentOf({ assigneeId: 'u1' }, 'u1')).toBe('mine');
    expect(assignmentOf({ assigneeId: 'u2' }, 'u1')).toBe('other');
  });
});

import { describe, expect, it } from 'vitest';
import { colleaguesForPicker } from './colleague-order.js';
import type { AgentProfile } from './workspace-api-types.js';

const agent = (userId: string, presence: AgentProfile['presence'], activeChats: number, maxChats = 4): AgentProfile => ({ userId, name: userId, presence, activeChats, maxChats, skills: [] });

describe('colleagues in the transfer and invite pickers', () => {
  it('leaves the caller out and puts online, least loaded colleagues first', () => {
    const ordered = colleaguesForPicker([agent('off', 'offline', 0), agent('me', 'online', 0), agent('busy', 'online', 3), agent('away', 'away', 0), agent('free', 'online', 1)], 'me');
    expect(ordered.map((a) => a.userId)).toEqual(['free', 'busy', 'away', 'off']);
  });

  it('counts an agent without capacity as full', () => {
    expect(colleaguesForPicker([agent('none', 'online', 0, 0), agent('some', 'online', 3)], 'me').map((a) => a.userId)).toEqual(['some', 'none']);
  });
});

import type { AgentPresence, AgentProfile } from './workspace-api-types.js';

const PRESENCE_ORDER: Record<AgentPresence, number> = { online: 0, away: 1, offline: 2 };

/**
 * The colleagues a chat can go to, without the caller: online first, then away, then offline; the
 * least loaded first within each, then by name — the likeliest taker on top of the picker.
 * @example colleaguesForPicker(profiles, me.userId)[0].presence // 'online'
 */
export function colleaguesForPicker(profiles: readonly AgentProfile[], selfId: string): AgentProfile[] {
  return profiles
    .filter((profile) => profile.userId !== selfId)
    .sort((a, b) => PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] || load(a) - load(b) || a.name.localeCompare(b.name, 'zh-CN'));
}

function load(profile: AgentProfile): number {
  return profile.maxChats > 0 ? profile.activeChats / profile.maxChats : 1;
}

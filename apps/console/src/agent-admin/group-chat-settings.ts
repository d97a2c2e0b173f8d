import type { AgentGroup } from '../api/api-types.js';
import type { GroupChatSettings } from './agent-admin-api-types.js';
import { normalizeSkills } from './skill-tags.js';

/** A group as `GET /agent-groups` answers once the handoff module adds its chat columns. */
export type AgentGroupWithChat = AgentGroup & Partial<GroupChatSettings>;

/** Migration 0015's column defaults, for a server that does not return the chat columns yet. */
export const DEFAULT_OFFER_TIMEOUT_SECONDS = 30;
export const MIN_OFFER_TIMEOUT_SECONDS = 10;
export const MAX_OFFER_TIMEOUT_SECONDS = 600;

/** The chat settings of a group, the migration's defaults filling what the answer lacks. */
export function chatSettingsOf(group: AgentGroupWithChat): GroupChatSettings {
  return {
    handlesChat: group.handlesChat ?? true,
    chatSkills: group.chatSkills ?? [],
    chatIntents: group.chatIntents ?? [],
    isChatDefault: group.isChatDefault ?? false,
    offerTimeoutSeconds: group.offerTimeoutSeconds ?? DEFAULT_OFFER_TIMEOUT_SECONDS,
  };
}

/**
 * What to send for edited settings: skills normalised like an agent's (the router needs the
 * same spelling on both sides), intents trimmed and deduplicated, and a group that stops handling
 * chat never left as the default chat group.
 */
export function chatSettingsPatch(edited: GroupChatSettings): GroupChatSettings {
  const intents = [...new Set(edited.chatIntents.map((intent) => intent.trim()).filter(Boolean))];
  return {
    handlesChat: edited.handlesChat,
    chatSkills: normalizeSkills(edited.chatSkills),
    chatIntents: intents,
    isChatDefault: edited.handlesChat && edited.isChatDefault,
    offerTimeoutSeconds: Math.round(Math.min(MAX_OFFER_TIMEOUT_SECONDS, Math.max(MIN_OFFER_TIMEOUT_SECONDS, edited.offerTimeoutSeconds))),
  };
}
